"""Who wrote a piece and where it was published, as a citation needs them.

Pages credit all sorts of things as "author": the publisher ("Ediciones El País", "Condé
Nast"), the site ("elmundo.es"), the CMS ("Hecho en Bolivia con Drupal"), placeholders
("Username", "Cortesía", "Anónimo"), a name followed by a date or a role ("Joe Wee Monday,
February", "Jefferson Graham, USA TODAY").  This module turns such credits into the names
of the people who wrote the piece (agencies kept as such), names outlets as their readers
know them, and takes the site's name out of a page title.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..text import analysis
from .dates import MONTHS, WEEKDAYS
from .metadata import looks_like_names, parse_date
from .outlets import is_section_name, outlet_for_host

AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "afp": "AFP",
    "agence france-presse": "AFP", "agence france presse": "AFP", "efe": "EFE", "agencia efe": "EFE",
    "reuters": "Reuters", "europa press": "Europa Press", "ansa": "ANSA", "dpa": "dpa", "xinhua": "Xinhua",
    "lusa": "Lusa", "agência brasil": "Agência Brasil", "agencia brasil": "Agência Brasil", "upi": "UPI",
    "notimex": "Notimex", "prensa latina": "Prensa Latina", "sputnik": "Sputnik", "tass": "TASS",
    "agencia andes": "Andes", "cnn wire": "CNN Wire", "agencias": "", "agências": "",
}  # fmt: skip

# Credits that name nobody: placeholders, desks with no name, the CMS's defaults.
PLACEHOLDERS = frozenset((
    "username", "user", "admin", "administrator", "administrador", "anonymous", "anónimo", "anonimo", "anônimo",
    "anonyme", "cortesía", "cortesia", "redacción", "redaccion", "redação", "redacao", "rédaction", "editor",
    "editora", "editorial", "guest", "invitado", "unknown", "desconocido", "desconhecido", "n/a", "na", "none",
    "null", "author", "authors", "autor", "autora", "autores", "auteur", "follow", "staff", "webmaster", "web",
    "prensa", "imprensa", "comunicación", "comunicação", "varios", "various", "作者", "编辑", "記者", "by", "por",
    "par", "de"
))  # fmt: skip
_NOT_PEOPLE = re.compile(
    r"drupal|wordpress|joomla|hecho en|feito em|powered by|desarrollad[oa] por|developed by|diseñad[oa] por|"
    r"designed by|made with|made by|derechos reservados|rights reserved|copyright|©|\bediciones\b|\beditora\b|"
    r"\bs\.a\.|\bs\.l\.|\bltda\b|\binc\b|\bllc\b|\bltd\b|\bgrupo\b|\bgroup\b|\bpublishing\b|\bcondé nast\b|"
    r"\bconde nast\b|\bnewsroom\b|\bfollow author\b|https?:|www\.|@|\.(?:com|org|net|es|fr|br|ar|mx|co|pt|uk)\b",
    re.I,
)
_PREFIX = re.compile(
    r"^(?:(?:story|written|reported|text|texto|reportagem|reportaje|escrito|escrita|publicado)\s+)?"
    r"(?:by|por|par|von|door|di|de:|autor(?:a)?:|author:|texto:|text:)\s+",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|\s[-–—]\s|\n|\t)\s*")
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\by\b|\be\b|\bet\b|\bund\b|\bwith\b|\bcon\b|\bcom\b)\s+|\s*[,;/&]\s*", re.I)
_DATEY = (
    frozenset(MONTHS) | WEEKDAYS | {"updated", "actualizado", "atualizado", "published", "publicado", "on", "el", "em"}
)
_ROLES = frozenset((
    "technologist", "editor", "editora", "editors", "reporter", "reportera", "reportero", "correspondent",
    "corresponsal", "correspondente", "columnist", "columnista", "colunista", "writer", "contributor",
    "colaborador", "colaboradora", "director", "directora", "diretor", "diretora", "producer", "analyst",
    "fellow", "professor", "profesor", "profesora", "researcher", "investigador", "investigadora", "journalist",
    "journaliste", "periodista", "jornalista", "redactor", "redactora", "repórter", "manager", "president",
    "presidente", "officer", "counsel", "attorney", "coordinator", "coordinadora", "coordenador", "chief",
    "project", "program", "programme", "photographer", "fotógrafo", "fotógrafa", "photos", "fotos", "ilustración",
    "illustration", "suivre", "follow"
))  # fmt: skip
_BYLINE_WORDS = frozenset((
    "by", "por", "par", "von", "story", "written", "reported", "text", "texto", "escrito", "escrita", "publicado",
    "autor", "author"
))  # fmt: skip
_DEGREES = frozenset(["ma", "md", "phd", "mph", "msc", "bsc", "rn", "mba", "ms", "ba", "dr"])
_PARTICLES = frozenset((
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ten",
    "bin", "ibn", "al", "el", "y", "e"
))  # fmt: skip
_QUOTES = "\"'“”‘’«»„`´"


def fold(text: str) -> str:
    """Letters and digits only, lower case, accents off: "Aktuálně.cz" -> "aktualnecz"."""
    return re.sub(r"[\W_]+", "", analysis.fold(text))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", analysis.fold(text))


def _agency(name: str) -> str | None:
    """The agency's usual name ("AP" for "The Associated Press"), "" for "Agencias", None if none."""
    return AGENCIES.get(" ".join(name.casefold().split()).strip(".")) if name else None


