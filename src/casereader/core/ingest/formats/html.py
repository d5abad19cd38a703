"""Web pages saved from a browser: the article's text and the page's own metadata."""

from __future__ import annotations

import re

from ...models import UnreadableFile
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


def read(page: str) -> Extracted:
    text, found = extract_html(visible_controls(page))
    return Extracted(text, meta=found.fields, origin="page metadata", origins=found.origins, age=found.age)


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
