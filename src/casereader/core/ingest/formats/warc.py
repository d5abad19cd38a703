"""Web archives: a WARC file (.warc, .warc.gz) or a WACZ (a zip of WARCs).  Each archived
HTML page (a response record with status 200) is a document keyed by its URL, read by the web
page format; its address is the captured URL and its date the page's own, else the capture's
(WARC-Date).  Requests, revisits, scripts, styles and images are passed over."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ...models import UnreadableFile
from ..encoding import read_text
from . import html
from .base import Extracted, Format, no_text

MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
MAX_PAGE_BYTES = 20 * 1024 * 1024


def _charset(content_type: str) -> str:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else ""


def _pages(stream: Any) -> Iterator[tuple[str, str, bytes, str]]:
    """(URL, WARC-Date, body, HTTP charset) of each archived HTML page with status 200."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            if status != "200" or "html" not in content_type.casefold():
                continue
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(body) > MAX_PAGE_BYTES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            yield url.strip("<>"), record.rec_headers.get_header("WARC-Date") or "", body, _charset(content_type)
    except ArchiveLoadFailed as exc:
        raise UnreadableFile(f"damaged or not a web archive ({str(exc).splitlines()[0][:120]})") from exc
    except (OSError, EOFError, ValueError, zipfile.BadZipFile) as exc:  # a truncated gzip member, a broken record
        raise UnreadableFile(f"damaged ({type(exc).__name__}: {exc})") from exc


def _decoded(body: bytes, charset: str) -> str:
    if charset:
        try:
            return body.decode(html_codec(charset))
        except (LookupError, UnicodeDecodeError):
            pass
    return read_text(body, markup=True)[0]


def html_codec(label: str) -> str:
    import codecs

    from ..encoding import _SUPERSETS

    name = codecs.lookup(label).name
    return _SUPERSETS.get(name, name)


def _states_date(page: str) -> bool:
    """Whether a page states when it was published in its metadata (JSON-LD, ``<meta>``,
    ``<time>``), not only in text trafilatura may guess a date from ("last updated …")."""
    from .html_meta import _PUBLISHED_META, _ld_field, read_facts

    facts = read_facts(page)
    return bool(
        _ld_field(facts, "datePublished")
        or facts.first(*_PUBLISHED_META)
        or facts.times.get("datepublished")
        or facts.times.get("pubdate")
    )


def _documents(pages: Iterator[tuple[str, str, bytes, str]]) -> list[Extracted]:
    found: list[Extracted] = []
    seen: set[str] = set()
    passed = 0
    for url, captured, body, charset in pages:
        decoded = _decoded(body, charset)
        try:
            page = html.read(decoded)
        except UnreadableFile:
            passed += 1
            continue
        key = url if url not in seen else f"{url}@{captured}"
        seen.add(key)
        meta = {**page.meta, "url": url or page.meta.get("url", "")}
        origins = dict(page.origins)
        if captured and (not meta.get("date") or not _states_date(decoded)):
            meta["date"] = captured[:10]  # the page's own date when it states one, else the capture's
            origins["date"] = "capture date"
        origins["url"] = "web archive"
        found.append(
            Extracted(
                page.text,
                page.offset,
                page.first_line,
                meta,
                "page metadata",
                origins,
                page.age,
                key=key,
                blocks=page.blocks,
            )
        )
    if not found:
        raise UnreadableFile(
            "no archived web page with article text" + (f" ({passed} pages without)" if passed else "")
        )
    if passed:
        first = found[0]
        found[0] = Extracted(
            first.text, first.offset, first.first_line, first.meta, first.origin, first.origins, first.age,
            key=first.key, notes=(f"{passed} archived page{'s' if passed > 1 else ''} without article text left out",),
            blocks=first.blocks,
        )  # fmt: skip
    return found


def read_warc(data: bytes) -> list[Extracted]:
    return _documents(_pages(io.BytesIO(data)))


def read_wacz(data: bytes) -> list[Extracted]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in archive.namelist() if re.search(r"\.(?:warc|arc)(?:\.gz)?$", n, re.I)]
        if not names:
            raise UnreadableFile("not a WACZ (no WARC file inside)")

        def pages() -> Iterator[tuple[str, str, bytes, str]]:
            for name in sorted(names):
                with archive.open(name) as member:
                    yield from _pages(io.BytesIO(member.read()))

        return _documents(pages())
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(f"damaged or not a WACZ ({exc})") from exc


WARC = Format("warc", (".warc", ".warc.gz", ".arc.gz"), no_text, read_bytes=read_warc, many=True,
              max_bytes=MAX_ARCHIVE_BYTES)  # fmt: skip
WACZ = Format("wacz", (".wacz",), no_text, read_bytes=read_wacz, many=True, max_bytes=MAX_ARCHIVE_BYTES)
