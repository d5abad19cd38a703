"""Saved web pages: the article's text and the page's own metadata, nothing from the chrome."""

from collections.abc import Callable
from pathlib import Path

from casereader.core import Case
from casereader.core.ingest.metadata import Catalog
from casereader.core.ingest.reader import read_document

FIXTURE = Path(__file__).parents[1] / "fixtures" / "eldiario.html"


def test_article_text_and_page_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(FIXTURE.read_bytes())
    doc = read_document(tmp_path, page, Catalog.load(tmp_path))
    meta = doc.meta
    assert meta.title == "Los 252 venezolanos de CECOT vuelven a casa"  # og:title, not <title>
    assert (meta.author, meta.date, meta.outlet, meta.lang) == ("Ana Pérez", "2025-07-19", "El Diario", "es")
    assert meta.url == "https://eldiario.example/cecot-252"
    assert meta.origins["author"] == "page metadata"
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("Los migrantes venezolanos") for t in texts)
    assert {p.kind for p in doc.paragraphs if p.text == "Negociaciones"} == {"heading"}
    chrome = ("Inicio", "Deportes", "Noticias relacionadas", "fútbol", "Comentario", "derechos reservados")
    assert not any(word in t for t in texts for word in chrome)
    assert not any("<" in t for t in texts)


def test_a_wrong_declared_charset_does_not_garble_the_page(tmp_path: Path) -> None:
    html = FIXTURE.read_text(encoding="utf-8")
    liar = html.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    (tmp_path / "utf8-declared-latin1.html").write_bytes(liar.encode("utf-8"))
    cp1252 = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">')
    (tmp_path / "cp1252-declared-utf8.html").write_bytes(cp1252.encode("cp1252"))
    for name in ("utf8-declared-latin1.html", "cp1252-declared-utf8.html"):
        doc = read_document(tmp_path, tmp_path / name, Catalog.load(tmp_path))
        assert "cárcel de máxima seguridad" in " ".join(p.text for p in doc.paragraphs), name
        assert doc.meta.author == "Ana Pérez", name


def test_pages_are_searched_with_the_rest(make_case: Callable[..., Case]) -> None:
    case = make_case({"page.html": FIXTURE.read_bytes(), "empty.html": "<html><body><nav>menu</nav></body></html>"})
    hit = case.search("carcel").hits[0]
    assert hit.citation.outlet == "El Diario" and hit.citation.date == "2025-07-19"
    assert hit.text[hit.spans[0].start : hit.spans[0].end] == "cárcel"
    assert case.search("futbol").total == 0  # the related-links box is not indexed
    assert {s.path: s.reason for s in case.skipped()} == {"empty.html": "no article text found in the page"}


PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


def _read(folder: Path, name: str) -> list[tuple[str, str]]:
    doc = read_document(folder, folder / name, Catalog())
    return [(p.kind, p.text) for p in doc.paragraphs]


def test_the_parts_of_the_article_trafilatura_leaves_out_are_read() -> None:
    """The headline, a home page's intro in its header and its panels beside the text: read,
    in the page's order; the footer under them is not (iana.org, 2014)."""
    texts = [text for _, text in _read(FORMATS, "web/iana-index.html")]
    intro = texts.index(
        "The Internet Assigned Numbers Authority (IANA) is responsible for the global coordination of the "
        "DNS Root, IP addressing, and other Internet protocol resources. Learn more."
    )
    panel = texts.index(
        "IANA coordinates allocations from the global IP and AS number spaces, such as those made to "
        "Regional Internet Registries."
    )
    assert texts[0] == "Internet Assigned Numbers Authority" and 0 < intro < panel
    assert not any("globally unique identifiers, and is operated by" in text for text in texts)  # the footer
    kinds = dict((text, kind) for kind, text in _read(PAGES, "goose3-guardian1.html"))
    assert kinds["Kristen Wiig: 'My next movie – it's going to be a Porky's prequel'"] == "title"


def test_boilerplate_beside_the_article_stays_out() -> None:
    """Sign-up boxes, link boxes with a heading, readers' comments and a chart's labels sit
    inside the article's region on these real pages: none of it is read as text."""
    left_out = {
        "readability-breitbart.html": ["SIGN UP FOR OUR NEWSLETTER"],
        "readability-webmd-1.html": ["Tools & Resources", "Today on WebMD", "Please wait..."],
        "goose3-businessWeek1.html": ["Related Items", "Story Tools", "Browse Issues"],
        "goose3-elmondo1.html": ["Valorar"],
        "readability-nytimes-4.html": ["RECESSIONS", "MONTHLY"],
        "readability-yahoo-3.html": ["Comic Sans MS"],
    }
    for name, chrome in left_out.items():
        texts = {text.casefold() for _, text in _read(PAGES, name)}
        assert not [c for c in chrome if c.casefold() in texts], name


