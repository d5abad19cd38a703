"""People, organisations and places, with their mentions per outlet.

Names are capitalised runs (see ``text.name_spans``).  Variants are merged: a surname alone
("Zapatero", "Rodríguez Zapatero") joins the one full name of the case it ends
("José Luis Rodríguez Zapatero") — when two different full names end with it, it stays on
its own; an acronym given in brackets after a name joins it ("Terrorism Confinement Center
(CECOT)"); spellings of the United States are one name.  The user's ``aliases.toml`` adds
variants (any words: "the former Spanish Prime Minister") and keeps names apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..text.analysis import fold
from .text import CONNECTORS, name_spans, words

BUILTIN_SAME = {
    "United States": ["U.S.", "US", "USA", "U.S.A.", "EE.UU.", "EEUU", "EUA", "Estados Unidos",
                      "United States of America"],
    "United Nations": ["UN", "U.N.", "ONU", "Naciones Unidas", "Nações Unidas"],
    "European Union": ["EU", "E.U.", "UE", "Unión Europea", "União Europeia"],
}  # fmt: skip
PLACES = {
    fold(p)
    for p in [
        "United States",
        "Venezuela",
        "El Salvador",
        "Caracas",
        "Washington",
        "Maiquetía",
        "Maiquetia",
        "Spain",
        "Mexico",
        "Colombia",
        "Brazil",
        "Brasil",
        "Argentina",
        "Chile",
        "Peru",
        "Perú",
        "Ecuador",
        "Bolivia",
        "Cuba",
        "Nicaragua",
        "Honduras",
        "Guatemala",
        "Panama",
        "Panamá",
        "Costa Rica",
        "Texas",
        "Florida",
        "Miami",
        "New York",
        "Madrid",
        "Bogotá",
        "Lima",
        "Quito",
        "San Salvador",
        "Guantanamo",
        "Guantánamo",
        "Nigeria",
        "Qatar",
        "Europe",
        "Latin America",
        "Central America",
        "Africa",
        "Asia",
        "West Asia",
        "Rome",
        "Vatican",
        "Brasília",
        "São Paulo",
        "Rio de Janeiro",
        "Buenos Aires",
        "Santiago",
        "Montevideo",
        "Paraguay",
        "Uruguay",
        "Haiti",
        "Dominican Republic",
        "Puerto Rico",
        "Canada",
        "China",
        "Russia",
        "Iran",
        "Israel",
        "Ukraine",
        "France",
        "Germany",
        "Italy",
        "Portugal",
        "United Kingdom",
        "Venezuelan territory",
        "Miraflores",
        "White House",
    ]
}
ORG_WORDS = {
    fold(w)
    for w in words(
        "Center Centre Centro Assembly Asamblea Administration Times Tribune Post Journal News Court Corte "
        "Department Office Party Partido Council Consejo Ministry Ministerio Agency Agencia Organization "
        "Organisation Association Asociación Cross Nations House Congress Congreso Senate Senado Government "
        "Gobierno Commission Comisión Committee Comité Union Unión Bank Banco Fund Watch Amnesty Institute "
        "Instituto University Universidad Universidade Foundation Fundación Fundação Network Red Press "
        "Reuters Service Servicio Guard Guardia Police Policía Army Ejército Navy Base Forces Fuerzas "
        "Tribunal "
    )
}

# Laws, treaties, gangs and the like: names, but not people.
OTHER_WORDS = {
    fold(w)
    for w in words(
        "Act Law Ley Lei Convention Convención Convenção Covenant Pacto Treaty Tratado Rights Derechos "
        "Direitos Treatment Tren Cartel Gang Order Decree Decreto Plan Program Programa Agreement Acuerdo "
        "Acordo Operation Operación Operação "
    )
}


@dataclass
class NameEntry:
    name: str  # the canonical form
    kind: str  # "person", "organisation", "place" or "name"
    variants: list[str]  # every form seen or declared, the canonical first
    mentions: dict[str, int] = field(default_factory=dict)  # outlet -> paragraphs mentioning it
    refs: list[tuple[str, int, str]] = field(default_factory=list)  # (doc_id, n, outlet)

    @property
    def total(self) -> int:
        return sum(self.mentions.values())


@dataclass
class Aliases:
    """The user's aliases.toml: ``same`` (canonical -> variants) and ``different`` (names
    never merged with each other)."""

    same: dict[str, list[str]] = field(default_factory=dict)
    different: list[tuple[str, str]] = field(default_factory=list)
    problem: str = ""

    def kept_apart(self, a: str, b: str) -> bool:
        fa, fb = _key(a), _key(b)
        return any({_key(x), _key(y)} == {fa, fb} for x, y in self.different)


def _key(name: str) -> str:
    """The form names are compared in: folded, without dots, one space."""
    return " ".join(fold(name).replace(".", "").replace("’", "'").split())


def _kind(name: str, variants: Iterable[str]) -> str:
    keys = {_key(v) for v in variants} | {_key(name)}
    if keys & PLACES:
        return "place"
    words = name.split()
    if any(_key(w) in ORG_WORDS for w in words) or re.fullmatch(r"[A-Z]{2,6}", name):
        return "organisation"
    if any(_key(w) in OTHER_WORDS for w in words):
        return "name"
    if 2 <= len(words) <= 5 and all(w[:1].isupper() or fold(w) in {"de", "da", "do", "dos", "del"} for w in words):
        return "person"
    return "name"


@dataclass
class _Mention:
    text: str
    doc_id: str
    n: int
    outlet: str


def find_names(
    paragraphs: Iterable[tuple[str, int, str, str]], aliases: Aliases | None = None, lowercase: set[str] | None = None
) -> list[NameEntry]:
    """Names in ``paragraphs`` — ``(doc_id, n, outlet, text)`` of body paragraphs — most
    mentioned first.  ``lowercase``: folded words the case also writes in lower case (a
    capitalised one of them alone at a sentence's start is not a name)."""
    aliases = aliases or Aliases()
    mentions: list[_Mention] = []
    acronyms: dict[str, str] = {}  # acronym key -> the name it stands for
    paragraphs = list(paragraphs)
    for doc_id, n, outlet, text in paragraphs:
        for span in name_spans(text):
            if lowercase and " " not in span.text and _key(span.text) in lowercase:
                continue  # "Lawyers said…": a common word starting a sentence
            mentions.append(_Mention(span.text, doc_id, n, outlet))
            bracket = re.match(r"\s*\(([A-Z][A-Z.]{1,9})\)", text[span.end : span.end + 14])
            if bracket and " " in span.text:
                acronyms.setdefault(_key(bracket.group(1)), span.text)
    # Declared phrases ("the former Spanish Prime Minister") are found as written, any case.
    for variants in aliases.same.values():
        for phrase in variants:
            if phrase[:1].isupper() and _key(phrase) == _key(phrase.title()):
                continue  # capitalised variants are found as names already
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            for doc_id, n, outlet, text in paragraphs:
                if pattern.search(text):
                    mentions.append(_Mention(phrase, doc_id, n, outlet))
    groups = _group({m.text for m in mentions}, acronyms, aliases)
    entries: dict[str, NameEntry] = {}
    seen: set[tuple[str, str, int]] = set()
    for mention in mentions:
        canonical = groups[_key(mention.text)]
        entry = entries.get(canonical)
        if entry is None:
            entry = entries[canonical] = NameEntry(canonical, "", [canonical])
        if mention.text not in entry.variants:
            entry.variants.append(mention.text)
        if (canonical, mention.doc_id, mention.n) in seen:
            continue
        seen.add((canonical, mention.doc_id, mention.n))
        entry.mentions[mention.outlet] = entry.mentions.get(mention.outlet, 0) + 1
        entry.refs.append((mention.doc_id, mention.n, mention.outlet))
    for entry in entries.values():
        entry.kind = _kind(entry.name, entry.variants)
    return sorted(entries.values(), key=lambda e: (-e.total, e.name))


def _group(names: set[str], acronyms: dict[str, str], aliases: Aliases) -> dict[str, str]:
    """Each name's key -> the canonical name of its group."""
    canonical_of: dict[str, str] = {}
    declared: dict[str, str] = {}
    for canonical, variants in {**BUILTIN_SAME, **aliases.same}.items():
        for variant in [canonical, *variants]:
            declared[_key(variant)] = canonical
    by_key: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-len(n.split()), n)):
        by_key.setdefault(_key(name), name)
    full_names = [n for k, n in by_key.items() if len(n.split()) >= 2 and k not in declared]
    suffix_of: dict[str, set[str]] = defaultdict(set)
    token_of: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        words = _key(full).split()
        for i in range(1, len(words)):
            suffix_of[" ".join(words[i:])].add(full)
        for word in words:
            if word not in CONNECTORS and len(word) > 2:
                token_of[word].add(full)
    for key, name in by_key.items():
        if key in declared:
            canonical_of[key] = declared[key]
            continue
        if key in acronyms and not aliases.kept_apart(name, acronyms[key]):
            canonical_of[key] = _longest(acronyms[key], suffix_of, aliases)
            continue
        canonical_of[key] = _longest(name, suffix_of, aliases)
        if canonical_of[key] == name and " " not in key and key not in suffix_of:
            # "Lula" is inside "Luiz Inácio Lula da Silva": one full name holds the word.
            holders = {f for f in token_of.get(key, set()) if not aliases.kept_apart(name, f)}
            if len(holders) == 1:
                canonical_of[key] = holders.pop()
    return canonical_of


def _longest(name: str, suffix_of: dict[str, set[str]], aliases: Aliases) -> str:
    """The full name ``name`` is the end of, when the case has exactly one (the longest of
    the ones that are themselves the end of another); else ``name``."""
    candidates = {f for f in suffix_of.get(_key(name), set()) if not aliases.kept_apart(name, f)}
    # "Rodríguez Zapatero" and "José Luis Rodríguez Zapatero" are one: keep the longest chain.
    heads = {f for f in candidates if not any(f != g and _key(g).endswith(" " + _key(f)) for g in candidates)}
    if len(heads) == 1:
        return heads.pop()
    return name
