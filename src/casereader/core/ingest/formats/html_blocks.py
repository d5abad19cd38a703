"""Blocks of a page's main content that trafilatura leaves out, put back in their place.

trafilatura (with ``favor_precision``) is good at leaving navigation, footers and related-link
boxes out, but it also drops parts of the article itself: the headline (``<h1>``), a home
page's intro and panels when they sit in a ``<header>`` or beside the text it chose, headings
whose text is short, short paragraphs.  Here the page is parsed again, its block elements
(headings, paragraphs, list items, a ``<div>`` of inline text only; inside a table only when the
table lays the page out) are lined up with trafilatura's lines, and the blocks it missed are
restored in document order, but only

- inside the content region: the smallest element holding nearly all the text trafilatura
  kept, and there only between the first and the last block it kept (a related-articles list,
  a share bar or comments after the article stay out);
- or in the article's head: the page's headline (the last ``<h1>`` before the text, not a
  logo link) and the lines between it and the text (a lead, a section heading), a few at most;

and never from navigation, footers, asides, forms, hidden elements or containers named as
boilerplate (share, related, cookie, newsletter, comments…), nor link lists (a block that is
mostly link text).  Nothing trafilatura kept is removed; a line of its text is changed only
where it is a block of the page but for a heading's edit link or permalink mark ("[edit]",
"¶", "#"), a paragraph it split in two at a ``<br>`` or at line ends in the source, or its
spacing: then it is given as the page's block; a table row it made of a layout table's cell
is given as the blocks in it (``_mended``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
BLOCKS = HEADINGS | {"p", "li", "dd", "dt"}
# Never content: their text is not the article's (scripts, forms, embedded media, figures'
# captions and credits).
_DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "form",
        "button",
        "select",
        "option",
        "textarea",
        "label",
        "iframe",
        "object",
        "video",
        "audio",
        "canvas",
        "figure",
        "figcaption",
        "pre",
        "table",
    ]
)
_BOILERPLATE_TAGS = frozenset(["nav", "footer", "aside", "menu", "dialog"])
_BOILERPLATE_ROLES = frozenset(
    ["navigation", "contentinfo", "complementary", "search", "banner", "menu", "dialog", "alert", "toolbar"]
)
# Class and id words of containers that are never the article: what trafilatura's own
# precision rules and readability's "unlikely candidates" name, in the words pages use.
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|submenu|breadcrumbs?|footer|sidebar|side-?bar|aside|widget|"
    r"share|sharing|social|sociable|related|recommend\w*|more-stories|read-?more|trending|popular|"
    r"newsletter|subscribe|subscription|signup|sign-up|login|register|cookies?|consent|gdpr|banner|optin|"
    r"comments?|comentarios?|kommentare?|commentaires?|disqus|respond|reply|"
    r"promo|promotion|sponsor\w*|advert\w*|ads?|ad-\w+|adsense|"
    r"tags?|tag-?cloud|categories|taxonomy|pagination|pager|prev|previous|next|skip|toolbar|masthead|"
    r"popup|modal|overlay|tooltip|dropdown|print|rss|feed|bio|author-?bio|about-?the-?author|meta|byline|"
    r"caption|thumb\w*|credits?|attribution|figure|photo|foto|image|img|gallery|slideshow|carousel|paddle|"
    r"interactive|graphic|chart|player|settings|options|"
    r"survey|download|lang-?switcher|language)(?:$|[\s_-])",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
MAX_LINK_SHARE = 0.5  # a block whose text is more than this much link text is a list of links
MAX_HEAD_BLOCKS = 6  # more lines than this between the headline and the text: only the headline
HEAD = "head"  # a line put back from between the headline and the text
MAJORITY = 0.8  # the content region holds at least this share of the text trafilatura kept
_BULLET = re.compile(r"^\s*(?:[-*•]\s+)")


def _norm(text: str) -> str:
    return " ".join(text.split())


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _name_of(element: Any) -> str:
    """An element's class and id, camel case split ("EmailOptin" is "Email-Optin")."""
    return _CAMEL.sub("-", f"{element.get('class') or ''} {element.get('id') or ''}".strip())


