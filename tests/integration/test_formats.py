"""Every format read as tests/fixtures/formats/expected.toml says a reader should read it (real
public documents, expectations written by hand; see that folder's README.md).

The fixtures folder is indexed once, as a user's case would be: every file must be indexed or
skipped with its reason; per format at least 95% of the expected paragraphs must be intact
(exactly one casereader paragraph, after collapsing whitespace), partial files' samples in
order; metadata right; furniture (running headers, quoted replies, signatures) never body; the
scanned PDF skipped for having no text layer; the encoded pages decoded exactly.
"""

from __future__ import annotations

import email.utils
import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from casereader.core import Case

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
EXPECTED = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))["files"]
INTACT_SHARE = 0.95
NOT_READ = {"rss"}  # feeds are not a format casereader reads yet: listed as skipped, said so


def norm(text: str) -> str:
    text = " ".join(text.replace("\u2060", "").split())
    return text.replace("bi-weekly", "biweekly")  # the 5th Cir. PDF: either is right (see expected.toml)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("formats")
    opened = Case(FIXTURES, index_dir=root / "index", data_dir=root / "data")
    opened.update()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def read(case: Any) -> dict[str, tuple[Any, list[Any]]]:
    """Each document by its path (``list.mbox#3`` for a message): its info and paragraphs."""
    return {doc.path: (doc, case.paragraphs(doc.doc_id)) for doc in case.documents()}


def _intact(key: str, read: dict[str, tuple[Any, list[Any]]]) -> tuple[int, int, list[str]]:
    """(intact, expected, the texts that are not) for one expected file."""
    return _intact_spec(key, EXPECTED[key], read)


def _intact_spec(key: str, spec: dict[str, Any], read: dict[str, tuple[Any, list[Any]]]) -> tuple[int, int, list[str]]:
    texts = [norm(p.text) for p in read[key][1]] if key in read else []
    missing = []
    intact = 0
    last = -1
    for para in spec.get("para", []):
        wanted = norm(para["text"])
        places = [i for i, text in enumerate(texts) if text == wanted]
        ordered = [i for i in places if i > last]
        if len(places) >= 1 and (not spec.get("partial") or ordered):
            intact += 1
            last = ordered[0] if ordered else places[0]
        else:
            missing.append(wanted[:100])
    return intact, len(spec.get("para", [])), missing


def test_every_file_is_indexed_or_skipped_with_a_reason(case: Any) -> None:
    listed = {doc.path.split("#", 1)[0] for doc in case.documents()}
    skipped = {s.path: s.reason for s in case.skipped()}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        relpath = path.relative_to(FIXTURES).as_posix()
        assert relpath in listed or relpath in skipped, relpath
        assert not (relpath in listed and relpath in skipped), relpath
    assert skipped["pdf/scanned-ca5-page1.pdf"].startswith("no text layer")
    assert skipped["expected.toml"] == "unsupported type (.toml)"


