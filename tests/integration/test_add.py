"""``casereader add``: pages, PDFs and feeds fetched from a web server on 127.0.0.1 (a thread of
this process) serving real saved pages: the iana.org pages of the format fixtures, real news
pages (tests/fixtures/pages), the 5th Cir. PDF, and NASA's real RSS feed with its items' links
pointed at the local pages (and an Atom feed made of real pages' titles and addresses).

Every failure — a 404, a slow answer, a redirect to an image, an answer that is no page, a feed
that is no feed, a page too large, an unknown host, a refused connection, a case folder that
cannot be written, a full disk — is one line naming the address, exit code 2, and the case left
as it was: no file, no catalog entry.
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereader.core.ingest import fetch

from ..webserver import FEED_PAGES, FIXTURES, Server, feed_with_links, serving
from .conftest import Cli


@pytest.fixture
def web() -> Iterator[Server]:
    with serving() as server:
        yield server


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "catalog.toml").write_text(
        '# my own notes on this case\n[case]\nname = "Web"\n\n[documents."old.txt"]\ntitle = "An old one"\n',
        encoding="utf-8",
    )
    (folder / "old.txt").write_text("A first article of the case, already here.\n", encoding="utf-8")
    return folder


def _entries(folder: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads((folder / "catalog.toml").read_text(encoding="utf-8"))["documents"]


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_page_is_kept_as_served_recorded_and_indexed(cli: Cli, web: Server, case: Path) -> None:
    url = web.url("/web/iana-about.html")
    ran = cli("add", url, "--corpus", str(case))
    assert ran.returncode == 0, ran.stderr
    name = "iana-about-the-internet-assigned-numbers-authority.html"
    assert f"added {name} (IANA — About the Internet Assigned Numbers Authority) from {url}" in ran.stdout
    assert (case / name).read_bytes() == (FIXTURES / "formats" / "web" / "iana-about.html").read_bytes()
    entry = _entries(case)[name]
    assert entry["url"] == url and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry["fetched"])
    catalog = (case / "catalog.toml").read_text(encoding="utf-8")
    assert catalog.startswith("# my own notes on this case\n") and 'title = "An old one"' in catalog
    found = cli("search", "Internet Assigned Numbers Authority", "--corpus", str(case), "--json")
    hit = json.loads(found.stdout)["hits"][0]
    assert hit["doc_id"] == name.removesuffix(".html") and hit["url"] == url
    again = cli("add", url, "--corpus", str(case))  # the same address again: nothing new
    assert (again.returncode, again.stdout.strip()) == (1, f"already in the case: {url}")
    assert sorted(_files(case)) == sorted(["catalog.toml", "old.txt", name])


def test_a_title_taken_already_gets_another_name_never_overwrites(cli: Cli, web: Server, case: Path) -> None:
    name = "iana-about-the-internet-assigned-numbers-authority.html"
    (case / name).write_text("<html><body><p>Mine, not to be lost: my own copy of the page.</p></body></html>")
    ran = cli("add", web.url("/web/iana-about.html"), "--corpus", str(case))
    assert ran.returncode == 0, ran.stderr
    assert "Mine, not to be lost" in (case / name).read_text()
    assert (case / name.replace(".html", "-2.html")).is_file()


def test_redirects_are_followed_and_the_final_address_kept(cli: Cli, web: Server, case: Path) -> None:
    asked = web.url("/moved/pages/readability-aclu.html")
    ran = cli("add", asked, "--corpus", str(case), "--json")
    assert ran.returncode == 0, ran.stderr
    added = json.loads(ran.stdout)["added"][0]
    assert added["url"] == web.url("/pages/readability-aclu.html") and added["requested"] == asked
    entry = _entries(case)[added["path"]]
    assert entry["url"] == added["url"] and entry["fetched_from"] == asked
    again = cli("add", asked, "--corpus", str(case))  # known by the address it was asked for too
    assert again.returncode == 1


def test_a_pdf_served_is_kept_as_a_pdf_and_read(cli: Cli, web: Server, case: Path) -> None:
    ran = cli("add", web.url("/opinion.pdf"), "--corpus", str(case), "--json")
    assert ran.returncode == 0, ran.stderr
    added = json.loads(ran.stdout)["added"][0]
    assert (added["path"], added["kind"]) == ("opinion.pdf", "pdf")
    found = cli("search", "Dearborn", "--corpus", str(case), "--json")
    assert json.loads(found.stdout)["hits"][0]["doc_id"] == "opinion"


def test_a_feed_adds_its_entries_then_only_the_new_ones(cli: Cli, web: Server, case: Path) -> None:
    feed = web.url("/feed.rss")
    ran = cli("add", "--feed", feed, "--corpus", str(case), "--json")
    assert ran.returncode == 0, ran.stderr
    data = json.loads(ran.stdout)
    assert data["feed"] == "NASA Breaking News"
    assert [a["url"] for a in data["added"]] == [web.url(p) for p in FEED_PAGES]
    assert data["index"]["added"] and not data["failed"]
    assert all(_entries(case)[a["path"]]["feed"] == feed for a in data["added"])
    files = _files(case)
    again = cli("add", "--feed", feed, "--corpus", str(case))
    assert again.returncode == 1
    assert "4 entries of NASA Breaking News already in the case" in again.stdout
    assert "nothing new in NASA Breaking News" in again.stdout
    assert _files(case) == files
    # The feed gets a fifth entry: only that one is added.
    web.routes["/feed.rss"] = (
        200,
        "application/rss+xml",
        feed_with_links(web.base, [*FEED_PAGES[:3], "/web/iana-protocols.html"]),
    )
    later = cli("add", "--feed", feed, "--corpus", str(case), "--json")
    assert later.returncode == 0
    assert [a["url"] for a in json.loads(later.stdout)["added"]] == [web.url("/web/iana-protocols.html")]


def test_an_atom_feed(cli: Cli, web: Server, case: Path) -> None:
    ran = cli("add", "--feed", web.url("/atom.xml"), "--corpus", str(case), "--json")
    assert ran.returncode == 0, ran.stderr
    data = json.loads(ran.stdout)
    assert data["feed"] == "IANA pages"
    assert [a["url"] for a in data["added"]] == [
        web.url("/web/iana-time-zones.html"),
        web.url("/web/iana-protocols.html"),
    ]


def _unchanged(case: Path, before: dict[str, bytes]) -> None:
    after = {p.name: p.read_bytes() for p in case.iterdir() if p.is_file()}
    assert after == before


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "the server answered 404 Not Found"),
        ("/moved/logo.png", "not a web page or a PDF: the server sent image/png (redirected to {base}/logo.png)"),
        ("/data.json", "not a web page or a PDF: the server sent application/json"),
        ("/feed.rss", "a feed: add it with --feed"),
    ],
)
def test_what_cannot_be_added_says_why_and_changes_nothing(
    cli: Cli, web: Server, case: Path, path: str, reason: str
) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    ran = cli("add", web.url(path), "--corpus", str(case))
    assert ran.returncode == 2
    assert ran.stderr.strip() == f"casereader: {web.url(path)}: {reason.format(base=web.base)}"
    _unchanged(case, before)


def test_a_slow_answer_times_out(cli: Cli, web: Server, case: Path) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    started = time.monotonic()
    ran = cli("add", web.url("/slow"), "--corpus", str(case), "--timeout", "0.5")
    assert ran.returncode == 2
    assert ran.stderr.strip() == f"casereader: {web.url('/slow')}: no answer within 0.5 s"
    assert time.monotonic() - started < 4  # it did not wait for the answer
    _unchanged(case, before)


def test_a_page_too_large(cli: Cli, web: Server, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_PAGE_BYTES", 100_000)
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    ran = cli("add", web.url("/big.html"), "--corpus", str(case))
    assert ran.returncode == 2
    assert ran.stderr.strip() == f"casereader: {web.url('/big.html')}: too large (195 KB; at most 98 KB)"
    _unchanged(case, before)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/web/iana-about.html", "not a feed (RSS or Atom): the server sent text/html"),
        ("/not-a-feed.rss", "not a feed (RSS or Atom): the server sent application/rss+xml"),
        ("/broken.rss", "not a feed: its XML cannot be read"),
        ("/missing.rss", "the server answered 404 Not Found"),
    ],
)
def test_a_feed_that_is_no_feed(cli: Cli, web: Server, case: Path, path: str, reason: str) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    ran = cli("add", "--feed", web.url(path), "--corpus", str(case))
    assert ran.returncode == 2
    assert ran.stderr.strip().startswith(f"casereader: {web.url(path)}: {reason}")
    assert len(ran.stderr.strip().splitlines()) == 1
    _unchanged(case, before)


def test_offline_unknown_host_and_refused_connection(cli: Cli, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there now
    refused = cli("add", f"http://127.0.0.1:{port}/page.html", "--corpus", str(case))
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"casereader: http://127.0.0.1:{port}/page.html: the server refused the connection"

    def no_dns(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)  # no network: no name is found
    url = "https://news.example.org/2025/07/21/story.html"
    offline = cli("add", url, "--corpus", str(case))
    assert offline.returncode == 2
    assert offline.stderr.strip() == f"casereader: {url}: the address could not be found (no network, or no such host)"
    bad = cli("add", "ftp://example.org/x", "notaurl", "--corpus", str(case))
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "casereader: ftp://example.org/x: not a web address (write it with http:// or https://)",
        "casereader: notaurl: not a web address (write it with http:// or https://)",
    ]
    _unchanged(case, before)


def test_a_read_only_case_folder(cli: Cli, web: Server, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        # What the system answers in a folder one may not write (root is not refused: the
        # tests run as root here, so the answer is given for it).
        if flags & os.O_CREAT and Path(path).parent == case:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    ran = cli("add", web.url("/web/iana-about.html"), "--corpus", str(case))
    monkeypatch.setattr(os, "open", real_open)
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        f"casereader: {web.url('/web/iana-about.html')}: the case folder cannot be written (Permission denied)"
    )
    _unchanged(case, before)


def test_a_full_disk_leaves_no_partial_file(cli: Cli, web: Server, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the data does not reach the disk: the disk is full
    ran = cli("add", web.url("/web/iana-about.html"), "--corpus", str(case))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        f"casereader: {web.url('/web/iana-about.html')}: the case folder cannot be written (No space left on device)"
    )
    _unchanged(case, before)
    assert not [p for p in case.iterdir() if p.name.startswith(".")]


def test_a_catalog_that_cannot_be_written_takes_the_page_back(
    cli: Cli, web: Server, case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (case / "catalog.toml").write_text("[documents\nbroken = ", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in case.iterdir()}
    ran = cli("add", web.url("/web/iana-about.html"), "--corpus", str(case))
    assert ran.returncode == 2
    assert "not added:" in ran.stderr and "is not valid TOML" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1
    _unchanged(case, before)


def test_add_needs_an_address(cli: Cli, case: Path) -> None:
    ran = cli("add", "--corpus", str(case))
    assert ran.returncode == 2
    assert "give the address of a page" in ran.stderr
