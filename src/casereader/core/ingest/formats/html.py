"""Web pages saved from a browser: the article's text and the page's own metadata."""

from __future__ import annotations

import re

from ...models import UnreadableFile
from ...text.safe import is_unsafe, stand_in, visible
from .base import Extracted, Format
from .html_meta import PageMeta, page_metadata, read_facts

MIN_PAGE_WORDS = 8  # fewer extracted words than this is a menu or an error page, not an article


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
    if not text or len(text.split()) < MIN_PAGE_WORDS:
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


def read(page: str) -> Extracted:
    text, found = extract_html(visible_controls(page))
    return Extracted(text, meta=found.fields, origin="page metadata", origins=found.origins, age=found.age)


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