def _shares(read: dict[str, tuple[Any, list[Any]]]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    per_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    report = []
    for key, spec in EXPECTED.items():
        if spec["format"] in NOT_READ or spec.get("skip") or spec.get("heldout"):
            continue  # held-out pages: bench/formats_fidelity.py reports them apart
        assert key in read, f"{key} was not read"
        intact, wanted, missing = _intact(key, read)
        per_format[spec["format"]][0] += intact
        per_format[spec["format"]][1] += wanted
        report.extend(f"{key}: {text}" for text in missing)
    return {fmt: (a, b) for fmt, (a, b) in per_format.items()}, report


def test_each_format_keeps_its_paragraphs_intact(read: dict[str, tuple[Any, list[Any]]]) -> None:
    """Every format, web pages and web archives included: a page's headline, its intro and the
    panels beside the text (iana.org's home page) are paragraphs of the text, not only the title."""
    shares, report = _shares(read)
    assert {"html", "warc", "wacz", "pdf", "docx", "epub", "mbox", "eml"} <= set(shares)
    short = {fmt: (a, b) for fmt, (a, b) in shares.items() if b and a / b < INTACT_SHARE}
    assert not short, (short, report)


def test_encoded_pages_are_decoded_exactly(read: dict[str, tuple[Any, list[Any]]]) -> None:
    for key, spec in EXPECTED.items():
        if key.startswith("encodings/"):
            intact, wanted, missing = _intact_spec(key, spec, read)  # the headings too
            assert intact == wanted, (key, missing)
            doc = read[key][0]
            assert doc.meta.lang.split("-")[0] == spec["lang"], key
            assert not any("�" in p.text for p in read[key][1]), key


def _date(value: str) -> str:
    if re.match(r"^\d{4}", value):
        return value[:10]
    parsed = email.utils.parsedate_to_datetime(value)
    return parsed.date().isoformat()


def test_metadata_is_right(read: dict[str, tuple[Any, list[Any]]]) -> None:
    """Title, author, date, url and lang where the file states them; 95% of the fields right
    (known misses: the SCOTUS syllabus names no author in its metadata, the aur-general reply
    is too short for its language to be detected).  The hand-made encoded pages and the iana
    pages cut out of the WARC state no date and no address: there only title, author, lang."""
    wrong = []
    checked = 0
    for key, spec in EXPECTED.items():
        if spec["format"] in NOT_READ or spec.get("skip") or spec.get("heldout") or key not in read:
            continue
        meta = read[key][0].meta
        if spec["format"] == "html":
            spec = {k: v for k, v in spec.items() if k not in ("date", "url")}
        checked += sum(1 for field in ("title", "author", "date", "url", "lang") if spec.get(field))
        if spec.get("title") and not (
            norm(meta.title) == norm(spec["title"]) or norm(spec["title"]).endswith(norm(meta.title))
        ):
            wrong.append((key, "title", meta.title, spec["title"]))
        if spec.get("author") and norm(meta.author) != norm(spec["author"]):
            wrong.append((key, "author", meta.author, spec["author"]))
        if spec.get("date") and _date(spec["date"]) != meta.date[:10]:
            wrong.append((key, "date", meta.date, spec["date"]))
        if spec.get("url") and meta.url != spec["url"]:
            wrong.append((key, "url", meta.url, spec["url"]))
        if spec.get("lang") and meta.lang.split("-")[0].lower() != spec["lang"].split("-")[0].lower():
            wrong.append((key, "lang", meta.lang, spec["lang"]))
    assert len(wrong) <= (1 - INTACT_SHARE) * checked, (checked, wrong)


def test_furniture_is_never_body(read: dict[str, tuple[Any, list[Any]]]) -> None:
    """Running heads, page numbers, footnotes, quoted replies, signatures: never body text.
    One known leak: the IRS proof's printer note, printed under its other proof marks on
    two pages only ("The type and rule above prints on all proofs…")."""
    leaks = []
    for key, spec in EXPECTED.items():
        if key not in read or spec.get("heldout"):  # bench/formats_fidelity.py counts theirs
            continue
        body = [norm(p.text) for p in read[key][1] if p.is_body]
        for item in spec.get("furniture", []) + spec.get("footnotes", []):
            shown = norm(item)
            if any(text == shown or (len(shown) > 25 and shown in text) for text in body):
                leaks.append((key, shown[:80]))
    known = {
        (
            "pdf/irs-i1040nr-2007-p1-2.pdf",
            "The type and rule above prints on all proofs including departmental reproduction",
        )
    }
    assert set(leaks) <= known, leaks


def test_pdf_paragraphs_know_their_pages(read: dict[str, tuple[Any, list[Any]]]) -> None:
    for key, spec in EXPECTED.items():
        if spec["format"] != "pdf" or spec.get("skip"):
            continue
        paragraphs = read[key][1]
        assert all(p.page >= 1 for p in paragraphs), key
        pages = {norm(p.text): p.page for p in paragraphs}
        wrong = [
            (para["page"], pages[norm(para["text"])]) for para in spec.get("para", []) if norm(para["text"]) in pages
        ]
        assert sum(a == b for a, b in wrong) >= INTACT_SHARE * len(wrong), (key, wrong)


def test_mail_quotes_signatures_and_attachments(read: dict[str, tuple[Any, list[Any]]]) -> None:
    doc, paragraphs = read["mail/notmuch-list.mbox#2"]
    assert [p.kind for p in paragraphs if "LK>" in p.text] == ["quoted", "quoted"]
    assert paragraphs[-1].kind == "signature"
    doc, _ = read["mail/notmuch-list.mbox#6"]
    assert "notmuch-help.patch" in doc.meta.description
    ids = {read[f"mail/notmuch-list.mbox#{n}"][0].doc_id for n in range(1, 8)}
    assert ids == {f"mail/notmuch-list#{n}" for n in range(1, 8)}  # stable ids: file and number


def test_web_archives_give_each_page_its_url_and_capture_date(read: dict[str, tuple[Any, list[Any]]]) -> None:
    doc, _ = read["warc/iana.warc.gz#http://www.iana.org/about"]
    assert (doc.meta.url, doc.meta.date) == ("http://www.iana.org/about", "2014-01-26")
    assert doc.doc_id == "warc/iana.warc#http://www.iana.org/about"
    assert "warc/iana.wacz#http://www.iana.org/about" in read


def test_a_page_cites_its_paragraph_with_the_page(case: Any, read: dict[str, tuple[Any, list[Any]]]) -> None:
    from casereader.core import Ref

    doc, paragraphs = read["pdf/scotus-tarrant-v-herrmann-syllabus.pdf"]
    para = next(p for p in paragraphs if p.page == 3)
    citation = case.citation(Ref(doc.doc_id, para.n))
    assert citation.page == 3
    assert f"p. 3, ¶{para.n}" in citation.line()
    assert f"p. 3, ¶{para.n}" in citation.annotation()
    hit = case.search('"Compact also undermines"').hits[0]
    assert hit.citation.page == 3 and hit.to_json()["page"] == 3
    web = next(d for d in case.documents() if d.path == "web/iana-about.html")
    assert "p. " not in case.citation(Ref(web.doc_id, 1)).line()
