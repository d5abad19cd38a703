# ruff: noqa: E501  (the page template reads best unwrapped)
"""Generate a case like one a user saves: web pages, Markdown and plain text, in English,
Spanish and Portuguese, in several encodings, with duplicates and files that cannot be read.

Each article has 9-17 paragraphs of 40-110 words drawn from a Zipf vocabulary mixed with
the language's real function words (so language detection has something to go on), with
names and figures.  About a third of the files of each kind:

- ``.html``: a saved page with navigation, a cookie banner, a related-links box, comments
  and a footer around the article, ``og:``/``meta``/JSON-LD metadata, inline scripts and
  styles (20-60 KB a page), a few pages of 1-3 MB (long inline scripts), some in
  Windows-1252 with a wrong or missing declared charset;
- ``.md``: YAML front matter (title, author or authors, date in varied forms, lang);
- ``.txt``: headline, byline line in the language's form, one paragraph per line, some
  in Latin-1/Windows-1252, some with CRLF line ends, some one long line;

plus byte-identical and near-identical copies, and empty, binary and oversized files.

    uv run python bench/generate_mixed.py OUT_DIR --files 3000 [--seed 11]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import Zipf, make_vocabulary, paragraph

FUNCTION = {
    "en": "the of and to in a is that for on was with as by at from it an be this which or are have has had not",
    "es": "el la de que y en los del se las por un para con no una su al lo como más pero sus le ya o este porque "
    "esta entre cuando muy sin sobre también hasta hay donde desde todo durante contra ellos",
    "pt": "o a de que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à "
    "seu sua ou ser quando muito há nos já está também pelo pela até isso ela entre era depois sem",
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro"],
}
NAV = " ".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(30))
SCRIPT = "var tracking = {" + ", ".join(f'"k{i}": {i}' for i in range(400)) + "};"


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        vocab = make_vocabulary(self.rng, 30_000)
        self.zipf = {lang: Zipf(words.split() + vocab, 1.07, self.rng) for lang, words in FUNCTION.items()}
        self.names = [w.capitalize() for w in make_vocabulary(self.rng, 800)]
        self.outlets = [f"{self.names[i]} {self.rng.choice(['Times', 'Diario', 'Folha', 'Report'])}" for i in range(15)]
        self.authors = [f"{self.names[100 + i]} {self.names[300 + i]}" for i in range(80)]

    def paragraph(self, lang: str, cast: list[str]) -> str:
        return paragraph(self.rng, self.zipf[lang].draw, cast, 40, 110)

    def article(self) -> dict[str, object]:
        rng = self.rng
        lang = rng.choices(["en", "es", "pt"], weights=[5, 3, 2])[0]
        cast = rng.sample(self.names, 6)
        year, month, day = rng.choice([2024, 2025]), rng.randint(1, 10), rng.randint(1, 28)
        return {
            "lang": lang,
            "title": " ".join(self.zipf[lang].draw() for _ in range(7)).capitalize(),
            "author": rng.choice(self.authors),
            "outlet": rng.choice(self.outlets),
            "date": (year, month, day),
            "paragraphs": [self.paragraph(lang, cast) for _ in range(rng.randint(9, 17))],
        }


def byline(a: dict[str, object]) -> str:
    year, month, day = a["date"]  # type: ignore[misc]
    lang = str(a["lang"])
    if lang == "en":
        return f"By {a['author']} – {MONTHS['en'][month - 1][:3]} {day}, {year}"
    if lang == "es":
        return f"Por {a['author']} | {day} de {MONTHS['es'][month - 1]} de {year}"
    return f"Por {a['author']} | {day:02d}/{month:02d}/{year} 13h59"


def as_text(a: dict[str, object], rng: random.Random) -> tuple[bytes, str]:
    paragraphs = list(a["paragraphs"])  # type: ignore[call-overload]
    separator = " " if rng.random() < 0.03 else "\n"  # a few articles are one long line
    body = separator.join(paragraphs)
    text = f"{a['title']}\n{byline(a)}\n{body}\n"
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    if a["lang"] != "en" and rng.random() < 0.3:
        return text.encode("cp1252", errors="replace"), "cp1252"
    return text.encode("utf-8"), "utf-8"


def as_markdown(a: dict[str, object], rng: random.Random) -> bytes:
    year, month, day = a["date"]  # type: ignore[misc]
    date = rng.choice(
        [f"{year}-{month:02d}-{day:02d}", f"{day}/{month}/{year}", f"{MONTHS['en'][month - 1]} {day}, {year}"]
    )
    two = rng.random() >= 0.7
    second = rng.choice(["Ana Ruiz", "João Lima"]) if two else ""
    who = f"authors:\n  - {a['author']}\n  - {second}" if two else f"author: {a['author']}"
    a["byline"] = f"{a['author']}, {second}" if two else a["author"]
    title = f"title: >\n  {a['title']} &amp;\n  more" if rng.random() < 0.1 else f'title: "{a["title"]}"'
    paragraphs: list[str] = list(a["paragraphs"])  # type: ignore[call-overload]
    body = [
        f"## {p.split(',')[0][:40]}" if i and i % 5 == 0 else p.replace(" the ", " [the](https://x.example/) ", 1)
        for i, p in enumerate(paragraphs)
    ]
    text = (
        f"---\n{title}\n{who}\ndate: {date}\nlang: {a['lang']}\n---\n\n"
        + "\n\n".join(body)
        + "\n\n---\n\nNotes end here.\n"
    )
    return text.encode("utf-8")


def as_html(a: dict[str, object], rng: random.Random, big: bool) -> bytes:
    year, month, day = a["date"]  # type: ignore[misc]
    iso = f"{year}-{month:02d}-{day:02d}"
    esc = html.escape
    paragraphs: list[str] = list(a["paragraphs"])  # type: ignore[call-overload]
    ld = json.dumps(
        {"@type": "NewsArticle", "headline": a["title"], "datePublished": iso, "author": {"name": a["author"]}}
    )
    script = SCRIPT * (rng.randint(200, 550) if big else rng.randint(2, 10))
    comments = "".join(
        f'<div class="comment"><p>Comment {i}: great article, thanks</p></div>' for i in range(rng.randint(0, 12))
    )
    wrong_charset = a["lang"] != "en" and rng.random() < 0.3
    charset = rng.choice(["utf-8", ""]) if wrong_charset else "utf-8"
    page = f"""<!DOCTYPE html><html lang="{a["lang"]}"><head>
