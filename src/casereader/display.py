"""Showing document text safely: literally, with highlights, never as markup or control codes.

Used by the CLI and the app.  Text from documents is wrapped in ``rich.text.Text`` objects
(never parsed as console markup), and every control character is replaced, one for one, by a
visible stand-in (``visible``, from the core's ``text.safe``: one range for every caller), so
an escape sequence inside an article shows as ``␛[31m`` instead of colouring or moving the
terminal, and highlight offsets stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from .core import Span, visible

__all__ = ["ORIGINS_LEGEND", "clip", "highlighted", "origin_marks", "quoted", "snippet", "visible"]


def clip(text: str, width: int = 0) -> str:
    """``text`` on one line, visible, at most ``width`` characters (any length for 0)."""
    one_line = " ".join(text.split())
    if width and len(one_line) > width:
        one_line = one_line[: width - 1] + "…"
    return visible(one_line)


def quoted(text: str, limit: int = 60) -> str:
    """A user's text quoted in a message: on one line, at most ``limit`` characters, visible."""
    return repr(clip(text, limit))


def highlighted(text: str, spans: Iterable[Span], style: str = "bold black on yellow", base: str = "") -> Text:
    """A Rich Text of ``text`` shown literally, with ``spans`` styled."""
    result = Text(visible(text), style=base)
    for span in spans:
        result.stylize(style, span.start, span.end)
    return result


def snippet(text: str, spans: list[Span], width: int = 240, anchor: list[Span] | None = None) -> tuple[str, list[Span]]:
    """A window of ``text`` around its best-matching part, with the spans moved to match.

    The best part holds the most different matched words (then the most matches): in a
    long paragraph that names "Bukele" once at the start and "Bukele … CECOT … 252" together
    further on, the snippet shows the latter.  With ``anchor``, the window holds its first
    span instead (a figure that differs, the reason the passage is shown): calls with the
    same anchor cut the same window, whatever their spans."""
    if len(text) <= width:
        return text, spans
    first = _focus(text, spans, width, anchor)
    start = max(0, min(first - width // 3, len(text) - width))
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - start
    moved = [Span(s.start + shift, s.end + shift) for s in spans if s.start >= start and s.end <= end]
    return prefix + text[start:end] + suffix, moved


def _focus(text: str, spans: list[Span], width: int, anchor: list[Span] | None) -> int:
    """Where a snippet's window is placed: the anchor, else the densest run of matches."""
    if anchor:
        return anchor[0].start
    return _best_window(text, spans, width) if spans else 0


def _best_window(text: str, spans: list[Span], width: int) -> int:
    """Where the densest run of matches starts: of the windows of ``width`` characters that
    start a third of a window before a match, the one with the most distinct matched words."""
    ordered = sorted(spans, key=lambda s: s.start)
    reach = width - width // 3  # a match at a window's start sits a third into it
    best, best_key = ordered[0].start, (0, 0)
    for i, span in enumerate(ordered):
        inside = [s for s in ordered[i:] if s.end <= span.start + reach]
        key = (len({text[s.start : s.end].casefold() for s in inside}), len(inside))
        if key > best_key:
            best, best_key = span.start, key
    return best


_ORIGIN_MARKS = {
    "catalog": "c",
    "page metadata": "p",
    "front matter": "f",
    "text": "t",
    "web address": "w",
    "folder": "o",
    "first sentence": "s",
    "file name": "n",
    "file time": "m",
    "detected": "d",
}
ORIGINS_LEGEND = (
    "from: c catalog · p page metadata · f front matter · t the text · w web address · o folder · "
    "s first sentence · n file name · m file time · d detected"
)


def origin_marks(origins: dict[str, str]) -> str:
    """Where each metadata field came from, short: ``author=t date=c title=c``."""
    return " ".join(
        f"{field}={_ORIGIN_MARKS.get(origin, '?')}"
        for field, origin in sorted(origins.items())
        if field != "outlet_description"
    )
