"""Articles added from the web: a page (or a PDF) fetched and kept in the case folder as the
server sent it, its address and the time it was fetched written to the case's catalog; a
feed's entries (RSS 2.0, RSS 1.0, Atom) added the same way, the ones already in the case
passed over.

Nothing is left behind when an address cannot be added: the file is written under a hidden
name and given its own name only once it is whole, and taken away again when the catalog
cannot be written.  The bytes are kept as served, so a page's declared encoding is read as
from any saved page.  A file is never overwritten: a second page of the same title gets
``-2``.  Whether an address is already in the case is read from the catalog (``url``, and
``fetched_from`` when the server redirected it elsewhere).
"""

from __future__ import annotations

import html
import os
import re
import secrets
import socket
import ssl
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..files import TomlError, read_toml
from ..places import data_dir_for
from .corrections import CorrectionError, record
from .encoding import declared_encoding
from .metadata import CATALOG_NAME

TIMEOUT = 20.0  # seconds for the whole answer, not only for each read
MAX_PAGE_BYTES = 25 * 1024 * 1024
MAX_PDF_BYTES = 200 * 1024 * 1024  # as the PDF reader takes
_CHUNK = 64 * 1024
_USER_AGENT = "casereader (adding an article to a case)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf;q=0.9,"
    "application/rss+xml,application/atom+xml,application/xml;q=0.8,*/*;q=0.5"
)