def _is_boilerplate(element: Any) -> bool:
    """A container that is never the article: by its tag, its role, its name, or hidden."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _BOILERPLATE_TAGS:
        return True
    if tag == "header" and next(element.iter("nav"), None) is not None:  # the site's header
        return True
    if (element.get("role") or "").casefold() in _BOILERPLATE_ROLES:
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").casefold() == "true":
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    if tag in ("article", "main"):  # the article itself: its names describe it ("is-language-Tier1")
        return False
    name = _name_of(element)
    return bool(name and _BOILERPLATE_NAMES.search(name))


class _Block:
    __slots__ = ("element", "in_form", "in_table", "link_share", "marked", "n", "tag", "text")

    def __init__(self, n: int, element: Any, text: str, link_share: float, in_form: bool) -> None:
        self.n = n
        self.element = element
        self.tag = element.tag
        self.text = text
        self.link_share = link_share
        self.in_form = in_form  # beside a form (a newsletter sign-up box, a search box)
        self.in_table = False  # in a table that lays the page out (see ``_is_layout``)
        self.marked = ""  # its text with its edit link or permalink mark ("History[edit]"), if it has one


_FORM_TAGS = frozenset(["form", "input", "button", "select", "textarea"])


def _holds_form(parent: Any) -> bool:
    """Whether a container holds a form among its children, or two levels below them."""
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _FORM_TAGS:
            return True
        for grandchild in child:
            if isinstance(grandchild.tag, str) and (
                grandchild.tag in _FORM_TAGS or any(isinstance(g.tag, str) and g.tag in _FORM_TAGS for g in grandchild)
            ):
                return True
    return False


# Marks beside a heading that are not its text: MediaWiki's "[edit]" links and the permalink
# anchors of documentation and blog engines (Sphinx's "¶", GitHub's and Hugo's "#", "§", "🔗").
_EDIT_SECTION = re.compile(r"(?:^|\s)mw-editsection(?:$|\s)")
_MARK_SYMBOLS = frozenset("#¶§🔗⚓")


def _is_mark(node: Any) -> bool:
    """An edit link or a permalink anchor: MediaWiki's edit section, or a link within the page
    (``href="#…"``) whose text is empty or only a mark symbol."""
    if _EDIT_SECTION.search(node.get("class") or ""):
        return True
    if node.tag != "a" or not (node.get("href") or "").startswith("#"):
        return False
    shown = "".join(node.itertext()).split()
    return all(set(word) <= _MARK_SYMBOLS for word in shown)


def _text_of(element: Any, marks: bool = False) -> tuple[str, float, bool]:
    """A block's text as a reader sees it (a ``<br>`` is a space; edit links and permalink
    marks out, unless ``marks``), its share of link text (a heading's links within the page,
    back to the contents, not counted), and whether it had a mark."""
    parts: list[str] = []
    linked = 0
    marked = False
    heading = element.tag in HEADINGS  # a heading's link within the page (to the contents) is not a teaser's

    def walk(node: Any, in_link: bool) -> None:
        nonlocal linked, marked
        tag = node.tag if isinstance(node.tag, str) else ""
        mark = not marks and bool(tag) and _is_mark(node)
        marked = marked or mark
        # an image's credit is boilerplate inside a block; a link is the text's (a "popup" note's)
        if tag in _DROPPED or (node is not element and tag not in ("", "a") and _is_boilerplate(node)) or mark:
            if node.tail:
                parts.append(node.tail)
                if in_link:
                    linked += len(node.tail.strip())
            return
        if tag == "br":
            parts.append(" ")
        inside = in_link or (tag == "a" and not (heading and (node.get("href") or "").startswith("#")))
        if node.text and tag not in ("br",) and isinstance(node.tag, str):
            parts.append(node.text)
            if inside:
                linked += len(node.text.strip())
        for child in node:
            walk(child, inside)
        if node is not element and node.tail:
            parts.append(node.tail)
            if in_link:
                linked += len(node.tail.strip())

    walk(element, False)
    text = _norm("".join(parts))
    letters = len(text.replace(" ", ""))
    return text, (linked / letters if letters else 0.0), marked


def _blocks(root: Any) -> Iterator[_Block]:
    """The page's innermost block elements in document order (a list item holding a heading and
    a paragraph gives those two), with boilerplate containers and dropped elements left out."""
    n = 0
    beside_form: dict[Any, bool] = {}  # by parent: a sign-up or search box beside the block

    def walk(node: Any, in_link: bool, in_table: bool) -> Iterator[_Block]:
        nonlocal n
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "table" and not _is_boilerplate(child) and _is_layout(child):
                yield from walk(child, in_link, True)
                continue
            if not tag or tag in _DROPPED or _is_boilerplate(child):
                continue
            if (
                tag in BLOCKS and not any(isinstance(d.tag, str) and d.tag in BLOCKS for d in child.iterdescendants())
            ) or (tag == "div" and _is_div_paragraph(child)):
                text, links, marked = _text_of(child)
                if text:
                    n += 1
                    if node not in beside_form:
                        beside_form[node] = _holds_form(node)
                    block = _Block(n, child, text, 1.0 if in_link else links, beside_form[node])
                    if marked:
                        block.marked = _text_of(child, marks=True)[0]
                    block.in_table = in_table
                    yield block
                continue
            yield from walk(child, in_link or tag == "a", in_table)  # a block inside a link is a teaser

    yield from walk(root, False, False)


# Inline elements: a ``<div>`` holding nothing else (and text of its own) is a paragraph, as
# pages written in an editor that makes a ``<div>`` of each paragraph have them.
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)


def _is_div_paragraph(div: Any) -> bool:
    """A ``<div>`` that is a paragraph: inline elements only inside it, no blank line (two
    ``<br>`` in a row: paragraphs of their own), and a sentence's worth of text (two words or more)."""
    for node in div.iterdescendants():
        if isinstance(node.tag, str) and node.tag not in _INLINE:
            return False
        if node.tag == "br" and not (node.tail or "").strip():
            after = node.getnext()
            if after is not None and after.tag == "br":
                return False
    return len("".join(div.itertext()).split()) >= 2


