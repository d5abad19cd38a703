"""A saved page's own metadata, weighed as a citation needs it.

trafilatura's metadata is one guess per field.  Here every place a page states a field is
read (JSON-LD, ``<meta>`` tags, ``<time>``, the visible byline, the title bar) and the
first that holds up wins: a publisher, a domain, a CMS credit or a commenter is never the
author; a section or a domain is never the outlet when the address names a known one; the
site's name is taken out of the title; the published date is told from the updated one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..credits import author_from, clean_outlet, credit_names, fold, host_of, strip_site
from ..metadata import normalise_date, parse_date, relative_age
from ..outlets import outlet_for_host

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "scholarlyarticle", "report", "webpage", "posting", "socialmediaposting",
                  "liveblogposting", "backgroundnewsarticle", "techarticle"}  # fmt: skip
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "citation_author")
_PUBLISHED_META = ("article:published_time", "article:published", "datepublished", "og:published_time",
                   "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
                   "sailthru.date", "parsely-pub-date", "article.published")  # fmt: skip
_UPDATED_META = ("article:modified_time", "datemodified", "og:updated_time", "last-modified", "dc.date.modified")
_BYLINE_CLASS = re.compile(r"byline|author|autor|firma|writer|credit", re.I)
_LABELS = {"by", "por", "par", "von", "de", "story by", "written by", "escrito por", "texto", "reportagem"}
_NOT_BYLINE = re.compile(r"comment|reply|avatar|image|photo|img|bio|related|share|social|follow|tweet", re.I)


@dataclass
class PageFacts:
    """Every statement a page makes about itself, in the page's order."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # <meta> by lower-cased name/property
    ld: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD objects of article types
    title_bar: str = ""  # <title>
    bylines: list[str] = field(default_factory=list)  # visible bylines, innermost elements
    byline_texts: list[str] = field(default_factory=list)  # every byline element's text (for dates)
    times: dict[str, list[str]] = field(default_factory=dict)  # <time itemprop=…> datetimes
    canonical: str = ""
    lang: str = ""

    def first(self, *names: str) -> str:
        for name in names:
            for value in self.meta.get(name, []):
                if value.strip():
                    return value.strip()
        return ""


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"])


def _json(text: str) -> Any:
    """A JSON-LD block as pages write it: in CDATA, with control characters or trailing commas."""
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text.strip())
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds}


def _text(element: Any) -> str:
    return " ".join(" ".join(element.itertext()).split())


def read_facts(page: str) -> PageFacts:
    """What the page says of itself; a page lxml cannot parse says nothing."""
    import lxml.html  # type: ignore[import-untyped]

    facts = PageFacts()
    parser = lxml.html.HTMLParser(encoding="utf-8")  # the page is already decoded: no guessing again
    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return facts
    listed: dict[str, set[str]] = {}  # itemprop values: one per item of the page's lists
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().casefold()
        content = meta.get("content")
        if name and content is not None:
            facts.meta.setdefault(name, []).append(" ".join(content.split()))
        elif meta.get("itemprop") and content:
            listed.setdefault(meta.get("itemprop").strip().casefold(), set()).add(" ".join(content.split()))
    for name, values in listed.items():
        if len(values) == 1:  # several datePublished: a list of other articles, not this one's
            facts.meta.setdefault(name, []).extend(values)
        if (meta.get("http-equiv") or "").casefold() == "content-language" and content:
            facts.meta.setdefault("content-language", []).append(content.strip())
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").casefold() or not script.text:
            continue
        data = _json(script.text)
        facts.ld.extend(obj for obj in _ld_objects(data) if _types(obj) & _ARTICLE_TYPES)
    title = tree.find(".//title")
    facts.title_bar = _text(title) if title is not None else ""
    for link in tree.iter("link"):
        if (link.get("rel") or "").casefold() == "canonical" and not facts.canonical:
            facts.canonical = (link.get("href") or "").strip()
    facts.lang = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    for time in tree.iter("time"):
        prop = (time.get("itemprop") or time.get("class") or "").casefold()
        value = time.get("datetime") or _text(time)
        if value:
            facts.times.setdefault(prop, []).append(value)
    facts.bylines = list(_bylines(tree, facts.byline_texts))
    return facts


