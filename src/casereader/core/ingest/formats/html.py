"""Web pages saved from a browser: the article's text and the page's own metadata."""

from __future__ import annotations

import re

from ...models import UnreadableFile
from .base import Extracted, Format
from .html_meta import PageMeta, page_metadata, read_facts

MIN_PAGE_WORDS = 8  # fewer extracted words than this is a menu or an error page, not an article


def _words(text: str) -> int:
    """Words of a text, counting a Chinese or Japanese character as half of one (no spaces there)."""
    wide = len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", text))
    return len(text.split()) + wide // 2


def extract_html(page: str) -> tuple[str, PageMeta]:
    """The article's main text (one paragraph per line) and the page's own metadata.

    trafilatura reads the page from the string given (never the network) and leaves out
    navigation, ads, comments and related-links boxes; og:/JSON-LD/<time>/meta author come
    before its guesses.
    """
    import trafilatura

    text = trafilatura.extract(
        page, output_format="txt", include_comments=False, include_tables=True, favor_precision=True
    )
    if not text or _words(text) < MIN_PAGE_WORDS:
        raise UnreadableFile("no article text found in the page")
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
    return text, page_metadata(read_facts(page), guessed)


_CONTROL_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _stand_in(code: int) -> str:
    """The visible character that stands for a control character: ␛ for ESC, ␡ for DEL."""
    if code < 0x20:
        return chr(0x2400 + code)
    return "␡" if code == 0x7F else "\ufffd"


def _is_control(code: int) -> bool:
    return (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or 0x7F <= code <= 0x9F


def visible_controls(page: str) -> str:
    """Control characters in a page, raw or as references (``&#27;``), as visible stand-ins:
    the HTML parser rejects a page holding them, and they must never reach a terminal."""

    def ref(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return _stand_in(code) if _is_control(code) else match.group()

    page = _CONTROL_REF.sub(ref, page)
    return _RAW_CONTROL.sub(lambda m: _stand_in(ord(m.group())), page)


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read(page: str) -> Extracted:
    page = _XML_DECLARATION.sub("", page, count=1)  # decoded already: lxml refuses a str that declares bytes
    text, found = extract_html(visible_controls(unarchived(page)))
    return Extracted(text, meta=found.fields, origin="page metadata", origins=found.origins, age=found.age)


_WAYBACK_TOOLBAR = re.compile(r"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->", re.S)
_WAYBACK_URL = re.compile(r"(?:https?:)?//web\.archive\.org/web/\d{1,14}(?:[a-z]{2}_)?/", re.I)


def unarchived(page: str) -> str:
    """A page saved from the Wayback Machine as the page it archived: the archive's banner (and
    its capture date) out, its links (canonical, og:url) back to the original addresses."""
    if "web.archive.org" not in page and "WAYBACK TOOLBAR" not in page:
        return page
    return _WAYBACK_URL.sub("", _WAYBACK_TOOLBAR.sub("", page))


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
