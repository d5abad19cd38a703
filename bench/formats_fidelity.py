"""Paragraph fidelity per format on tests/fixtures/formats (expected.toml, written by hand).

    uv run python bench/formats_fidelity.py              # casereader's reading, per format
    uv run python bench/formats_fidelity.py --pdfminer   # PDFs also through pdfminer.six's own
                                                         # text boxes and through its lines
                                                         # rebuilt by casereader's layout code
    uv run python bench/formats_fidelity.py --misses     # and the paragraphs not found intact

A paragraph is intact when it is exactly one paragraph of the reading (whitespace collapsed);
for ``partial`` files the samples must come in order.

Web pages (html, and the pages of the web archives) are also read by bare trafilatura in the
same run, on the same decoded pages: ``trafilatura.extract`` with the options casereader
gives it (``favor_precision``, tables), with its defaults, and with ``favor_recall``; each of
its lines a paragraph.  The held-out pages (``heldout = true`` in expected.toml: written by
hand before casereader's fallback for left-out blocks was run on them) are counted apart, by
batch (``held-out 1``: four pages; ``held-out 2``: two more, written after batch 1 was measured).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
import tomllib
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
FIXTURES = ROOT / "tests" / "fixtures" / "formats"


def norm(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split()).replace("bi-weekly", "biweekly")


def intact(spec: dict, texts: list[str]) -> tuple[int, int, list[str]]:
    texts = [norm(t) for t in texts]
    found, missing, last = 0, [], -1
    for para in spec.get("para", []):
        wanted = norm(para["text"])
        places = [i for i, t in enumerate(texts) if t == wanted]
        later = [i for i in places if i > last]
        if places and (not spec.get("partial") or later):
            found += 1
            last = later[0] if later else places[0]
        else:
            missing.append(wanted)
    return found, len(spec.get("para", [])), missing


BODY: dict[str, list[str]] = {}  # casereader's body paragraphs (furniture kinds left out), by document


def casereader_texts() -> tuple[dict[str, list[str]], dict[str, float]]:
    from casereader.core.ingest.metadata import Catalog
    from casereader.core.ingest.reader import UnreadableFile, read_documents

    texts: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        relpath = path.relative_to(FIXTURES).as_posix()
        started = time.perf_counter()
        try:
            documents = read_documents(FIXTURES, path, Catalog())
        except UnreadableFile:
            continue
        seconds[relpath] = time.perf_counter() - started
        for doc in documents:
            texts[doc.path] = [p.text for p in doc.paragraphs]
            BODY[doc.path] = [p.text for p in doc.paragraphs if p.is_body]
    return texts, seconds


WEB = ("html", "warc", "wacz")


def furniture_leaks(expected: dict, read: dict[str, list[str]]) -> dict[str, int]:
    """How many of the web pages' furniture items (expected.toml ``furniture``) are a paragraph
    of the reading, or inside one (items of more than 25 characters), on the fixtures and on
    the held-out pages.  Counts only: the held-out pages' items are not listed."""
    found: dict[str, int] = defaultdict(int)
    for key, spec in expected.items():
        if spec["format"] not in WEB or key not in read:
            continue
        texts = [norm(t) for t in read[key]]
        for item in spec.get("furniture", []):
            shown = norm(item)
            if any(t == shown or (len(shown) > 25 and shown in t) for t in texts):
                found[f"held-out {spec.get('batch', 1)}" if spec.get("heldout") else "fixtures"] += 1
    return {group: found[group] for group in ("fixtures", "held-out 1", "held-out 2")}


TRAFILATURA = {
    "precision (casereader's options)": {"favor_precision": True},
    "defaults": {},
    "favor_recall": {"favor_recall": True},
}


def web_pages() -> dict[str, str]:
    """Each web page of the fixtures, decoded as casereader decodes it, by its document path."""
    from casereader.core.ingest.encoding import read_text
    from casereader.core.ingest.formats import warc

    pages: dict[str, str] = {}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        relpath = path.relative_to(FIXTURES).as_posix()
        if path.suffix in (".html", ".htm", ".xhtml"):
            pages[relpath] = read_text(path.read_bytes(), markup=True)[0]
            continue
        if relpath.endswith(".warc.gz"):
            archives = [path.read_bytes()]
        elif relpath.endswith(".wacz"):
            with zipfile.ZipFile(path) as wacz:
                archives = [wacz.read(name) for name in sorted(wacz.namelist()) if ".warc" in name]
        else:
            continue
        for data in archives:
            for url, _, body, charset in warc._pages(io.BytesIO(data)):
                pages.setdefault(f"{relpath}#{url}", warc._decoded(body, charset))
    return pages


def trafilatura_texts(pages: dict[str, str], options: dict[str, bool]) -> dict[str, list[str]]:
    import trafilatura

    from casereader.core.ingest.formats.html import unarchived, visible_controls

    texts = {}
    for key, page in pages.items():
        page = re.sub(r"\A\s*<\?xml[^>]*\?>", "", page, count=1)
        text = trafilatura.extract(
            visible_controls(unarchived(page)), output_format="txt", include_tables=True, **options
        )
        texts[key] = [line for line in (text or "").split("\n") if line.strip()]
    return texts