_CELL_BLOCKS = ("p", *sorted(HEADINGS))


def _is_layout(table: Any) -> bool:
    """A table that lays a page out rather than holding data: one of its cells holds paragraphs
    or headings, two or more (an article set in a table's cell, as pages of the 1990s were)."""
    for cell in table.iter("td", "th"):
        blocks = cell.iter(*_CELL_BLOCKS)
        if next(blocks, None) is not None and next(blocks, None) is not None:
            return True
    return False


def _ancestors(element: Any) -> list[Any]:
    chain = []
    node = element.getparent()
    while node is not None:
        chain.append(node)
        node = node.getparent()
    return chain


def _match(lines: list[str], blocks: list[_Block]) -> list[int | None]:
    """For each of trafilatura's lines, the block it was read from (None: a table row, a block
    this reading does not collect, text it joined or cut): the first unused block of the same
    text, else one whose text starts the same, in order where the page has repeats."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, block in enumerate(blocks):
        by_text[block.text].append(i)
    used: set[int] = set()
    found: list[int | None] = []
    last = -1
    for line in lines:
        wanted = _norm(_BULLET.sub("", line))
        places = [i for i in by_text.get(wanted, []) if i not in used]
        if not places and len(wanted) >= 30:
            head = wanted[:60]
            places = [
                i
                for i, block in enumerate(blocks)
                if i not in used
                and len(block.text) >= 30
                and (block.text.startswith(head) or wanted.startswith(block.text[:60]))
            ]
        later = [i for i in places if i > last]
        if not places:
            found.append(None)
            continue
        place = (later or places)[0]
        used.add(place)
        last = max(last, place)
        found.append(place)
    return found


def _region(blocks: list[_Block], kept: list[int]) -> Any:
    """The deepest element holding at least MAJORITY of the text of the blocks trafilatura kept
    (one stray line from a footer does not make the whole page the region)."""
    weight: dict[Any, int] = defaultdict(int)
    depth: dict[Any, int] = {}
    total = 0
    for i in kept:
        size = len(blocks[i].text)
        total += size
        chain = _ancestors(blocks[i].element)
        for level, ancestor in enumerate(reversed(chain)):
            weight[ancestor] += size
            depth[ancestor] = level
    held = [a for a, w in weight.items() if w >= MAJORITY * total]
    return max(held, key=lambda a: depth[a]) if held else None


def _restorable(block: _Block) -> bool:
    """A block worth putting back: not a list of links, not a heading with a link (a teaser's
    headline), not beside a form, not a paragraph of one word (a label, a chart's figure, a
    credit) nor a list item of one or two (a tab, a tag)."""
    if block.link_share > MAX_LINK_SHARE or block.in_form:
        return False
    if block.tag in HEADINGS:
        return block.link_share == 0
    return len(block.text.split()) >= (3 if block.tag == "li" else 2)


HEADED_WORDS = 60  # a linked heading heads a section, not a teaser's blurb, when this much follows it


def _heads_kept(blocks: list[_Block], i: int, kept: set[int]) -> bool:
    """A heading that is a link (to a product, a source) and heads a section trafilatura kept:
    the block right after it is one of its lines, and the kept text up to the next heading has
    HEADED_WORDS words or more.  A teaser's headline heads a blurb of a sentence or two."""
    block = blocks[i]
    if block.tag not in HEADINGS or block.in_form or i + 1 not in kept:
        return False
    words = 0
    for after in range(i + 1, len(blocks)):
        if blocks[after].tag in HEADINGS:
            break
        if after in kept:
            words += len(blocks[after].text.split())
    return words >= HEADED_WORDS