def _in_comments(element: Any) -> bool:
    for _ in range(8):
        element = element.getparent()
        if element is None:
            return False
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if re.search(r"comment|respon|reply|disqus", marks, re.I):
            return True
    return False


def _bylines(tree: Any, texts: list[str]) -> Iterator[str]:
    """Visible bylines: every itemprop=author together, every rel=author link together, then
    the innermost elements classed as bylines (not a container holding the name and a role)."""
    names: list[str] = []
    for element in tree.xpath("//*[@itemprop='author']"):
        if _in_comments(element):
            continue
        inner = element.xpath(".//*[@itemprop='name']")
        if inner:
            names.extend(n.get("content") or _text(n) for n in inner)
        elif element.get("content"):
            names.append(element.get("content"))
        elif element.tag != "meta":
            names.append(_text(element))
    if names:
        yield ", ".join(dict.fromkeys(n for n in names if n))
    links = [_text(a) for a in tree.xpath("//a[@rel='author']") if not _in_comments(a)]
    if links:
        yield ", ".join(dict.fromkeys(n for n in links if n))
    for element in tree.xpath("//*[@class]"):
        if element.tag in ("meta", "link", "script", "style", "img", "body", "html", "article", "main", "section"):
            continue
        if not _is_byline(element) or _in_comments(element):
            continue
        if len(texts) < 40:
            texts.append(_text(element)[:300])
        if any(_is_byline(inner) for inner in element.iterdescendants() if isinstance(inner.tag, str)):
            continue  # a container: its innermost bylines come on their own
        text = _text(element)
        if text.casefold().strip(" :") in _LABELS:  # "by" in one element, the name in the next
            following = element.getnext()
            text = f"{text} {_text(following)}" if following is not None else ""
        if 2 < len(text) <= 160:
            yield text


def _is_byline(element: Any) -> bool:
    marks = element.get("class") or ""
    return bool(marks and _BYLINE_CLASS.search(marks) and not _NOT_BYLINE.search(marks))


def _ld_authors(facts: PageFacts) -> list[str]:
    """JSON-LD authors who are people (an Organization author is the publisher)."""
    credits = []
    for obj in facts.ld:
        authors = obj.get("author") or obj.get("creator") or []
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, str):
                credits.append(author)
            elif isinstance(author, dict) and "organization" not in _types(author) and author.get("name"):
                credits.append(str(author["name"]))
    return [", ".join(credits)] if credits else []


def _ld_field(facts: PageFacts, key: str) -> str:
    for obj in facts.ld:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@id")
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


@dataclass
class PageMeta:
    fields: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # fields not from the page's metadata
    age: tuple[int, str] | None = None  # "3 hours ago" in the byline, when no date is given


@dataclass(frozen=True)
class _Site:
    """Where a page is from: its address, and the outlet that publishes it."""

    url: str
    host: str
    names: list[str]  # what the page calls its site: og:site_name, JSON-LD publisher, application-name
    outlet: str
    by_address: bool  # the outlet was named from the address (a known site, else the host itself)


@dataclass(frozen=True)
class _Dates:
    published: str
    updated: str  # "" when the same as published
    age: tuple[int, str] | None  # "3 hours ago" in a byline, when nothing dates the page


def page_metadata(facts: PageFacts, guessed: dict[str, str]) -> PageMeta:
    """The page's title, author, date, updated, outlet, url and lang, weighed; ``guessed`` is
    trafilatura's metadata, used where the page states nothing better."""
    headline = facts.first("og:title", "twitter:title") or _ld_field(facts, "headline")
    site = _site(facts, guessed, headline)
    author = _author(facts, guessed, site)
    title = strip_site(
        headline or facts.title_bar or guessed.get("title", ""), [*site.names, site.outlet, site.host, author]
    )
    dates = _dates(facts, guessed, author)
    fields = {
        "url": site.url,
        "outlet": site.outlet,
        "author": author,
        "title": title,
        "date": dates.published,
        "updated": dates.updated,
        "lang": _language(facts),
    }
    found = PageMeta({key: value for key, value in fields.items() if value}, age=dates.age)
    if site.by_address:
        found.origins["outlet"] = "web address"
    return found


