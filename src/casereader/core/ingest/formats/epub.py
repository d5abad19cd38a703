"""EPUB: the books's chapters in spine order (the navigation document left out), headings as
headings, paragraphs, list items and quotations as paragraphs; title, author, date and
language from the package's Dublin Core metadata.  Read with zipfile and lxml (ebooklib is
AGPL).  A damaged or DRM-encrypted book is skipped with the reason."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from urllib.parse import unquote

from ...models import Paragraph, UnreadableFile
from ..metadata import normalise_date
from .base import Extracted, Format, no_text

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "figcaption", "td", "th",
           "caption", "div", "header", "footer", "section", "address"}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTAINERS = {"div", "section", "header", "footer", "blockquote", "li", "td", "th", "dd"}
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_OPS = "{http://www.idpf.org/2007/ops}"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml(data: bytes) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser=parser)
    if root is None:
        raise UnreadableFile("damaged (an XML part cannot be read)")
    return root


def _text(element: Any) -> str:
    parts = []
    for node in element.iter():
        if node is not element and _local(node.tag) in ("sup",) and "noteref" in (node.get(f"{_OPS}type") or ""):
            continue
        if node is element:
            parts.append(node.text or "")
        else:
            parent_skipped = False
            parts.append("" if parent_skipped else (node.text or ""))
        if node is not element:
            parts.append(node.tail or "")
    return " ".join("".join(parts).replace("\u2060", "").split())


def _blocks(body: Any) -> list[tuple[str, str]]:
    """(kind, text) of a chapter's blocks, innermost first: a div holding paragraphs gives its
    paragraphs; a paragraph of an hgroup is part of the heading."""
    found: list[tuple[str, str]] = []

    def visit(element: Any, heading: bool) -> None:
        tag = _local(element.tag)
        if tag in ("script", "style", "nav", "aside") or "noteref" in (element.get(f"{_OPS}type") or ""):
            return
        inner_blocks = [child for child in element.iter() if child is not element and _local(child.tag) in _BLOCKS]
        in_heading = heading or tag == "hgroup" or tag in _HEADINGS
        if tag in _BLOCKS and not (tag in _CONTAINERS and inner_blocks):
            text = _text(element)
            if text:
                found.append(("heading" if in_heading else "body", text))
            return
        for child in element:
            visit(child, in_heading)

    visit(body, False)
    return found


def read_epub(data: bytes) -> list[Extracted]:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
        if "META-INF/encryption.xml" in names and b"EncryptedData" in book.read("META-INF/encryption.xml"):
            raise UnreadableFile("encrypted (DRM): casereader cannot read it")
        container = _xml(book.read("META-INF/container.xml"))
        rootfile = next((e.get("full-path") for e in container.iter() if _local(e.tag) == "rootfile"), None)
        if not rootfile or rootfile not in names:
            raise UnreadableFile("damaged (no package document)")
        package = _xml(book.read(rootfile))
        base = posixpath.dirname(rootfile)
        manifest = {}
        for item in package.iter(f"{_OPF}item"):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
            manifest[item.get("id")] = (href, item.get("media-type") or "", item.get("properties") or "")
        meta = _metadata(package)
        found: list[tuple[str, str]] = []
        for ref in package.iter(f"{_OPF}itemref"):
            href, media, properties = manifest.get(ref.get("idref"), ("", "", ""))
            if "nav" in properties.split() or href not in names or "html" not in media:
                continue
            root = _xml(book.read(href))
            body = next((e for e in root.iter() if _local(e.tag) == "body"), None)
            if body is not None:
                found.extend(_blocks(body))
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(f"damaged or not an EPUB ({exc})") from exc
    except KeyError as exc:
        raise UnreadableFile(f"damaged (a part is missing: {exc})") from exc
    if not found:
        raise UnreadableFile("no text in the book")
    paragraphs = []
    position = 0
    for n, (kind, text) in enumerate(found, 1):
        paragraphs.append(Paragraph(n, kind, position, position + len(text), text))
        position += len(text) + 2
    return [
        Extracted(
            "\n\n".join(text for _, text in found), meta=meta, origin="book metadata", paragraphs=tuple(paragraphs)
        )
    ]


def _metadata(package: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    titles = list(package.iter(f"{_DC}title"))
    if titles:
        meta["title"] = " ".join((titles[0].text or "").split())
    creators = [" ".join((c.text or "").split()) for c in package.iter(f"{_DC}creator")]
    if any(creators):
        meta["author"] = ", ".join(c for c in creators if c)
    for date in package.iter(f"{_DC}date"):
        value = normalise_date((date.text or "").strip())
        if value:
            meta["date"] = value
            break
    else:
        for prop in package.iter(f"{_OPF}meta"):
            if prop.get("property") == "dcterms:modified" and prop.text:
                meta["date"] = normalise_date(prop.text.strip())
    language = next((" ".join((e.text or "").split()) for e in package.iter(f"{_DC}language")), "")
    if re.match(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?$", language):
        meta["lang"] = language
    return {k: v for k, v in meta.items() if v}


FORMAT = Format("epub", (".epub",), no_text, read_bytes=read_epub, max_bytes=200 * 1024 * 1024)