def _shown_already(text: str, shown: set[str], joined: str) -> bool:
    """Whether trafilatura's text has a block already: as a line, inside one (it joins some
    blocks), or starting the same (its line and the block differ further on: a formula, an
    inline element read differently)."""
    if text in shown:
        return True
    return len(text) >= 30 and (text in joined or text[:40] in joined)


def _headline(blocks: list[_Block], before: int) -> int | None:
    """The article's headline: the last ``<h1>`` before block ``before`` that is not a link
    (a logo is one)."""
    for i in range(before - 1, -1, -1):
        if blocks[i].tag == "h1" and blocks[i].link_share == 0:
            return i
    return None


def restore(page_tree: Any, text: str) -> tuple[str, dict[int, str]]:
    """trafilatura's ``text`` (one paragraph a line) with the main-content blocks it left out
    put back in document order (see the module's docstring), and what the lines put back are,
    by their line number (0 first): the headline ``title``, other headings ``heading``, a line
    between the headline and the text ``HEAD``.
    ``text`` unchanged when the page cannot be lined up with it."""
    lines, kinds = _restored(page_tree, text)
    return "\n".join(lines), kinds


_START = 3  # a line as short as this (unspaced) is not joined to the lines after it


def _unspaced(text: str) -> str:
    return "".join(text.split())


LAYOUT_SHARE = 0.5  # a table row read as one line is a layout table's when its blocks hold this share of it


def _cell_blocks(row: str, layout: list[tuple[str, str]]) -> list[str]:
    """The blocks of a layout table in the order ``row`` (one of trafilatura's table rows, its
    cell bars out) holds them, with the text between them (loose text in a cell) as lines of
    its own, when the blocks are at least LAYOUT_SHARE of the row; else none (a data table's
    row, or a row of a layout table that is mostly loose text)."""
    row = _norm(row)
    places = [n for n, char in enumerate(row) if not char.isspace()]  # unspaced position -> row's
    flat = "".join(row[n] for n in places)
    found: list[str] = []
    held = position = 0
    for key, text in layout:
        at = flat.find(key, position)
        if at >= 0 and key:
            loose = row[places[position] : places[at]].strip() if at > position else ""
            if loose:
                found.append(loose)
            found.append(text)
            held += len(key)
            position = at + len(key)
    if not flat or held < LAYOUT_SHARE * len(flat):
        return []
    if position < len(flat):
        found.append(row[places[position] :].strip())
    return found