class FetchError(Exception):
    """An address that could not be added, and why, as one line: ``URL: reason``."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Response:
    requested: str
    url: str  # after redirects
    content_type: str  # its main part, lower case ("text/html")
    body: bytes
    fetched: str  # ISO 8601, UTC, seconds


@dataclass(frozen=True)
class Added:
    """A page or PDF written into the case."""

    requested: str
    url: str
    path: str  # relative to the case folder, with "/"
    title: str
    kind: str  # "html" or "pdf"
    fetched: str

    def to_json(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in ("url", "requested", "path", "title", "kind", "fetched")}


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str


@dataclass
class Outcome:
    """What adding some addresses (or a feed's entries) did."""

    added: list[Added] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # addresses the case holds already
    failed: list[FetchError] = field(default_factory=list)
    feed: str = ""  # the feed's title, when a feed was read

    def to_json(self) -> dict[str, object]:
        return {
            "added": [a.to_json() for a in self.added],
            "already": self.already,
            "failed": [{"url": f.url, "reason": f.reason} for f in self.failed],
            "feed": self.feed or None,
        }


# --- fetching ---------------------------------------------------------------------------------


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int | None = None) -> Response:
    """GET ``url``, following redirects; FetchError with a reason a reader can act on when
    the address is no web address, cannot be reached, answers with an error, takes longer
    than ``timeout`` seconds in all, or is larger than ``max_bytes`` (by default
    MAX_PAGE_BYTES, MAX_PDF_BYTES for a PDF)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not a web address (write it with http:// or https://)")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            final = answer.geturl()
            content_type = answer.headers.get_content_type().lower() if answer.headers.get("Content-Type") else ""
            limit = max_bytes or (MAX_PDF_BYTES if content_type == "application/pdf" else MAX_PAGE_BYTES)
            length = answer.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(url, f"too large ({_megabytes(int(length))}; at most {_megabytes(limit)})")
            chunks: list[bytes] = []
            size = 0
            while chunk := answer.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"too large (more than {_megabytes(limit)})")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"no whole answer within {timeout:g} s")
                chunks.append(chunk)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"the server answered {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise FetchError(url, _unreachable(exc.reason, timeout)) from None
    except TimeoutError:
        raise FetchError(url, f"no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a connection reset, a malformed answer
        raise FetchError(url, _unreachable(exc, timeout)) from None
    fetched = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Response(url, final, content_type, b"".join(chunks), fetched)


def _unreachable(reason: object, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return "the address could not be found (no network, or no such host)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection failed ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"could not be reached ({reason.strerror})"
    return f"could not be reached ({reason})"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def kind_of(response: Response) -> str:
    """ "html", "pdf", "feed", or "" for anything else, from what the body starts with and
    the type the server gave (a server may send a page as text/plain, a PDF as
    application/octet-stream)."""
    head = response.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if re.match(rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:rdf)\b", head, re.S):
        return "feed"
    if response.content_type in ("text/html", "application/xhtml+xml") or re.match(
        rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body)\b", head, re.S
    ):
        return "html"
    return ""


# --- adding pages -----------------------------------------------------------------------------


def known_urls(folder: Path) -> set[str]:
    """The addresses the case's catalogs hold (the folder's and the data folder's): what was
    added already, by whatever address it was asked for."""
    found: set[str] = set()
    for path in (folder / CATALOG_NAME, data_dir_for(folder) / CATALOG_NAME):
        try:
            data = read_toml(path, encoding="utf-8-sig")
        except (OSError, TomlError):
            continue
        documents = data.get("documents")
        if not isinstance(documents, dict):
            continue
        for entry in documents.values():
            if isinstance(entry, dict):
                found.update(str(entry[key]) for key in ("url", "fetched_from") if entry.get(key))
    return found


def add_urls(folder: Path, urls: list[str], timeout: float = TIMEOUT) -> Outcome:
    """Fetch each address and keep it in the case; the ones the case has already are passed
    over, the ones that cannot be added say why."""
    outcome = Outcome()
    known = known_urls(folder)
    for url in urls:
        if url in known:
            outcome.already.append(url)
            continue
        try:
            added = add_page(folder, url, timeout=timeout)
        except FetchError as exc:
            outcome.failed.append(exc)
            continue
        outcome.added.append(added)
        known.update((added.url, added.requested))
    return outcome


def add_page(folder: Path, url: str, timeout: float = TIMEOUT, feed: str = "") -> Added:
    """Fetch a page (or a PDF) and write it into the case folder with its catalog entry."""
    return _keep(folder, fetch(url, timeout=timeout), feed)


def add_address(folder: Path, url: str, timeout: float = TIMEOUT) -> Outcome:
    """What the app's "Add article by URL" does: a page or a PDF is added; a feed's entries
    the case does not hold yet are added (one fetch of the address either way).  Never
    raises: what could not be added is in ``failed``."""
    if url in known_urls(folder):
        return Outcome(already=[url])
    try:
        response = fetch(url, timeout=timeout)
        if kind_of(response) == "feed":
            title, entries = _entries(response)
            return _add_entries(folder, url, title, entries, timeout)
        return Outcome(added=[_keep(folder, response)])
    except FetchError as exc:
        return Outcome(failed=[exc])


def _keep(folder: Path, response: Response, feed: str = "") -> Added:
    """Write a fetched page or PDF into the case folder, with its catalog entry."""
    url = response.requested
    kind = kind_of(response)
    if kind not in ("html", "pdf"):
        sent = response.content_type or "no type"
        where = f" (redirected to {response.url})" if response.url != url else ""
        what = "a feed: add it with --feed" if kind == "feed" else f"not a web page or a PDF: the server sent {sent}"
        raise FetchError(url, what + where)
    title = _page_title(response.body) if kind == "html" else ""
    name = _file_stem(title, response.url) + (".html" if kind == "html" else ".pdf")
    path = _write_new(folder, name, response.body, url)
    relpath = path.relative_to(folder).as_posix()
    fields = {"url": response.url, "fetched": response.fetched}
    if response.url != url:
        fields["fetched_from"] = url
    if feed:
        fields["feed"] = feed
    try:
        record(folder, relpath, fields)
    except CorrectionError as exc:
        path.unlink(missing_ok=True)
        raise FetchError(url, f"not added: {exc}") from None
    return Added(url, response.url, relpath, title, kind, response.fetched)


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def _page_title(body: bytes) -> str:
    declared = declared_encoding(body)
    codec = declared[0] if declared else "utf-8"
    try:
        text = body[:65536].decode(codec, errors="replace")
    except LookupError:
        text = body[:65536].decode("utf-8", errors="replace")
    match = _TITLE.search(text)
    return " ".join(html.unescape(match.group(1)).split()) if match else ""


def _file_stem(title: str, url: str) -> str:
    """A file name from the page's title, else from its address: words joined by hyphens,
    letters of any script kept, at most 60 characters."""
    parts = urllib.parse.urlsplit(url)
    last = urllib.parse.unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    last = re.sub(r"\.(?:s?html?|php|aspx?|jsp|pdf)$", "", last, flags=re.I)
    for candidate in (title, last, parts.hostname or ""):
        text = unicodedata.normalize("NFKC", candidate).casefold()
        stem = re.sub(r"[^\w]+", "-", text).strip("-_")
        if len(stem) > 60:  # cut at a word's end
            stem = stem[:61].rsplit("-", 1)[0] if "-" in stem[30:61] else stem[:60]
        stem = stem.strip("-_")
        if stem and not stem.startswith("."):
            return stem
    return "page"


def _write_new(folder: Path, name: str, data: bytes, url: str) -> Path:
    """Write ``data`` under a hidden name in ``folder``, then give it ``name`` (or ``name-2``,
    ``-3``…: never another file's); nothing is left when writing fails."""
    stem, dot, suffix = name.rpartition(".")
    temporary = ""
    try:
        # A hidden name the scanner passes over, made as any new file is (the umask's mode).
        temporary = str(folder / f".casereader-add-{secrets.token_hex(8)}")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        for n in range(1, 1000):
            target = folder / (f"{stem}{'' if n == 1 else f'-{n}'}{dot}{suffix}")
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            except OSError:  # no hard links here: take the name if it is free
                if target.exists():
                    continue
                os.replace(temporary, target)
                return target
            os.unlink(temporary)
            return target
        raise FetchError(url, f"no free file name for {name} in the case folder")
    except OSError as exc:
        raise FetchError(url, f"the case folder cannot be written ({exc.strerror or exc})") from None
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)