def _site(facts: PageFacts, guessed: dict[str, str], headline: str) -> _Site:
    """The page's address, and its outlet: the one known to publish at that address, else
    the site's own name, the site part of the title bar, trafilatura's guess, the address."""
    url, host = _address(facts, guessed)
    names = [facts.first("og:site_name"), _ld_field(facts, "publisher"), facts.first("application-name")]
    outlet = outlet_for_host(host) if host else ""
    by_address = bool(outlet)
    for name in names[:2]:
        outlet = outlet or clean_outlet(name)
    if not outlet and facts.title_bar:
        outlet = _site_in_title_bar(facts.title_bar, headline or guessed.get("title", ""))
    outlet = outlet or clean_outlet(guessed.get("outlet", "")) or clean_outlet(names[2])
    if not outlet and host:
        outlet, by_address = host, True
    return _Site(url, host, names, outlet, by_address)


def _address(facts: PageFacts, guessed: dict[str, str]) -> tuple[str, str]:
    """The page's web address (the first the page states, else trafilatura's) and its host."""
    urls = [facts.first("og:url"), facts.canonical, _ld_field(facts, "url"), _ld_field(facts, "mainEntityOfPage")]
    url = next((u for u in urls if u and re.match(r"(?i)https?://", u)), "") or guessed.get("url", "")
    return url, host_of(url) or host_of(guessed.get("hostname", ""))


def _author(facts: PageFacts, guessed: dict[str, str], site: _Site) -> str:
    """The people who wrote the page, from the first place that names some: JSON-LD, the
    author meta tags, the visible bylines, trafilatura's guess; never the site itself."""
    blocked = {
        fold(n) for n in [*site.names, site.outlet, site.host, site.host.split(".")[0] if site.host else ""] if n
    }
    blocked.discard("")
    sources = [
        _ld_authors(facts),
        [v for name in _AUTHOR_META for v in facts.meta.get(name, []) if not re.match(r"(?i)https?://", v)],
        facts.bylines,
        [guessed.get("author", "")],
    ]
    return next((author for author in (author_from(credits, blocked) for credits in sources) if author), "")


def _dates(facts: PageFacts, guessed: dict[str, str], author: str) -> _Dates:
    """When the page was published (the byline naming the author first, then the page's
    metadata, then trafilatura's guess) and last updated."""
    published = _ld_field(facts, "datePublished") or facts.first(*_PUBLISHED_META)
    published = published or next(iter(facts.times.get("datepublished", []) + facts.times.get("pubdate", [])), "")
    date = _byline_date(facts.byline_texts, author) or (normalise_date(published) if published else "")
    date = date or normalise_date(guessed.get("date", ""))
    age = None if date else next((age for age in map(relative_age, facts.byline_texts) if age), None)
    updated = _ld_field(facts, "dateModified") or facts.first(*_UPDATED_META)
    updated = normalise_date(updated or next(iter(facts.times.get("datemodified", [])), ""))
    return _Dates(date, updated if updated != date else "", age)


def _language(facts: PageFacts) -> str:
    """The page's language tag as the page states it ("pt-br"), "" when it does not."""
    lang = facts.lang or facts.first("content-language", "og:locale", "dc.language", "language")
    lang = lang or _ld_field(facts, "inLanguage")
    match = re.match(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]+))?", lang.strip())
    return match.group().replace("_", "-").lower() if match else ""


def _byline_date(bylines: list[str], author: str) -> str:
    """The date printed in the byline that names the author ("By Ana Pérez, March 11, 2015"):
    what the reader sees, where page metadata may carry another item's or a later time."""
    wanted = {fold(name) for name in author.split(", ")} if author else set()
    for byline in bylines:
        if wanted and wanted & {fold(name) for name in credit_names(byline)}:
            date = parse_date(byline)
            if date and len(date) == 10:
                return date
    return ""


def _site_in_title_bar(title_bar: str, headline: str) -> str:
    """ "Silicon Exposed" from "Silicon Exposed: Open Verilog flow…" when the headline is the rest."""
    bar = " ".join(title_bar.split())
    head = " ".join(headline.split())
    if head and head in bar:
        rest = bar.replace(head, "\n").split("\n")
        for part in (rest[0], rest[-1]):
            name = part.strip(" |:-–—»·")
            if name and len(name.split()) <= 5:
                return clean_outlet(name)
    return ""