def _mended(lines: list[str], blocks: list[_Block]) -> list[str]:
    """trafilatura's lines as the page's blocks read them: a heading's line without its edit
    link or permalink mark ("History[edit]", "Setting up¶" are "History", "Setting up"), the
    lines it made of one block (split at a ``<br>`` or at the line ends of the page's source)
    one line, and a block's text it spaced differently ("originalon") as the page spaces it.
    Only lines that are a block's text but for these are changed."""
    marked = {_unspaced(b.marked): b.text for b in blocks if b.marked}
    layout = [(_unspaced(b.text), b.text) for b in blocks if b.in_table]
    whole = {_unspaced(b.text): b.text for b in blocks}
    starting: dict[str, list[str]] = defaultdict(list)  # blocks' unspaced texts by their start
    for key in whole:
        starting[key[:_START]].append(key)
    mended: list[str] = []
    i = 0
    while i < len(lines):
        bullet = _BULLET.match(lines[i])
        prefix = bullet.group() if bullet else ""
        line = _unspaced(lines[i][len(prefix) :])
        if line.startswith("|") and layout:
            cells = _cell_blocks(lines[i].replace("|", ""), layout)
            if cells:
                mended.extend(cells)
                i += 1
                continue
        if line in marked or line in whole:
            mended.append(prefix + (marked.get(line) or whole[line]))
            i += 1
            continue
        if len(line) >= _START:
            wanted = [t for t in starting.get(line[:_START], []) if len(t) > len(line) and t.startswith(line)]
            joined, j = line, i + 1
            while wanted and j < len(lines) and joined not in whole:
                joined += _unspaced(lines[j])
                wanted = [t for t in wanted if t.startswith(joined)]
                j += 1
            if wanted and joined in whole:
                mended.append(prefix + whole[joined])
                i = j
                continue
        mended.append(lines[i])
        i += 1
    return mended


def _restored(page_tree: Any, text: str) -> tuple[list[str], dict[int, str]]:
    body = page_tree.find(".//body")
    if body is None:
        return text.split("\n"), {}
    blocks = list(_blocks(body))
    lines = _mended(text.split("\n"), blocks)
    unchanged: tuple[list[str], dict[int, str]] = (lines, {})
    anchors = _match(lines, blocks)
    kept = sorted({a for a in anchors if a is not None})
    if not kept:
        return unchanged
    region = _region(blocks, kept)
    if region is None:
        return unchanged
    inside = {i for i, b in enumerate(blocks) if region in _ancestors(b.element)}
    first, last = kept[0], kept[-1]
    kept_blocks = set(kept)
    shown = {_norm(_BULLET.sub("", line)) for line in lines}
    joined = _norm(" ".join(lines))
    restored: set[int] = set()
    for i in range(first, last + 1):
        if i in inside and i not in kept and (_restorable(blocks[i]) or _heads_kept(blocks, i, kept_blocks)):
            restored.add(i)
    headline = _headline(blocks, first)
    if headline is not None:
        head = [i for i in range(headline + 1, first) if _restorable(blocks[i])]
        restored.add(headline)
        if len(head) <= MAX_HEAD_BLOCKS:
            restored.update(head)
    restored = {i for i in restored if not _shown_already(blocks[i].text, shown, joined)}
    # A heading heads something: one followed by another heading or by nothing kept (a box of
    # links: "Related Items", "Tools & Resources") is left out; the headline stays.
    text_after = False
    for i in range(len(blocks) - 1, -1, -1):
        if i in kept or (i in restored and blocks[i].tag not in HEADINGS):
            text_after = True
        elif i in restored and i != headline:
            if not text_after:
                restored.discard(i)
            text_after = False
        elif blocks[i].tag in HEADINGS or _restorable(blocks[i]) or blocks[i].link_share > MAX_LINK_SHARE:
            text_after = False
    if not restored:
        return unchanged
    # Each line at its block's place; a line read from no block stays after the line before it.
    placed: list[tuple[float, int, str, str]] = []
    position = -1.0
    for order, (line, anchor) in enumerate(zip(lines, anchors, strict=True)):
        if anchor is not None and anchor > position:
            position = float(anchor)
        placed.append((position, order, line, ""))
    for i in restored:
        kind = ("title" if i == headline else "heading") if blocks[i].tag in HEADINGS else ""
        if not kind and headline is not None and headline < i < first:
            kind = HEAD  # a line of the article's head: a lead, a byline, a dateline
        placed.append((float(i), -1, blocks[i].text, kind))
    placed.sort(key=lambda item: (item[0], item[1] >= 0, item[1]))
    return [line for _, _, line, _ in placed], {n: kind for n, (_, _, _, kind) in enumerate(placed) if kind}