def _tidy_name(name: str) -> str:
    """One person's name without quotes, trailing dates, degrees or lower-case tails; all
    capitals made title case ("GILLIAN MOHNEY March" -> "Gillian Mohney")."""
    name = name.strip().strip(_QUOTES + " .,:;-–—()").strip()
    name = re.sub(r"\s+", " ", name.replace("\u00a0", " "))
    words = name.split()
    while words and words[0].casefold().strip(":") in _BYLINE_WORDS:
        words = words[1:]  # "Story By", "Written by:" left as a label
    while words and words[-1].casefold().strip(":") in _BYLINE_WORDS:
        words = words[:-1]
    kept: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(_QUOTES + ".,").casefold()
        if i and (bare in _DATEY or bare[:1].isdigit()):
            break  # "Joshua Sokol May 20, 2019", "Joe Wee Monday"
        kept.append(word.strip(_QUOTES))
    while len(kept) > 2 and kept[-1].strip(".,").casefold() in _ROLES:
        kept.pop()  # "Ben Silverman Editor"
    while kept and kept[-1].strip(".,").casefold() in _DEGREES and len(kept) > 2:
        kept.pop()  # "Brenda Goodman, MA" (after the comma split) or "Jane Roe MD"
    while len(kept) > 1 and kept[-1][:1].islower() and kept[-1].casefold() not in _PARTICLES:
        kept.pop()  # "Aleš Vávra před" ("… ago")
    name = " ".join(kept).strip(_QUOTES + " ,")
    if name.isupper() and sum(c.isalpha() for c in name) > 3:
        name = " ".join(w if w.casefold() in _PARTICLES else w.capitalize() for w in name.casefold().split())
    return name


def is_person_name(name: str) -> bool:
    """Whether a cleaned credit can be a person's name (or a desk's, "Our Foreign Staff")."""
    if not name or len(name) > 60 or name.casefold() in PLACEHOLDERS or _NOT_PEOPLE.search(name):
        return False
    if any(c.isdigit() for c in name):
        return False
    words = name.split()
    if not 1 <= len(words) <= 6:
        return False
    if not any(c.isalpha() and c.isupper() != c.islower() for c in name):
        return len(name) <= 20  # a name in a script without case (肖春芳)
    if len(words) == 1 and len(name) <= 2:
        return False
    return looks_like_names(name)


