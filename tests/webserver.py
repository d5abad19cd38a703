"""A web server on 127.0.0.1 (a thread of the test's process) serving real saved pages, for
``casereader add`` and the app's "Add article by URL": the iana.org pages of the format
fixtures (``/web/…``), real news pages (``/pages/…``), the 5th Cir. PDF, NASA's real RSS feed
with its items' links pointed at those pages, an Atom feed of real pages; and what goes wrong:
a 404, a slow answer, redirects (``/moved/…``), an image, JSON, a page too large, feeds that
are no feeds."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FEED = FIXTURES / "formats" / "feed" / "nasa-breaking-news.rss"
# Each NASA item's link, pointed at a real page the local server serves.
FEED_PAGES = [
    "/web/iana-about.html",
    "/pages/readability-aclu.html",
    "/pages/goose3-guardian1.html",
    "/web/iana-numbers.html",
]


@dataclass
class Server:
    """Routes: path -> (status, content type, body) or a function of the handler."""

    base: str = ""
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    slow: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def feed_with_links(base: str, links: list[str]) -> bytes:
    """NASA's feed as it was served, its items' links (and guids) pointed at ``links``."""
    text = FEED.read_text(encoding="utf-8")
    originals = re.findall(r"<link>(http://www\.nasa\.gov/press-release/[^<]+)</link>", text)
    assert len(originals) == 4
    for original, link in zip(originals, links, strict=False):
        text = text.replace(original, base + link)
    return text.encode("utf-8")


def _atom(base: str) -> bytes:
    """An Atom feed of two real pages, by their titles and addresses."""
    entries = "".join(
        f"<entry><title>{title}</title><link rel='alternate' href='{path}'/><id>{base}{path}</id>"
        f"<updated>2014-01-26T00:00:00Z</updated></entry>"
        for title, path in (
            ("IANA — Time Zone Database", "/web/iana-time-zones.html"),
            ("IANA — Protocol Registries", "/web/iana-protocols.html"),
        )
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>IANA pages</title><id>{base}/atom.xml</id><updated>2014-01-26T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


@contextmanager
def serving() -> Iterator[Server]:
    server = Server()
    routes = server.routes
    for folder, prefix in ((FIXTURES / "formats" / "web", "/web/"), (FIXTURES / "pages", "/pages/")):
        for page in folder.glob("*.html"):
            routes[prefix + page.name] = (200, "text/html", page.read_bytes())
    pdf = FIXTURES / "formats" / "pdf" / "ca5-st-pierre-v-standard-2022.pdf"
    routes["/opinion.pdf"] = (200, "application/pdf", pdf.read_bytes())
    routes["/logo.png"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    routes["/data.json"] = (200, "application/json", b'{"not": "a page"}')
    routes["/big.html"] = (200, "text/html", b"<html><body><p>" + b"word " * 40_000 + b"</p></body></html>")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/slow":
                server.slow.wait(5)  # answers only when the test is over (or after 5 s)
                self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
            elif path.startswith("/moved/"):
                self.send_response(302)
                self.send_header("Location", path.removeprefix("/moved"))
                self.end_headers()
            elif path in routes:
                self._send(*routes[path])
            else:
                self._send(404, "text/html", b"<html><body>Not here</body></html>")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    routes["/feed.rss"] = (200, "application/rss+xml", feed_with_links(server.base, FEED_PAGES))
    routes["/atom.xml"] = (200, "application/atom+xml", _atom(server.base))
    routes["/not-a-feed.rss"] = (200, "application/rss+xml", routes["/web/iana-about.html"][2])
    routes["/broken.rss"] = (200, "application/rss+xml", b"<?xml version='1.0'?><rss><channel><item>")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.slow.set()
        httpd.shutdown()
        httpd.server_close()