def pdfminer_boxes(path: Path) -> list[str]:
    """pdfminer.six's own paragraphs: its layout analysis' text boxes, in its reading order."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox

    return [box.get_text() for page in extract_pages(str(path)) for box in page if isinstance(box, LTTextBox)]


def pdfminer_rebuilt(path: Path) -> list[str]:
    """pdfminer.six's lines (positions, sizes) through casereader's paragraph rebuilding."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextBox, LTTextLine

    from casereader.core.ingest.formats.pdf_layout import Line, Page, build_paragraphs

    pages = []
    for number, layout in enumerate(extract_pages(str(path)), 1):
        page = Page(number, layout.width, layout.height)
        for box in layout:
            if not isinstance(box, LTTextBox):
                continue
            for line in box:
                if not isinstance(line, LTTextLine) or not line.get_text().strip():
                    continue
                chars = [c for c in line if isinstance(c, LTChar)]
                size = max(set(round(c.size, 1) for c in chars), key=[round(c.size, 1) for c in chars].count)
                bold = sum("Bold" in c.fontname for c in chars) * 2 > len(chars)
                page.lines.append(
                    Line(
                        line.get_text().strip(),
                        line.x0,
                        line.x1,
                        layout.height - line.y1,
                        layout.height - line.y0,
                        size,
                        bold,
                    )
                )
        pages.append(page)
    return [text for _, text, _ in build_paragraphs(pages)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfminer", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    expected = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))["files"]
    texts, seconds = casereader_texts()
    readings = {"casereader": texts}
    pages = web_pages()
    for name, options in TRAFILATURA.items():
        readings[f"trafilatura {name}"] = trafilatura_texts(pages, options)
    shares: dict[str, dict[str, tuple[int, int]]] = {}
    leaks: dict[str, dict[str, int]] = {}
    for reader, read in readings.items():
        per_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for key, spec in expected.items():
            if spec.get("skip") or "para" not in spec:
                continue
            if reader != "casereader" and spec["format"] not in WEB:
                continue
            found, wanted, missing = intact(spec, read.get(key, []))
            fmt = spec["format"]
            if spec.get("heldout"):
                fmt = f"held-out {spec.get('batch', 1)}"
            per_format[fmt][0] += found
            per_format[fmt][1] += wanted
            if args.misses and not spec.get("heldout"):  # held-out pages: only their figures
                for text in missing:
                    print(f"  miss ({reader}) {key}: {text[:150]}")
        shares[reader] = {fmt: (a, b) for fmt, (a, b) in per_format.items()}
        leaks[reader] = furniture_leaks(expected, BODY if reader == "casereader" else read)
    print(f"{'format':14} {'intact':>7} {'of':>4} {'share':>7}   (casereader)")
    for fmt, (found, wanted) in sorted(shares["casereader"].items()):
        print(f"{fmt:14} {found:7} {wanted:4} {found / wanted:7.1%}")
    web = [fmt for fmt in sorted(shares["casereader"]) if fmt in WEB or fmt.startswith("held-out")]
    print()
    print(f"{'web pages, same run':40}" + "".join(f"{fmt:>15}" for fmt in web))
    for reader, per in shares.items():
        cells = "".join(f"{per[fmt][0]:>5}/{per[fmt][1]:<3} {per[fmt][0] / per[fmt][1]:5.1%}" for fmt in web)
        print(f"{reader:40}{cells}")
    print()
    print("furniture (navigation, footers, sign-ups, bylines… listed in expected.toml) read as body text")
    print("(casereader: its body paragraphs, furniture kinds such as byline left out; trafilatura: every line):")
    for reader, found in leaks.items():
        print(f"  {reader:40} " + ", ".join(f"{group} {n}" for group, n in found.items()))
    if args.pdfminer:
        pdfs = {k: s for k, s in expected.items() if s["format"] == "pdf" and not s.get("skip")}
        for name, reader in (("pdfminer.six text boxes", pdfminer_boxes), ("pdfminer.six + rebuild", pdfminer_rebuilt)):
            found = wanted = 0
            started = time.perf_counter()
            for key, spec in pdfs.items():
                got, want, missing = intact(spec, reader(FIXTURES / key))
                found, wanted = found + got, wanted + want
                if args.misses:
                    for text in missing:
                        print(f"  miss ({name}) {key}: {text[:150]}")
            print(f"{name:24} {found:4} of {wanted} {found / wanted:7.1%}  {time.perf_counter() - started:.1f} s")
        pdf_seconds = sum(s for k, s in seconds.items() if k.endswith(".pdf"))
        print(f"{'pypdfium2 + rebuild':24} (above, pdf)  {pdf_seconds:.1f} s")


if __name__ == "__main__":
    main()
