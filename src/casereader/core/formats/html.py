"""Web pages saved from a browser: the article's text and the page's own metadata."""

from __future__ import annotations

import re

from ..metadata import normalise_date
from ..models import UnreadableFile
from .base import Extracted, Format

MIN_PAGE_WORDS = 8  # fewer extracted words than this is a menu or an error page, not an article
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)


def extract_html(page: str) -> tuple[str, dict[str, str]]:
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
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(page)
    if found is not None:
        for key, value in (
            ("title", found.title),
            ("author", found.author),
            ("date", found.date),
            ("outlet", found.sitename or found.hostname),
            ("url", found.url),
        ):
            if value:
                meta[key] = normalise_date(value) if key == "date" else str(value).replace(";", ",")
    lang = _HTML_LANG.search(page[:5000])
    if lang:
        meta["lang"] = lang.group(1).lower()
    return text, meta


def read(page: str) -> Extracted:
    text, meta = extract_html(page)
    return Extracted(text, meta=meta, origin="page metadata")


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