<meta charset="{charset}"><title>{esc(str(a["title"]))} | {esc(str(a["outlet"]))}</title>
<meta property="og:title" content="{esc(str(a["title"]))}"><meta property="og:site_name" content="{esc(str(a["outlet"]))}">
<meta name="author" content="{esc(str(a["author"]))}"><meta property="article:published_time" content="{iso}T10:00:00Z">
<link rel="canonical" href="https://news.example/{iso}/{rng.randint(1, 10**9)}">
<script type="application/ld+json">{ld}</script><style>body {{ font-family: serif }} .nav li {{ display: inline }}</style>
<script>{script}</script></head><body>
<header><nav class="nav"><ul>{NAV}</ul></nav><div class="cookie">We use cookies. Accept all cookies</div></header>
<main><article><h1>{esc(str(a["title"]))}</h1><p class="byline">By {esc(str(a["author"]))}, <time datetime="{iso}">{iso}</time></p>
{"".join(f"<p>{esc(p)}</p>" for p in paragraphs)}
</article><aside class="related"><h3>Related</h3><ul>{"".join(f'<li><a href="/r/{i}">Read also {i}</a></li>' for i in range(8))}</ul></aside>
<section class="comments">{comments}</section></main>
<footer><p>© {year} {esc(str(a["outlet"]))}. All rights reserved.</p><ul>{NAV}</ul></footer></body></html>
"""
    encoding = "cp1252" if wrong_charset else "utf-8"
    return page.encode(encoding, errors="replace")


def generate_mixed(
    out: Path, files: int, seed: int = 11, truth: dict[str, dict[str, str]] | None = None
) -> dict[str, int]:
    """Write the case; ``truth`` (when given) receives each article's author, date and
    language by path, to check what ingestion extracts."""
    writer = Writer(seed)
    rng = writer.rng
    out.mkdir(parents=True, exist_ok=True)
    counts = {"html": 0, "md": 0, "txt": 0, "big_html": 0, "duplicates": 0, "bad": 0, "paragraphs": 0, "bytes": 0}
    written: list[Path] = []
    bad = max(3, files // 300)
    dupes = max(2, files // 100)
    articles = files - bad - dupes
    for i in range(articles):
        a = writer.article()
        kind = ("html", "md", "txt")[i % 3]
        sub = out / f"{a['lang']}" / kind
        sub.mkdir(parents=True, exist_ok=True)
        if kind == "html":
            big = counts["big_html"] < 3 and (i // 3) % 300 == 0
            data = as_html(a, rng, big)
            counts["big_html"] += big
        elif kind == "md":
            data = as_markdown(a, rng)
        else:
            data, _ = as_text(a, rng)
        path = sub / f"{i:05d}.{kind}"
        path.write_bytes(data)
        if truth is not None:
            year, month, day = a["date"]  # type: ignore[misc]
            truth[path.relative_to(out).as_posix()] = {
                "author": str(a.get("byline", a["author"])),
                "date": f"{year}-{month:02d}-{day:02d}",
                "lang": str(a["lang"]),
            }
        written.append(path)
        counts[kind] += 1
        counts["paragraphs"] += len(a["paragraphs"])  # type: ignore[arg-type]
        counts["bytes"] += len(data)
    for j in range(dupes):
        source = rng.choice([p for p in written if p.suffix == ".txt"])
        data = source.read_bytes()
        if j % 2:  # the same wire story saved again, with a different headline line
            data = b"Updated: " + data
        (out / "copies").mkdir(exist_ok=True)
        (out / "copies" / f"copy{j:03d}.txt").write_bytes(data)
        counts["duplicates"] += 1
    (out / "bad").mkdir(exist_ok=True)
    for k in range(bad):
        kind = k % 3
        path = out / "bad" / f"bad{k:03d}.{'txt' if kind != 1 else 'html'}"
        if kind == 0:
            path.write_bytes(b"")
        elif kind == 1:
            path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
        else:
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2048))
        counts["bad"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    print(generate_mixed(args.out, args.files, args.seed))


if __name__ == "__main__":
    main()