def credit_names(credit: str, not_names: set[str] | None = None) -> list[str]:
    """The people (or agencies, when no person is named) a credit names, cleaned.

    ``not_names`` are folded names that are never authors: the outlet, the site, the
    publisher, the site's domain.
    """
    text = html.unescape(credit or "").replace("\u00a0", " ").strip()
    if not text:
        return []
    blocked = not_names or set()
    people: list[str] = []
    agencies: list[str] = []
    text = re.sub(r"\((?:avec|with|con|com|and|y|e|et|und)\s+([^)]*)\)", r", \1", text, flags=re.I)
    for segment in _SEPARATORS.split(text):
        segment = _PREFIX.sub("", segment.strip(_QUOTES + " ")).strip()
        date = parse_date(segment)
        if date and len(segment) > 12:
            segment = re.split(r"\s*\b(?:on\s+)?\d", segment, maxsplit=1)[0]
        found_here = False
        if fold(segment) in blocked:
            continue  # "Mac & i": the site's name, not two people
        for part in _SPLIT.split(segment):
            words = [w.strip(".,").casefold() for w in part.split()]
            if words and all(w in _DATEY or w[:1].isdigit() for w in words):
                continue  # "February" left over from "Joe Wee Monday, February"
            if any(w in _ROLES for w in words) and (people or agencies):
                break  # "Daniel Kahn Gillmor, Senior Staff Technologist, ACLU …": the rest is a role
            agency = _agency(part.strip(" .()"))
            if agency is not None:
                if agency and agency not in agencies:
                    agencies.append(agency)
                found_here = True
                continue
            name = _tidy_name(part)
            if not is_person_name(name) or fold(name) in blocked:
                continue
            if fold(name) not in {fold(p) for p in people}:
                people.append(name)
            found_here = True
        if found_here and people:
            break  # "Ana Pérez | Madrid": the place after the name is not a second author
    return people or agencies


def author_from(credits: list[str], not_names: set[str]) -> str:
    """The first credit that names someone, as "Ana Pérez, João Lima"."""
    for credit in credits:
        names = credit_names(credit, not_names)
        if names:
            return ", ".join(names)
    return ""


def host_of(url: str) -> str:
    """ "elcolombiano.com" for "https://www.elcolombiano.com/x"; "" when not a web address."""
    url = (url or "").strip()
    if not url:
        return ""
    if "//" not in url:
        url = "//" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    return host if "." in host and re.fullmatch(r"[a-z0-9.-]+", host) else ""


def clean_outlet(name: str) -> str:
    """A site name as a reader knows it: no tagline ("Aktuálně.cz - Víte, co se právě
    děje"), no "| BY: …", a known outlet for a web address ("http://www.tmz.com" -> "TMZ")."""
    text = " ".join(html.unescape(name or "").replace("\u00a0", " ").split()).strip(_QUOTES + " ")
    if not text:
        return ""
    host = host_of(text) if re.match(r"(?i)^(?:https?://|www\.)|^[\w.-]+\.[a-z]{2,}$", text) else ""
    if host:
        return outlet_for_host(host) or host
    text = re.split(r"\s+(?:\||[-–—:])\s+", text)[0].strip()
    return text if len(text) <= 80 and not is_section_name(text) else ""


_TITLE_SEPARATORS = re.compile(r"\s+(\||[-–—]|»|::|·|:)\s+|\s*(\|)\s*")


def strip_site(title: str, site_names: list[str]) -> str:
    """A page title without the site's name before or after it: "… | CNN Politics",
    "TechCrunch | …", "… » Local » Noticias » Ultima Hora Mallorca"."""
    title = " ".join(html.unescape(title or "").replace("\u00a0", " ").split())
    if " » " in title:  # a breadcrumb trail after the headline
        head = title.split(" » ")[0].strip()
        if len(head.split()) >= 3:
            title = head
    site_words = {w for name in site_names if name for w in _words(name)}
    if not site_words:
        return title

    def is_site(segment: str, last: bool) -> bool:
        words = _words(segment)
        if not words or len(words) > 6:
            return False
        if all(w in site_words for w in words):
            return True
        return last and len(words) <= 3 and words[0] in site_words and segment[:1].isupper()

    parts = [p for p in _TITLE_SEPARATORS.split(title) if p is not None]
    # parts alternate: text, separator, text, …
    texts, seps = parts[0::2], parts[1::2]
    while len(texts) > 1 and seps and seps[-1] != ":" and is_site(texts[-1], last=True):
        texts, seps = texts[:-1], seps[:-1]
    while len(texts) > 1 and seps and is_site(texts[0], last=False):
        texts, seps = texts[1:], seps[1:]
    rebuilt = texts[0]
    for sep, text in zip(seps, texts[1:], strict=False):
        rebuilt += (": " if sep == ":" else f" {sep} ") + text
    return rebuilt if len(_words(rebuilt)) >= 2 else title
