"""Web pages saved from a browser: the article's text and the page's own metadata."""

from __future__ import annotations

import re

from ...models import UnreadableFile
from ...text.safe import is_unsafe, stand_in, visible
from ..metadata import parse_byline
from .base import Extracted, Format
from .html_blocks import HEAD, restore
from .html_meta import PageMeta, page_metadata, read_facts

MIN_PAGE_WORDS = 8  # fewer extracted words than this is a menu or an error page, not an article
SCRAP_WORDS = 150  # fewer words than this read with favor_precision: the page is read again with defaults
SCRAP_RATIO = 3  # ... and that reading is taken when it has this many times the words


def _words(text: str) -> int:
    """Words of a text, counting a Chinese or Japanese character as half of one (no spaces there)."""
    wide = len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", text))
    return len(text.split()) + wide // 2


def extract_html(page: str) -> tuple[str, PageMeta, tuple[tuple[int, int, str], ...]]:
    """The article's main text (one paragraph per line), the page's own metadata, and the
    spans of the text that are headings casereader put back (start, end, kind: the headline
    ``title``, the others ``heading``).

    trafilatura reads the page from the string given (never the network) and leaves out
    navigation, ads, comments and related-links boxes (``favor_precision``; a reading of fewer
    than SCRAP_WORDS words is checked against its default reading); og:/JSON-LD/<time>/meta
    author come before its guesses.
    """
    import trafilatura

    text = trafilatura.extract(
        page, output_format="txt", include_comments=False, include_tables=True, favor_precision=True
    )
    if text and MIN_PAGE_WORDS <= _words(text) < SCRAP_WORDS:
        # favor_precision now and then keeps a scrap of a long article (a review's verdict box):
        # trafilatura's default reading is taken when it finds several times more
        fuller = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=True)
        if fuller and _words(fuller) >= SCRAP_RATIO * _words(text):
            text = fuller
    if not text or _words(text) < MIN_PAGE_WORDS:
        raise UnreadableFile("no article text found in the page")
    text, kinds = restore_left_out(page, text)
    guessed: dict[str, str] = {}
    found = trafilatura.extract_metadata(page)
    if found is not None:
        for key, value in (
            ("title", found.title),
            ("author", found.author),
            ("date", found.date),
            ("outlet", found.sitename),
            ("hostname", found.hostname),
            ("url", found.url),
        ):
            if value:
                guessed[key] = str(value).replace(";", ",")
    return text, page_metadata(read_facts(page), guessed), _spans(text, kinds)


def _spans(text: str, kinds: dict[int, str]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, kind) of the lines of ``text`` put back as headings (the headline a
    ``title``), and of a byline put back from the article's head ("by Ana Pérez, July 3")."""
    spans = []
    start = 0
    for n, line in enumerate(text.split("\n")):
        kind = kinds.get(n, "")
        if kind == HEAD:
            kind = "byline" if parse_byline(line) else ""
        if kind and line.strip():
            spans.append((start, start + len(line), kind))
        start += len(line) + 1
    return tuple(spans)


def restore_left_out(page: str, text: str) -> tuple[str, dict[int, str]]:
    """trafilatura's text with the blocks of the page's main content it left out put back
    (its headline, a lead or intro in the article's header, headings and panels beside the
    text it chose): see ``html_blocks``.  A page lxml cannot parse keeps trafilatura's text."""
    import lxml.html  # type: ignore[import-untyped]

    parser = lxml.html.HTMLParser(encoding="utf-8")  # decoded already
    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return text, {}
    try:
        return restore(tree, text)
    except RecursionError:  # nesting deeper than Python's stack (lxml stops at 256: a guard only)
        return text, {}


_CHARACTER_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_LINE_ENDS = re.compile(r"\r\n?")


def _referenced(code: int, reference: str) -> str:
    """What a numeric reference in a page stands for, made safe: a reference to 128–159
    means the Windows-1252 character, as the HTML standard (and every browser) reads it
    (``&#150;`` is "–"); an unsafe character becomes its stand-in; the rest stay references
    (a carriage return, ``&#13;``, is a line end in a page)."""
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # 129, 141, 143, 144, 157: no character
            return stand_in(code)
    return stand_in(code) if is_unsafe(code) and code != 0x0D else reference


def visible_controls(page: str) -> str:
    """Unsafe characters in a page (see ``text.safe``: controls, bidi and hiding characters),
    raw or as references (``&#27;``), as visible stand-ins: the HTML parser rejects a page
    holding controls, and none may reach a terminal.  Line ends become line feeds first, as
    the HTML parser reads them."""

    def ref(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return _referenced(code, match.group())

    page = _CHARACTER_REF.sub(ref, page)
    return visible(_LINE_ENDS.sub("\n", page))


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read(page: str) -> Extracted:
    page = _XML_DECLARATION.sub("", page, count=1)  # decoded already: lxml refuses a str that declares bytes
    text, found, headings = extract_html(visible_controls(unarchived(page)))
    return Extracted(
        text, meta=found.fields, origin="page metadata", origins=found.origins, age=found.age, blocks=headings
    )


_WAYBACK_TOOLBAR = re.compile(r"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->", re.S)
_WAYBACK_URL = re.compile(r"(?:https?:)?//web\.archive\.org/web/\d{1,14}(?:[a-z]{2}_)?/", re.I)


def unarchived(page: str) -> str:
    """A page saved from the Wayback Machine as the page it archived: the archive's banner (and
    its capture date) out, its links (canonical, og:url) back to the original addresses."""
    if "web.archive.org" not in page and "WAYBACK TOOLBAR" not in page:
        return page
    return _WAYBACK_URL.sub("", _WAYBACK_TOOLBAR.sub("", page))


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