TIDE_MILLS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tide mills of the estuary</title></head>
<body><div id="content">
<h1>Tide mills of the estuary</h1>
<p>Tide mills were once common along the estuary, where the water filled a pond at high tide
and turned a wheel as it ran back out to the sea.</p>
<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection"><span
class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Tide_mill&amp;action=edit&amp;section=1"
>edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<p>The oldest mill on the estuary was recorded in the twelfth century, when the canons of the priory
held the right to grind the parish's grain there.</p>
<p><b>Millers<br></b> The millers paid a rent in flour and eels, and kept the sluice gates in repair at
their own cost until the mills were sold.</p>
<h2 id="working">Working the <code>sluice</code><a class="headerlink" href="#working">¶</a></h2>
<p>The miller waited for the ebb, opened the
   sluice gates <code>one by one</code> and let the pond
   drive the wheel for four or five hours, twice a day.</p>
<h3><a class="toc-backref" href="#toc">Decline</a><a class="anchor" href="#decline">#</a></h3>
<p>Steam mills in the town undercut the tide mills, and the last of them stopped grinding in the
1890s after a storm broke its dam.</p>
</div>
<footer><p>Copyright the Estuary Society. All rights reserved.</p></footer>
</body></html>
"""


def test_headings_and_paragraphs_read_as_a_reader_sees_them(tmp_path: Path) -> None:
    """A heading without MediaWiki's "[edit]" or a permalink's "¶" or "#" (and one that links
    back to the contents is still read); a paragraph with a line break (``<br>``) or with line
    ends in the page's source is one paragraph."""
    (tmp_path / "tide-mills.html").write_text(TIDE_MILLS, encoding="utf-8")
    read = _read(tmp_path, "tide-mills.html")
    texts = [text for _, text in read]
    assert texts[texts.index("History") + 1].startswith("The oldest mill")
    assert "Working the sluice" in texts and "Decline" in texts
    assert not any(mark in text for text in texts for mark in ("[edit]", "¶", "#"))
    assert (
        "Millers The millers paid a rent in flour and eels, and kept the sluice gates in repair at their own "
        "cost until the mills were sold."
    ) in texts
    assert (
        "The miller waited for the ebb, opened the sluice gates one by one and let the pond drive the wheel "
        "for four or five hours, twice a day."
    ) in texts
    assert not any("Copyright" in text for text in texts)


LIGHTHOUSE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The lighthouse keeper's log</title></head>
<body>
<table width="640" border="0"><tr><td>
<b>The lighthouse keeper's log</b><br>Transcribed by the Harbour Society
<p>The keeper wrote in his log every evening, noting the wind, the state of the sea and every
<a href="javascript:void(0);" class="popup">vessel that passed the point</a> before dark.</p>
<p>In the winter of 1881 the lamp failed twice, and both times he climbed the tower with a hand
lantern and kept it lit until morning.</p>
<p>His daughter took over the log when his eyes failed, and her entries are shorter but no less
careful about the weather.</p>
</td></tr></table>
<table border="1"><tr><th>Year</th><th>Wrecks</th></tr><tr><td>1881</td><td>2</td></tr>
<tr><td>1882</td><td>0</td></tr></table>
</body></html>
"""


def test_an_article_laid_out_in_a_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    """An article set in a table's cell (a page laid out with a table) is read paragraph by
    paragraph, its loose text and a link's text (a "popup" note) kept, not as one table row;
    a table of data stays a table."""
    (tmp_path / "lighthouse.html").write_text(LIGHTHOUSE, encoding="utf-8")
    texts = [text for _, text in _read(tmp_path, "lighthouse.html")]
    paragraphs = [
        "The keeper wrote in his log every evening, noting the wind, the state of the sea and every vessel "
        "that passed the point before dark.",
        "In the winter of 1881 the lamp failed twice, and both times he climbed the tower with a hand lantern "
        "and kept it lit until morning.",
        "His daughter took over the log when his eyes failed, and her entries are shorter but no less careful "
        "about the weather.",
    ]
    at = [texts.index(paragraph) for paragraph in paragraphs]
    assert at == sorted(at)
    assert any("Transcribed by the Harbour Society" in text for text in texts[: at[0]])
    assert any("1881" in text and "2" in text and text not in paragraphs for text in texts[at[-1] :])


def test_a_page_read_to_a_scrap_is_read_again_in_full() -> None:
    """On this review (engadget, 2017) trafilatura's precise reading keeps only the verdict's
    first line; its default reading finds the review, and that is read."""
    texts = [text for _, text in _read(PAGES, "readability-engadget.html")]
    assert "Hardware" in texts and "In use" in texts
    assert any(text.startswith("Despite all the power inside, the One X is Microsoft's smallest") for text in texts)
