"""Metadata accuracy on real saved pages and posts with hand-judged fields
(tests/fixtures/pages/gold.toml): casereader beside bare trafilatura, in the same run, on
the same files.

    uv run python bench/metadata_gold.py [--misses]

Bare trafilatura is its ``extract_metadata`` (title, author, date, sitename or hostname) and,
as it gives no language, the page's own ``<html lang>``; it reads HTML only, so on Markdown
and plain text it finds nothing.  Each field is judged as a reader would: titles and outlets
ignoring case, accents, spacing and quote style; authors as a set of names (middle initials
and parenthesised parts aside); dates as the published day; languages by their primary tag.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "tests" / "fixtures" / "pages"
HELD_OUT = REPO / "tests" / "fixtures" / "pages-heldout"  # judged once the rules were written
SEED_TEXT = REPO / "seeds" / "000_931ed05bed4de436.txt"
FIELDS = ("title", "author", "date", "outlet", "lang")


def load_gold(pages: Path = PAGES) -> dict[str, dict[str, list[str]]]:
    data = tomllib.loads((pages / "gold.toml").read_text(encoding="utf-8"))
    gold: dict[str, dict[str, list[str]]] = {}
    for name, entry in data["pages"].items():
        gold[name] = {k: (v if isinstance(v, list) else [v]) for k, v in entry.items()}
    return gold


def make_case(folder: Path, pages: Path = PAGES) -> Path:
    """The gold pages as a case folder (the main set with the seed text, without its catalog)."""
    shutil.copytree(pages, folder, ignore=shutil.ignore_patterns("gold.toml"))
    if pages == PAGES:
        shutil.copy(SEED_TEXT, folder / SEED_TEXT.name)
    return folder


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def same_title(found: str, want: str) -> bool:
    def norm(t: str) -> str:
        t = _fold(t).translate(str.maketrans("‘’“”«»–—", '\'\'""""--'))
        return " ".join(t.split())

    return norm(found) == norm(want)


def names(credit: str) -> set[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b|\by\b|\be\b|\bet\b)\s*", re.sub(r"\([^)]*\)", " ", credit))
    out = set()
    for part in parts:
        words = [w for w in re.sub(r"[.\s]+", " ", _fold(part)).split() if len(w) > 1]
        if words:
            out.add(" ".join(words))
    return out


def same_author(found: str, want: str) -> bool:
    return names(found) == names(want)


def same_outlet(found: str, want: str) -> bool:
    return bool(found) and re.sub(r"[\W_]+", "", _fold(found)) == re.sub(r"[\W_]+", "", _fold(want))


def same_date(found: str, want: str) -> bool:
    return found[:10] == want


def same_lang(found: str, want: str) -> bool:
    return found.lower().replace("_", "-").split("-")[0] == want


JUDGES: dict[str, Callable[[str, str], bool]] = {
    "title": same_title,
    "author": same_author,
    "date": same_date,
    "outlet": same_outlet,
    "lang": same_lang,
}


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=dict)
    judged: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.right.get(name, 0) / max(1, self.judged.get(name, 0))


def score(found: dict[str, dict[str, str]], gold: dict[str, dict[str, list[str]]], only: str = "") -> Score:
    result = Score()
    for path, want in gold.items():
        if only and not path.endswith(only):
            continue
        got = found.get(path, {})
        for name in FIELDS:
            if name not in want:
                continue
            result.judged[name] = result.judged.get(name, 0) + 1
            value = got.get(name, "") or ""
            if any(JUDGES[name](value, w) if w else not value for w in want[name]):
                result.right[name] = result.right.get(name, 0) + 1
            else:
                result.misses.append(f"{path}: {name} {value!r}, want {' or '.join(map(repr, want[name]))}")
    return result


def casereader_fields(folder: Path) -> dict[str, dict[str, str]]:
    """What casereader reads from each file of the case, as its document list shows it."""
    from casereader.core.ingest.metadata import Catalog
    from casereader.core.ingest.reader import case_files, read_document

    catalog = Catalog.load(folder)
    found = {}
    for path in case_files(folder):
        doc = read_document(folder, path, catalog)
        found[doc.path] = {name: getattr(doc.meta, name) for name in FIELDS}
    return found


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)


def trafilatura_fields(folder: Path, gold: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, str]]:
    """Bare trafilatura on the same files (HTML only; the page's <html lang> for language)."""
    import trafilatura

    from casereader.core.ingest.encoding import read_text

    found = {}
    for path in gold:
        if not path.endswith(".html"):
            found[path] = {}
            continue
        page, _ = read_text((folder / path).read_bytes())
        meta = trafilatura.extract_metadata(page)
        lang = _HTML_LANG.search(page[:5000])
        found[path] = {
            "title": meta.title or "" if meta else "",
            "author": (meta.author or "").replace(";", ",") if meta else "",
            "date": meta.date or "" if meta else "",
            "outlet": (meta.sitename or meta.hostname or "") if meta else "",
            "lang": lang.group(1) if lang else "",
        }
    return found


def measure(pages: Path = PAGES) -> dict[str, dict[str, Score]]:
    gold = load_gold(pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_case(Path(tmp) / "case", pages)
        ours = casereader_fields(folder)
        theirs = trafilatura_fields(folder, gold)
    return {
        "all files": {"casereader": score(ours, gold), "bare trafilatura": score(theirs, gold)},
        "HTML pages": {"casereader": score(ours, gold, ".html"), "bare trafilatura": score(theirs, gold, ".html")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list every field each side got wrong")
    report(parser.parse_args().misses)


def report(misses: bool = False) -> None:
    """Print each set's accuracy per field, casereader beside bare trafilatura."""
    for pages, label in ((PAGES, "gold set"), (HELD_OUT, "held-out set (judged after the rules were written)")):
        gold = load_gold(pages)
        results = measure(pages)
        kinds = {".html": 0, ".md": 0, ".txt": 0}
        for path in gold:
            kinds[Path(path).suffix] += 1
        print(
            f"{label}: {len(gold)} files ({kinds['.html']} saved pages, {kinds['.md']} Markdown posts, "
            f"{kinds['.txt']} plain text), {pages.relative_to(REPO)}/gold.toml"
        )
        for subset, sides in results.items():
            if subset == "HTML pages" and kinds[".html"] == len(gold):
                continue
            print(f"  {subset}:")
            print(f"    {'':18}" + "".join(f"{name:>10}" for name in FIELDS))
            for side, result in sides.items():
                cells = "".join(f"{result.accuracy(name):>9.0%} " for name in FIELDS)
                print(f"    {side:18}{cells}")
            judged = sides["casereader"].judged
            print(f"    {'(files judged)':18}" + "".join(f"{judged.get(name, 0):>10}" for name in FIELDS))
        if misses:
            for side, result in results["all files"].items():
                print(f"  {side} misses ({len(result.misses)}):")
                for miss in result.misses:
                    print("    " + miss)
        print()


if __name__ == "__main__":
    sys.exit(main())