# --- feeds ------------------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"


def feed_entries(url: str, timeout: float = TIMEOUT) -> tuple[str, list[FeedEntry]]:
    """A feed's title and its entries' titles and links (RSS 2.0, RSS 1.0, Atom), in the
    feed's order; FetchError when the address is no feed."""
    return _entries(fetch(url, timeout=timeout))


def _entries(response: Response) -> tuple[str, list[FeedEntry]]:
    url = response.requested
    if kind_of(response) != "feed":
        sent = response.content_type or "no type"
        raise FetchError(url, f"not a feed (RSS or Atom): the server sent {sent}")
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(response.body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(url, f"not a feed: its XML cannot be read ({exc})") from None
    base = response.url
    entries: list[FeedEntry] = []
    tag = etree.QName(root).localname.lower()
    if tag == "rss":
        channel = root.find("channel")
        title = _text(channel.find("title")) if channel is not None else ""
        for item in root.iter("item"):
            link = _text(item.find("link"))
            guid = item.find("guid")
            if not link and guid is not None and guid.get("isPermaLink", "true").lower() == "true":
                link = _text(guid)
            entries.append(FeedEntry(_text(item.find("title")), link))
    elif tag == "feed":
        title = _text(root.find(f"{_ATOM}title"))
        for entry in root.iter(f"{_ATOM}entry"):
            links = entry.findall(f"{_ATOM}link")
            alternate = next((a for a in links if a.get("rel", "alternate") == "alternate"), None)
            link = alternate.get("href", "") if alternate is not None else ""
            entries.append(FeedEntry(_text(entry.find(f"{_ATOM}title")), link.strip()))
    elif tag == "rdf":
        channel = root.find(f"{_RSS1}channel")
        title = _text(channel.find(f"{_RSS1}title")) if channel is not None else ""
        for item in root.iter(f"{_RSS1}item"):
            entries.append(FeedEntry(_text(item.find(f"{_RSS1}title")), _text(item.find(f"{_RSS1}link"))))
    else:
        raise FetchError(url, "not a feed (RSS or Atom)")
    found = [FeedEntry(e.title, urllib.parse.urljoin(base, e.link)) for e in entries if e.link]
    return title, found


def _text(element: object) -> str:
    text = getattr(element, "text", None) if element is not None else None
    return " ".join(str(text).split()) if text else ""


def add_feed(folder: Path, url: str, timeout: float = TIMEOUT) -> Outcome:
    """Add the feed's entries the case does not hold yet, each written as ``add_page`` does,
    with the feed's address in its catalog entry."""
    title, entries = feed_entries(url, timeout=timeout)
    return _add_entries(folder, url, title, entries, timeout)


def _add_entries(folder: Path, url: str, title: str, entries: list[FeedEntry], timeout: float) -> Outcome:
    outcome = Outcome(feed=title or url)
    known = known_urls(folder)
    for entry in entries:
        if entry.link in known:
            outcome.already.append(entry.link)
            continue
        try:
            added = add_page(folder, entry.link, timeout=timeout, feed=url)
        except FetchError as exc:
            outcome.failed.append(exc)
            continue
        outcome.added.append(added)
        known.update((added.url, added.requested))
    return outcome
