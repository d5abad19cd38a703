"""Paragraph fidelity per format on tests/fixtures/formats (expected.toml, written by hand).

    uv run python bench/formats_fidelity.py              # casereader's reading, per format
    uv run python bench/formats_fidelity.py --pdfminer   # PDFs also through pdfminer.six's own
                                                         # text boxes and through its lines
                                                         # rebuilt by casereader's layout code
    uv run python bench/formats_fidelity.py --misses     # and the paragraphs not found intact

A paragraph is intact when it is exactly one paragraph of the reading (whitespace collapsed);
for ``partial`` files the samples must come in order.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
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
    return texts, seconds


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
    per_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, spec in expected.items():
        if spec.get("skip") or "para" not in spec:
            continue
        found, wanted, missing = intact(spec, texts.get(key, []))
        per_format[spec["format"]][0] += found
        per_format[spec["format"]][1] += wanted
        if args.misses:
            for text in missing:
                print(f"  miss {key}: {text[:150]}")
    print(f"{'format':8} {'intact':>7} {'of':>4} {'share':>7}")
    for fmt, (found, wanted) in sorted(per_format.items()):
        print(f"{fmt:8} {found:7} {wanted:4} {found / wanted:7.1%}")
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
