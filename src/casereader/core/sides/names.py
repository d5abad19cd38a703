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
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from functools import cache

from ..text.analysis import fold
from .text import CONNECTORS, FUNCTION_WORDS, INSTITUTION_HEADS, TITLES, NameSpan, name_spans, state_codes, words
from .text import places as _places

BUILTIN_SAME = {
    "United States": ["U.S.", "US", "USA", "U.S.A.", "EE.UU.", "EEUU", "EUA", "Estados Unidos",
                      "United States of America"],
    "United Nations": ["UN", "U.N.", "ONU", "Naciones Unidas", "Nações Unidas"],
    "European Union": ["EU", "E.U.", "UE", "Unión Europea", "União Europeia"],
}  # fmt: skip
ORG_WORDS = {
    fold(w)
    for w in words(
        "Center Centre Centro Assembly Asamblea Administration Times Tribune Post Journal News Court Corte "
        "Department Office Party Partido Council Consejo Ministry Ministerio Agency Agencia Organization "
        "Organisation Association Asociación Cross Nations House Congress Congreso Senate Senado Government "
        "Gobierno Commission Comisión Committee Comité Union Unión Bank Banco Fund Watch Amnesty Institute "
        "Instituto University Universidad Universidade Foundation Fundación Fundação Network Red Press "
        "Reuters Service Servicio Guard Guardia Police Policía Army Ejército Navy Base Forces Fuerzas "
        "Tribunal Secretariat Força Fuerza Polícia Defesa Defensa Supremo Direção Dirección Autoridad Autoridade "
        "Ministério Penitenciária Prisión Cooperativa Cooperativas Exército Marinha Aeronáutica Prefeitura "
        "Alcaldía Ayuntamiento Hall Legislativa Legislativo Assembleia Câmara Cámara Parliament Parlamento "
    )
} | INSTITUTION_HEADS
# Words no person's name holds: "Estrategia Europea de Seguridad Interior", "Puerto de Tarifa".
NOT_IN_PEOPLE = {
    fold(w)
    for w in words(
        "Estrategia Estratégia Nacional Federal Internacional International Regional Pública Público Social "
        "Europea Europeia European Puerto Porto Aeropuerto Aeroporto Palácio Palacio Palace Plaza Praça Sistema "
        "Programa Plano Plan Fundo Fondo Seguridad Segurança Security General Geral Republic Republics República "
        "Repúblicas Kingdom Reino Federation Emirates Empire Imperio Império Terra Tierra Territory Territorio "
        "Território Indígena Indigenous Reserva Reserve Parque Park Praça Square Esplanada Avenida Avenue Street "
        "Rua Calle Rio Río River Lago Lake Monte Mount Serra Sierra Ilha Isla Island Islands Ilhas Islas Vale Valle "
        "Valley Região Región Region Estado State Province Provincia Província Condado County City Cidade Ciudad "
        "Distrito District Município Municipio Bay Baía Bahía Golfo Gulf Mar Sea Ocean Oceano Canal Estrecho "
        "Estreito Strait Hospital Escola Escuela School Igreja Iglesia Church Museu Museo Museum Estádio Estadio "
        "Stadium Ponte Puente Bridge Torre Tower Hotel Casa Palace Castle Castelo Castillo Medida Provisória Unidas "
        "Unidos Unidades Unidad United Nations Naciones Nações Crime Crimen Organizado Organized"
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


# A lower-case role and its portfolio: "ministro da Fazenda", "ministra de Inclusión", "directora
# general de Protección Civil", "coordenador-geral de Classificação", "comisario europeo de Asuntos
# de Interior", "en asuntos de Interior"; a degree's subject: "bacharel em Direito".
_QUALIFIER_WORDS = (
    r"general|geral|nacional|adjunt[oa]|europe[oua]|executiv[oa]|ejecutiv[oa]|federal|estadual|"
    r"regional|provincial|territorial|substitut[oa]|interin[oa]"
)
# after a space, written with a capital too ("directora General de"); not "Secretária-Executiva",
# an office-holder's title
_ROLE_QUALIFIER = rf"(?:-(?:{_QUALIFIER_WORDS})|\s(?i:{_QUALIFIER_WORDS}))*"
_PORTFOLIO = re.compile(
    r"\b(?:(?:[Mm]inistr[oa]s?|minist[ée]rios|[Ss]ecret[áa]ri[oa]s?|[Ss]ecretary|[Mm]inister|titular|pasta|cartera|"
    r"[Ss]ubsecret[áa]ri[oa]|comisari[oa]|comiss[áa]ri[oa]|commissioner|consejer[oa]|conselheir[oa]|"
    r"(?:sub)?dire(?:c)?tor(?:a|es|as)?|coorde?nador(?:a|es|as)?|jef[ea]s?|chefes?|(?:sub)?delegad[oa]s?|"
    rf"asuntos|assuntos){_ROLE_QUALIFIER}"
    r"\s+(?:d[aoe]s?|del|de l[ao]s?|para(?: el| la| o| a)?|of(?: the)?|for)"
    # a capitalised office's field after "for" ("Deputy Director for Southern European Affairs"); not "Director
    # of the CIA", a body
    r"|(?:Director|Assistant|Advis[oe]r|Officer)\s+for"
    # several bodies of one kind, named by their fields: "as polícias Rodoviária Federal, Civil e Militar"
    r"|(?:polícias|policías|forças|fuerzas|secretarias|secretarías|ministérios|ministerios)(?:\s+(?:d[aoe]s?|del))?"
    r"|(?:committees\s+on|comissões\s+d[aoe]s?|comisiones\s+de)"  # "the committees on Foreign Affairs, Intelligence"
    r"|(?:bacharel|bachiller|(?:pós-)?graduação|graduad[oa]|formad[oa]|licenciad[oa]|licenciatura|mestrado|"
    r"doutorado|especialização|máster|mestre|doutor|degrees?|diploma)\s+(?:em|en|in)|áreas como)\s+$"
)
# A person's portfolio or office in brackets: "Jader Filho (Cidades)", "Marina Silva (Meio
# Ambiente e Mudança do Clima)"; not an acronym, which names a party or a state: "(PT-SP)".
_BRACKETED = re.compile(r"(?<=[^\W\d_]) \(([^()]{2,90})\)")
_LABEL_END = re.compile(r"\s*[—–:-]")
_TWO_ACRONYMS = re.compile(r"[A-Z]{2,4}-[A-Z]{2,4}")
# The end of a name of two words or more, and "e/y/and": "Tratamento de Cargas e ", "Polícias Civil e "
# (not "Donetsk and ", "the holy cities of Mecca and ").
_COORDINATED = re.compile(
    r"[A-ZÀ-Þ][\w-]*(?: (?:de|da|do|das|dos|del|de la|de los|of|of the))? [A-ZÀ-Þ][\w-]*,? (?:e|y|and) $"
)
_PARTY_STATE = re.compile(r"[A-ZÀ-Þ][\w]+-([A-Z]{2})")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.-]{1,11})\)")
# An institution inside a ministry or government: two names ("Dirección General de Salud Pública
# del Ministerio de Sanidad"); not "Delegación del Gobierno", one word before.
_NESTED = re.compile(
    r"(\S+(?: \S+)+?) (?:del|de la|d[oa]|de|of the|of) ((?:Ministerio|Ministério|Ministry|Gobierno|Governo|Government)"
    r"(?: .+)?)"
)
_OWNED = re.compile(r"([A-Z]{2,6}) (?:de la|del|de|do|da|of) (.+)")
_JOINED = re.compile(r"(.+?) (?:e|y|and) ([A-ZÀ-Þ][\w-]+)")
_PAIR = re.compile(r"([A-ZÀ-Þ][\w’']+)-([A-ZÀ-Þ][\w’']+)")
_OPENER = re.compile(r"(?:^|[.!?:]\s+)[\"“«(]?([A-ZÀ-Þ][a-zà-ÿ]+)(?:\s+[a-zà-ÿ]+)?\s+$")
# The words a portfolio follows ("ministro da", "bacharel em", "áreas como"): a cheap test first.
_PORTFOLIO_LINKS = set(words("de da do das dos del la las los el a o of the em en in como para for on"))
_PORTFOLIO_LINKS |= set(words("polícias policías forças fuerzas secretarias secretarías ministérios ministerios"))
# The office's word alone, for the ministry: "a Pasta vai requisitar", "la Cartera".
_OFFICE_WORDS = set(words("pasta cartera"))


def _last_word(text: str, start: int) -> str:
    """The word just before ``start``, up to 16 letters ("polícias", "ministerios")."""
    before = text[max(0, start - 17) : start].split()
    return before[-1] if before else ""


def _common_field(name: str) -> bool:
    """A field's words: no place, body, building, programme or law ("Ensino Superior", "Extranjero";
    not "Palácio do Planalto", "Senado Federal", "Brasília")."""
    return _key(name) not in _places() and not any(
        _key(w) in ORG_WORDS or _key(w) in NOT_IN_PEOPLE or _key(w) in OTHER_WORDS or _key(w) in _places()
        for w in name.split()
    )


def _state_after(bracketed: str) -> bool:
    """A bracket ending with a state's code after a hyphen: "Republicanos-SP", "PCdoB-BA"."""
    return bracketed[-3:-2] == "-" and bracketed[-2:] in state_codes()


def _cut_after_a_name(text: str, start: int) -> bool:
    """A capitalised word, not a function word, stands just before: a title cut off ("General
    Services Administration")."""
    before = _word_before(text, start)
    return before[:1].isupper() and (fold(before) in TITLES or before.lower() not in FUNCTION_WORDS)


def _plural_bodies(name: str) -> bool:
    """A plural of an institution's word before a singular word or "de/of": many bodies, no name
    ("Polícias Federal e Rodoviária Federal", "Secretarias de Saúde", "Subdelegaciones del
    Gobierno"); not "Forças Armadas", "Nações Unidas" (plural words that agree: one name)."""
    written = name.split()[1]
    first, second = fold(name.split()[0]), fold(written)
    if not _plural_head(first):
        return False
    return second in _PLURAL_LINKS or (written[:1].isupper() and not second.endswith("s"))


def _plural_head(word: str) -> bool:
    """The plural of an institution's word, folded: "policias", "centros", "subdelegaciones"."""
    return word.endswith("s") and (word[:-1] in _HEADS or (word.endswith("es") and word[:-2] in _HEADS))


_HEADS = INSTITUTION_HEADS | ORG_WORDS
_PLURAL_LINKS = set(words("de da do das dos del of"))


# Definite articles, alone or in a preposition: what a body's name takes and a city's does not.
_DEFINITE = set(
    words("o a os as el la los las the do da dos das no na nos nas ao à aos às del al pelo pela pelos pelas")
)

_LOWER_RUN = re.compile(r"((?:[a-zà-ÿ][\w-]*\s+){2,10})\($")


def _spelled_in_lower(text: str, span: NameSpan) -> bool:
    """An acronym in brackets that the lower-case words before it spell: an abbreviation of
    common nouns ("projeto de decreto legislativo (PDL)", "exclusive economic zone (EEZ)")."""
    run = _LOWER_RUN.search(text, max(0, span.start - 120), span.start)
    if run is None:
        return False
    initials = [w[0] for w in run.group(1).split() if w not in CONNECTORS and w not in _LOWER_LINKS]
    return "".join(initials[-len(span.text) :]).upper() == span.text


_LOWER_LINKS = set(words("em en in a o al ao à on for para por"))


def _title_before(text: str, start: int) -> bool:
    """A title stands just before the name: "President Putin", "o presidente Lula", "Sr. Lula"."""
    before = text[max(0, start - 16) : start].split()
    return bool(before) and fold(before[-1].rstrip(".")) in TITLES


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (the span's start), as written."""
    before = text[max(0, start - 8) : start].rstrip()
    return before.rsplit(None, 1)[-1] if before else ""


def _after_an_opener(text: str, start: int) -> bool:
    """The name follows a function word opening a sentence: "Nas Redes Sociais", "Para os Golpistas"."""
    opener = _OPENER.search(text, max(0, start - 14), start)
    return opener is not None and opener.group(1).lower() in FUNCTION_WORDS


_REPUBLIC = {"republica", "republic", "nacion", "nacao", "nation"}
_PRESIDENT_OF = re.compile(r"\b(?:[Vv]ice-?)?[Pp]resident[ea]?s?\s+(?:da|de la|of the)\s+$")
_LINKS = {"e", "y", "and", "da", "do", "de", "das", "dos", "del", "à", "a", "of", "the", "la", "el"}
_DEMONYMS = (
    "ese",
    "ians",
    "eans",
    "ans",
    "ern",
    "eses",
    "crats",
    "ists",
    "istas",
)  # "Democrats", "Socialists": members
# "I’m", "We're", "It's": a pronoun and a verb, no name.
_FAMILY = re.compile(r"\b(?:[Tt]he|[Oo]s|[Ll]os|[Ll]as|[Aa]s)\s+$")
_CONTRACTION = re.compile(r"\w+['’](?:m|re|ve|ll|d|t)")
_AND = re.compile(
    r"[,;]?\s+(?:e|y|and)\s+(?:d[aoe]s?\s+|del\s+|em\s+|en\s+)?|[,;]\s+(?:em|en|d[aoe]s?|del|de l[ao]s?)\s+"
)  # "ministérios das Cidades, da Ciência; da Gestão e da Inovação em Serviços Públicos; de Portos e Aeroportos"
_NUMBERED = re.compile(r"\s+n[º°o]\.?\s?\d[\d./-]*")
_IN = re.compile(r"\s+(?:em|en|in|à|ao|às|aos)\s+")  # "Inovação em Serviços Públicos", "Combate à Fome"
_LIST_GOES_ON = re.compile(r"\s*(?:;|(?:e|y|and)\s)")  # not a comma: "a ministra da Saúde em Porto Alegre, Nísia…"
_LIST = re.compile(r",\s+")  # "ministérios da Justiça, Saúde, Transportes": the list goes on
# A field of the portfolio in common nouns: "Docência no Ensino Superior", "Marroquíes Residentes en el Extranjero".
# With an article only: a city takes none ("em Brasília", "en Casablanca", "in London").
_IN_FIELD = re.compile(r"\s+(?:no|na|nos|nas|en el|en la|en los|en las|in the)\s+")
# The next minister of an elliptic list: "das Cidades, Jader Filho; da Fazenda, Fernando Haddad".
_NEXT_MINISTER = re.compile(r";\s+(?:e\s+|y\s+|and\s+)?(?:d[aoe]s?|del|de l[ao]s?|of)\s+")
_COORDINATION = re.compile(r" (?:e|y|and) ")
_COORDINATED_NEXT = re.compile(r"\s(?:e|y|and)\s")  # "Cooperación Africana y": a list's item; not "Fulana;"
_FIELD_ENDS = re.compile(r"\s*(?:[,;)]|(?:e|y|and)\s)")  # the portfolio's list ends, or goes on


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
    key = _KEYS.get(name)
    if key is None:
        key = _KEYS[name] = " ".join(fold(name).replace(".", "").replace("’", "'").split())
        if len(_KEYS) > 200_000:
            _KEYS.clear()
    return key


_KEYS: dict[str, str] = {}


def _kind(name: str, variants: Iterable[str]) -> str:
    variants = list(variants)
    if not variants:
        kind = _KINDS.get(name)
        if kind is None:
            kind = _KINDS[name] = _kind_of(name, variants)
            if len(_KINDS) > 200_000:
                _KINDS.clear()
        return kind
    return _kind_of(name, variants)


_KINDS: dict[str, str] = {}


def _kind_of(name: str, variants: list[str]) -> str:
    keys = {_key(v) for v in variants} | {_key(name)}
    if keys & _places():
        return "place"
    words = name.split()
    if any(_key(w) in ORG_WORDS for w in words) or re.fullmatch(r"[A-Z]{2,6}", name):
        return "organisation"
    if any(_key(w) in OTHER_WORDS for w in words):
        return "name"
    if any(_key(" ".join(words[i:])) in _places() for i in range(1, len(words))) or any(
        _key(w) in NOT_IN_PEOPLE for w in words
    ):
        return "name"  # "Bandeira do Brasil", "Puerto de Tarifa": of a place or a plan, not a person
    if (
        2 <= len(words) <= 5
        and all(w[:1].isupper() or fold(w) in _PARTICLES for w in words)  # "Marcel van Hattem"
        and not any(len(w) >= 2 and w.isupper() and w[-1] != "." for w in words)  # "OSCE SMM", "Novo PAC": not a
        # person ("Emily W. Murphy": a middle initial)
        and not (len(words) >= 3 and any(_key(" ".join(words[:i])) in _places() for i in range(1, len(words))))
    ):  # "Brasil Mais Produtivo": a programme
        return "person"
    return "name"


_PARTICLES = set(words("de da do das dos del van von der di du"))


@dataclass
class _Mention:
    text: str
    doc_id: str
    n: int
    outlet: str


def find_names(
    paragraphs: Iterable[tuple[str, int, str, str]],
    aliases: Aliases | None = None,
    lowercase: set[str] | None = None,
    spans_read: dict[tuple[str, int], list[NameSpan]] | None = None,
) -> list[NameEntry]:
    """Names in ``paragraphs`` — ``(doc_id, n, outlet, text)`` of body paragraphs — most
    mentioned first.  ``lowercase``: folded words the case also writes in lower case (a
    capitalised one of them alone at a sentence's start is not a name)."""
    aliases = aliases or Aliases()
    mentions: list[_Mention] = []
    acronyms: dict[str, str] = {}  # acronym key -> the name it stands for
    inside: set[str] = set()  # names seen inside a sentence, not only at its start
    common_memo: dict[str, bool] = {}

    def is_common(name: str) -> bool:
        found = common_memo.get(name)
        if found is None:
            found = common_memo[name] = _common_words(name, lowercase)
        return found

    families: set[str] = set()
    titled: set[str] = set()  # short forms written after a title
    articled: set[str] = set()  # single words written after a definite article: "o Congresso"
    written_runs: set[str] = set()  # every capitalised run read, names or not ("Republicans")
    abbreviations: set[str] = set()  # acronyms of common nouns, wherever they are written
    parties: set[str] = set()  # acronyms in brackets after people: "(PL)", "(PL-SP)"
    tails: set[str] = set()  # single words written after "<Two Names> e/y/and"
    free: set[str] = set()  # single words written elsewhere
    paragraphs = list(paragraphs)
    read = [name_spans(text) for *_, text in paragraphs]
    listed = _spelled_lists(paragraphs, read)
    portfolios = {
        _key(m.group(1)) for *_, text in paragraphs if "inist" in text for m in _OFFICE_LIST.finditer(text)
    }  # "la ministra de Inclusión, Seguridad Social y Migraciones": the portfolios of one ministry
    for (doc_id, n, outlet, text), spans in zip(paragraphs, read, strict=True):
        portfolio = -1  # where the last portfolio read ends ("ministro da Agricultura e Pecuária")
        minister = -1  # where the person after a portfolio ends ("da Fazenda, Fernando Haddad")
        fields = 0  # the portfolio's fields read so far ("Direito Penal", "Direitos Humanos", "Docência")
        written_runs.update(span.text for span in spans)
        if spans_read is not None and any(mark in text for mark in '“«"‘'):
            spans_read[(doc_id, n)] = spans  # for the Quotes view, which reads them again
        if "inist" in text and "," in text:
            spans = _whole_ministries(text, spans, lowercase or set(), portfolios)
        if listed and "," in text:
            spans = _whole_lists(text, spans, listed)
        if spans and _UNIT_WORDS.search(text):
            spans = _units_in_places(text, spans)
        offices = [
            (m.start(1), m.end(1))
            for m in (_BRACKETED.finditer(text) if "(" in text else ())
            if not m.group(1).isupper()
            and not _state_after(m.group(1))  # "(Republicanos-SP)", "(sem partido-AP)": a party and a state
            and all(w[:1].isupper() or w in _LINKS for w in m.group(1).replace(",", " ").split())
            and any(s.end == m.start() and _kind(s.text, []) == "person" and not is_common(s.text) for s in spans)
        ]
        for span in spans:
            if lowercase and " " in span.text and span.text[: span.text.index(" ")].lower() in FUNCTION_WORDS:
                span = _without_opener(text, span, lowercase)
            numbered = _NUMBERED.match(text, span.end) if "n" in text[span.end : span.end + 3] else None
            if numbered:  # "Portaria nº 77", "Projeto de Lei n° 1.818/2022": a numbered act is one name
                whole = text[span.start : numbered.end()].rstrip("./-")
                span = NameSpan(whole, span.start, span.start + len(whole))
            name = span.text
            single = " " not in name
            if any(a <= span.start < b for a, b in offices):
                continue
            direct = bool(
                _last_word(text, span.start) in _PORTFOLIO_LINKS
                and _PORTFOLIO.search(text, max(0, span.start - 45), span.start)
            )
            continued = not direct and (
                (portfolio >= 0 and _AND.fullmatch(text, portfolio, span.start) is not None)
                or (
                    portfolio >= 0
                    and _IN.fullmatch(text, portfolio, span.start) is not None
                    and not single
                    and _LIST_GOES_ON.match(text, span.end) is not None
                    and _kind(name, []) != "place"
                )  # "da Gestão e da Inovação em Serviços Públicos; de Portos e Aeroportos"
                or (
                    portfolio >= 0
                    and _LIST.fullmatch(text, portfolio, span.start) is not None
                    and (
                        _kind(name, []) != "person"
                        or is_common(name)
                        or (
                            _COORDINATED_NEXT.match(text, span.end) is not None
                            and not _given_names(name.split(), lowercase or set())
                        )
                    )  # "ministra da Saúde, Nísia Trindade": the minister; "Cooperación Africana y", a field
                )
                or (
                    fields >= 2
                    and _IN_FIELD.fullmatch(text, portfolio, span.start) is not None
                    and _FIELD_ENDS.match(text, span.end) is not None
                    and _common_field(name)
                )  # "…, e em Docência no Ensino Superior,", "… y Marroquíes Residentes en el Extranjero,"
                or (
                    minister >= 0
                    and _NEXT_MINISTER.fullmatch(text, minister, span.start) is not None
                    and not name.isupper()
                    and _kind(name, []) != "place"
                )  # "das Cidades, Jader Filho; da Fazenda, …"
            )
            if (direct or continued) and (
                # an institution is no portfolio: "o ministro do Supremo Tribunal Federal" — unless the
                # portfolio's list goes on through it ("Asuntos Exteriores, Unión Europea y Cooperación")
                not any(fold(w.split("-")[0]) in INSTITUTION_HEADS or _key(w) in _UNITS for w in name.split()[:2])
                or (continued and _COORDINATION.search(name) is not None)
            ):
                portfolio, minister = span.end, -1
                fields = fields + 1 if continued else 1
                continue  # "o ministro da Justiça", "la ministra de Inclusión": a portfolio, no name
            if (
                portfolio >= 0
                and _LIST.fullmatch(text, portfolio, span.start)
                and _kind(name, []) == "person"
                and not is_common(name)
            ):
                minister = span.end  # "da Fazenda, Fernando Haddad": the minister; the list may go on after him
            if single and _key(name) in _OFFICE_WORDS:
                continue  # "a Pasta vai requisitar": the ministry, by its office's word
            if single and (_key(name) in INSTITUTION_HEADS or _plural_head(_key(name))):
                continue  # "o Ministério", "la Secretaría", "los Centros" alone
            if not single and _plural_bodies(name) and not _cut_after_a_name(text, span.start):
                portfolio, fields = span.end, 1  # "Polícias Civil e Militar": the list of fields goes on
                continue  # "as Polícias Civil e Militar", "las Subdelegaciones del Gobierno": bodies, no name
            if single and _key(name) in _REPUBLIC and _PRESIDENT_OF.search(text, max(0, span.start - 25), span.start):
                continue  # "o presidente da República": a title
            if single and re.search(r"-(?:[a-z]|$)", name):
                continue  # "Soviet-style", "African-": an adjective, or a word cut at a line's end
            if single and name.isupper() and text[span.start - 1 : span.start] == "(" and _spelled_in_lower(text, span):
                abbreviations.add(name)  # "projeto de decreto legislativo (PDL)", "liquid natural gas (LNG)"
                continue
            if single and _CONTRACTION.fullmatch(name):
                continue  # "I’m", "We're"
            if single and name.endswith("s") and _FAMILY.search(text, max(0, span.start - 6), span.start):
                families.add(name)  # "the Bidens": a family, when "Biden" is a name of the case
            if single and (name.endswith(_DEMONYMS) or _key(name) in _languages()) and _key(name) not in _places():
                continue  # "Chinese", "Russians", "Western": people of a place, not a name
            if single and not name.isupper():
                if name.lower() in FUNCTION_WORDS or (lowercase and _key(name) in lowercase):
                    continue  # "Lawyers said…", "Mesmo assim…": a common word starting a sentence
            elif (
                single
                and len(name) >= 5
                and ((lowercase and _key(name) in lowercase) or (span.start == 0 and _LABEL_END.match(text, span.end)))
            ):
                continue  # "EMENDAS — …", "ARTICULADOS —": a section's label
            if single and _word_before(text, span.start).lower() in _DEFINITE:
                articled.add(_key(name))
            if single and _title_before(text, span.start):
                titled.add(_key(name))  # "President Putin", "o presidente Lula": a known figure
            window = text[max(0, span.start - 8) : span.start]
            before = window.rstrip(" \"“«(¿¡'‘")
            if (
                before[-1:] not in ("", ".", "!", "?", ":", "…", "—", "–", "-", "•", "]")
                or (not before and span.start > len(window))
            ) and not (before[-1:].isalpha() and is_common(name) and _after_an_opener(text, span.start)):
                inside.add(name)  # not common words after "Nas", "Para os" opening a sentence
            if single and not name.isupper():
                if _COORDINATED.search(text, max(0, span.start - 40), span.start):
                    tails.add(name)
                else:
                    free.add(name)
            if "-" in name and (
                _TWO_ACRONYMS.fullmatch(name)
                or ((party := _PARTY_STATE.fullmatch(name)) and party.group(1) in state_codes())
            ):
                parts = name.rsplit("-", 1)  # "PT-SP", "Republicanos-SP", "PCdoB-BA": a party and a state
                parties.add(parts[0])
            elif not single and name[:2].isupper() and (owned := _OWNED.fullmatch(name)):
                parts = [owned.group(1), owned.group(2)]  # "o PL de Bolsonaro": a party and a person
            elif (" Minist" in name or " Go" in name) and (nested := _NESTED.fullmatch(name)):
                parts = [nested.group(1), nested.group(2)]  # "Defesa Civil do Ministério da Integração"
                parts = [p for p in parts if " " in p or _key(p) not in INSTITUTION_HEADS]  # "…del Ministerio."
            elif (
                not single
                and (unit := _UNIT_PLACE.fullmatch(name))
                and any(_key(w) in _UNITS for w in unit.group(1).split())
            ):
                parts = [name, unit.group(2)]  # "Penitenciária Federal em Catanduvas" names Catanduvas too
            else:
                parts = [name]
            mentions.extend(_Mention(part, doc_id, n, outlet) for part in parts)
            if name in inside and len(parts) > 1:
                inside.update(parts)
            bracket = _ACRONYM_AFTER.match(text, span.end, span.end + 16)
            if bracket and not single and _stands_for(bracket.group(1), name, is_common(name)):
                acronyms.setdefault(_key(bracket.group(1)), name)
            elif bracket and _kind(name, []) == "person":
                parties.add(bracket.group(1))  # "Jair Bolsonaro (PL)"
    written_whole = {m.text for m in mentions}
    mentions = [m for m in mentions if not (m.text in families and m.text[:-1] in written_whole)]
    mentions = _split_pairs(mentions, written_whole, lowercase or set())
    mentions = _split_titled(mentions, lowercase or set(), written_runs)
    inside |= {m.text for m in mentions} - written_whole  # "Louisiana" of "Steve Scalise of Louisiana"
    # Declared phrases ("the former Spanish Prime Minister") are found as written, any case.
    for variants in aliases.same.values():
        for phrase in variants:
            if phrase[:1].isupper() and _key(phrase) == _key(phrase.title()):
                continue  # capitalised variants are found as names already
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            for doc_id, n, outlet, text in paragraphs:
                if pattern.search(text):
                    mentions.append(_Mention(phrase, doc_id, n, outlet))
    docs_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        docs_of[_key(m.text)].add(m.doc_id)
    for key in titled:
        docs_of[key].add("")  # after a title, a short form stands for the one full name wherever it is written
    for key, docs in docs_of.items():
        if " " in key:
            docs.add("")
    groups = _group({m.text for m in mentions}, acronyms, aliases, docs_of, is_common, articled)
    declared = {_key(v) for c, vs in {**BUILTIN_SAME, **aliases.same}.items() for v in [c, *vs]}
    declared |= {_key(v) for pair in aliases.different for v in pair}  # the user's names stay
    common = {t for t in {m.text for m in mentions} if " " in t and is_common(t)}
    # A word written only after a name of two words or more and "e/y/and", that no other name
    # holds, ends a coordination of common nouns, no name: "Centros de Tratamento de Cargas e
    # Encomendas", "Polícias Civil e Militar", "Mais Inovação e Digitalização" (not "Donetsk and
    # Luhansk", nor "Ceuta y Melilla": a place).
    held = {w for t in {m.text for m in mentions} if " " in t for w in _key(t).split()}
    abbreviations -= parties  # "projeto de lei (PL)" and "Fulano (PL-SP)": the party stays a name
    lone_tails = {
        t
        for t in tails - free
        if _key(t) not in held and groups[_key(t)] == t and _key(t) not in declared and _key(t) not in _places()
    }
    mentions = [
        m
        for m in mentions
        if (" " in m.text and (m.text in inside or m.text not in common))
        or m.text.isupper()
        or m.text in inside
        or groups[_key(m.text)] != m.text
        or _key(m.text) in declared
        or _key(m.text) in _places()
        or _key(m.text) in acronyms
        if m.text not in lone_tails and m.text not in abbreviations
    ]  # a word only ever at a sentence's start, that joins no name ("Aprovada", "Colleagues"), is none;
    # nor are words the case writes in lower case, only ever capitalised at a sentence's start
    # ("Manifestantes Golpistas invadiram…", "Redes Sociais")
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
    written = {m.text for m in mentions}
    for entry in entries.values():
        if entry.name not in written and entry.name in BUILTIN_SAME and entry.name not in aliases.same:
            # "Unión Europea" in a Spanish case, not the built-in "European Union" it never writes
            forms = [v for v in entry.variants if v in written]
            if forms:
                entry.name = max(forms, key=lambda v: (len(v.split()), len(v)))
                entry.variants = [entry.name, *(v for v in forms if v != entry.name)]
        entry.kind = _kind(entry.name, entry.variants)
        if entry.kind == "person" and is_common(entry.name):
            entry.kind = "name"  # "Taxa Referencial", "Serviços Públicos": common words, no person
    return sorted(entries.values(), key=lambda e: (-e.total, e.name))


_MINISTRY = {"ministerio", "ministry"}
_ITEM = r"[A-ZÀ-Þ][\w-]*(?:\s+(?:d[aoe]s?\s+|del\s+|de\s+l[ao]s?\s+)?[A-ZÀ-Þ][\w-]*)*"
_MINISTRY_LIST = re.compile(rf"(?:,\s+{_ITEM})*,?\s+(?:e|y|and)\s+{_ITEM}")


def _whole_ministries(
    text: str, spans: list[NameSpan], lowercase: set[str], portfolios: Set[str] = frozenset()
) -> list[NameSpan]:
    """A ministry named by its portfolios is one name: "Ministério do Desenvolvimento, Indústria,
    Comércio e Serviços", "Ministerio de Inclusión, Seguridad Social y Migraciones" — when half
    the portfolios' words or more are words the case also writes in lower case, or acronyms, or
    when the case writes the same list after a minister's title (``portfolios``: "la ministra de
    Inclusión, Seguridad Social y Migraciones") — not "o Ministério da Saúde, Lula e Alckmin", nor
    "el Ministerio del Interior, Frontex y Salvamento Marítimo"."""
    out: list[NameSpan] = []
    end = -1
    for span in spans:
        if span.start < end:
            continue  # inside the ministry's name
        # the ministry may end a longer run: "Secretaría de Estado de Migraciones del Ministerio de
        # Inclusión, Seguridad Social y Migraciones" (two names, parted later)
        ministry = any(fold(w) in _MINISTRY for w in span.text.split()[:-1])
        listed = _MINISTRY_LIST.match(text, span.end) if ministry else None
        named = [w for w in re.findall(r"[\w-]+", listed.group()) if fold(w) not in CONNECTORS] if listed else []
        if (
            listed
            and named
            and (
                2 * sum(w.isupper() or fold(w) in lowercase for w in named) >= len(named)
                or _portfolio_of(_key(text[span.start : listed.end()]), portfolios)
            )
        ):
            end = listed.end()
            out.append(NameSpan(text[span.start : end], span.start, end))
            continue
        out.append(span)
    return out


# A minister's title and a list of portfolios: "ministra de Inclusión, Seguridad Social y Migraciones".
_OFFICE_LIST = re.compile(
    r"\b(?:ministr[oa]s?|minister|secretary)\s+(?:d[aoe]s?|del|of|of the)\s+"
    rf"({_ITEM}(?:,\s+{_ITEM})*,?\s+(?:e|y|and)\s+{_ITEM})"
)


def _portfolio_of(ministry: str, portfolios: Set[str]) -> bool:
    """The ministry's name (folded) ends with a list of portfolios a minister's title is written with."""
    return any(ministry.endswith(" " + p) for p in portfolios)


_LIST_ITEM = r"[A-ZÀ-Þ][\w-]*(?:\s+(?:d[aoe]s?\s+|del\s+|de\s+l[ao]s?\s+)?[A-ZÀ-Þ][\w-]*)*"
_SPELLED_LIST = re.compile(rf"(?:,\s+{_LIST_ITEM})+(?:,?\s+(?:e|y|and)\s+{_LIST_ITEM})?\s*\(([A-Z][A-Za-z]{{2,7}})\)")


_LIST_THEN_ACRONYM = re.compile(r",[^,()]{1,80}\([A-Z][A-Za-z]{2,7}\)")  # a cheap test first


def _spelled_lists(paragraphs: list[tuple[str, int, str, str]], read: list[list[NameSpan]]) -> set[str]:
    """Names whose words run over commas, that the acronym after them spells: "Programa Minha
    Casa, Minha Vida (MCMV)", "Centro de Atención, Emergencia y Derivación de Carabanchel
    (CAED)" — each, and its part after an institution's word ("Minha Casa, Minha Vida")."""
    found: set[str] = set()
    for (*_, text), spans in zip(paragraphs, read, strict=True):
        if "," not in text or "(" not in text or not _LIST_THEN_ACRONYM.search(text):
            continue
        for span in spans:
            listed = _SPELLED_LIST.match(text, span.end)
            if listed is None:
                continue
            whole = text[span.start : listed.start(1) - 1].rstrip(" (")
            capitals = [w for w in re.findall(r"[\w-]+", whole) if w[:1].isupper()]
            initials = "".join(w[0] for w in capitals)
            acronym = listed.group(1).upper()
            if acronym in (initials, initials[1:]):
                found.add(whole)
                if acronym == initials[1:]:  # "Minha Casa, Minha Vida" without "Programa"
                    found.add(whole.split(None, 1)[1])
    return found


def _whole_lists(text: str, spans: list[NameSpan], listed: set[str]) -> list[NameSpan]:
    """The spans that a name of ``listed`` covers become that name."""
    for name in sorted(listed, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            # a name going on after it is part of it: "…y Derivación de Carabanchel"
            end = max([end, *(s.end for s in spans if s.start < end < s.end)])
            inside = [s for s in spans if at <= s.start and s.end <= end]
            if len(inside) >= 2 and not any(s.start < at < s.end for s in spans):
                whole = NameSpan(text[at:end], at, end)
                spans = sorted([s for s in spans if s not in inside] + [whole], key=lambda s: s.start)
            at = text.find(name, end)
    return spans


# An embassy, a consulate or a prison named by the city it is in: "Penitenciária Federal em Mossoró",
# "United States Embassy in Beijing", "Embajada de España en Rabat".
_UNITS = set(words("embassy embaixada embajada consulate consulado penitenciaria presidio prision"))
_UNIT_IN = re.compile(r" (?:in|em|en) ")
_UNIT_PLACE = re.compile(r"(.+) (?:in|em|en) ([A-ZÀ-Þ][^ ]*(?: [^ ]+)*)")
_UNIT_WORDS = re.compile(r"mbass|mbaixada|mbajada|onsula|enitenci|resídio|risión")  # a cheap test first


def _units_in_places(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A unit's name and the place after "in/em/en" are one name, when the place is one word or reads
    as a place, not a person's or a body's name ("Porto Velho")."""
    out: list[NameSpan] = []
    skip = False
    for span, after in zip(spans, [*spans[1:], None], strict=True):
        if skip:
            skip = False
            continue
        if (
            after is not None
            and any(_key(w) in _UNITS for w in span.text.split())
            and _UNIT_IN.fullmatch(text, span.end, after.start)
            and (" " not in after.text or _kind(after.text, []) in ("place", "name"))
            and not after.text.isupper()
        ):
            out.append(NameSpan(text[span.start : after.end], span.start, after.end))
            skip = True
            continue
        out.append(span)
    return out


# Function words that start names: "Estados Unidos", "Nova Iorque", "San Salvador", "General Motors".
_NAME_STARTS = set(words("estados estado nova novo nueva nuevo new san sao santa santo general mayor grande great"))


def _without_opener(text: str, span: NameSpan, lowercase: set[str]) -> NameSpan:
    """A function word the case writes in lower case, capitalised at a sentence's start, is no
    part of the name after it: "Até Lula", "Pelos Estados Unidos", "Nenhum Policial"."""
    first, rest = span.text.split(" ", 1)
    folded = fold(first)
    if (
        first.lower() in FUNCTION_WORDS
        and folded in lowercase
        and folded not in _NAME_STARTS
        and _key(span.text) not in _places()
        and text[max(0, span.start - 3) : span.start].strip(' "“«(') in ("", ".", "!", "?", ":")
        and fold(rest.split()[0]) not in CONNECTORS
    ):
        start = span.start + len(first) + 1
        return NameSpan(rest, start, span.end)
    return span


def _common_words(name: str, lowercase: set[str] | None) -> bool:
    """Every word of the name is one the case writes in lower case too, or a function word."""
    if not lowercase:
        return False
    words = re.findall(r"[\w'-]+", _key(name))  # "Minha Casa, Minha Vida": commas apart
    return all(p in lowercase or p in CONNECTORS or p in _FOLDED_FUNCTION_WORDS for p in words)


_FOLDED_FUNCTION_WORDS = frozenset(fold(w) for w in FUNCTION_WORDS)


@cache
def _languages() -> frozenset[str]:
    """Names of languages in en/es/pt (CLDR, Babel): alone, an adjective of a people ("French",
    "Greek", "Turkish"), not a name."""
    from babel import Locale

    return frozenset(_key(name) for lang in ("en", "es", "pt") for name in Locale(lang).languages.values())


def _place_or_body(name: str) -> bool:
    """A country, or a state's body: "Germany", "French Republic", "US House of Representatives"."""
    return _key(name) in _places() or _key(name.split()[-1]) in _STATE_BODIES


_STATE_BODIES = {
    fold(w)
    for w in words(
        "Republic República Kingdom Reino Federation Federación Federação Representatives Parliament Parlamento "
        "Congress Congreso Congresso Senate Senado Government Gobierno Governo Council Consejo Conselho Assembly "
        "Asamblea Assembleia Commission Comisión Comissão Ministry Ministerio Ministério Duma Rada Knesset"
    )
}


def _given_names(words: list[str], lowercase: set[str]) -> bool:
    """Two words that read as a person's names: capitalised, not acronyms, no word of a body or a
    place, none the case writes in lower case ("Angela Merkel", not "Mais Produtivo")."""
    return all(
        w[:1].isupper()
        and not w.isupper()
        and w.lower() not in FUNCTION_WORDS
        and _key(w) not in lowercase
        and _key(w) not in ORG_WORDS
        and _key(w) not in NOT_IN_PEOPLE
        and _key(w) not in OTHER_WORDS
        and _key(w) not in _places()
        for w in words
    )


def _split_pairs(mentions: list[_Mention], alone: set[str], lowercase: set[str]) -> list[_Mention]:
    """Two names written with a hyphen, each written alone in the case too, are two names:
    "the Trump-Ukraine call", "la cumbre España-Marruecos"; so is an institution and a name
    after "e/y/and" that the case writes alone: "o Ministério da Saúde e Funai"."""
    out: list[_Mention] = []
    for m in mentions:
        pair = _PAIR.fullmatch(m.text) if "-" in m.text else None
        joined = _JOINED.fullmatch(m.text) if pair is None and " " in m.text else None
        if pair and all(part in alone or _key(part) in _places() for part in pair.groups()):
            out.extend(_Mention(part, m.doc_id, m.n, m.outlet) for part in pair.groups())
        elif joined and joined.group(2) in alone and _key(joined.group(2)) not in lowercase:
            out.extend(_Mention(part, m.doc_id, m.n, m.outlet) for part in joined.groups())
        else:
            out.append(m)
    return out


def _stands_for(acronym: str, name: str, common: bool = False) -> bool:
    """ "Terrorism Confinement Center (CECOT)", "Instituto Nacional de Meteorologia (Inmet)";
    not "Fulano (PT)" (a person's party), "Penitenciária Federal de Mossoró (RN)", "Hospital Geral de Roraima
    (RR)" (its state).  ``common``: the name's words are all written in lower case too, so it is
    no person's ("Laboratório de Inovação (Labori)", "Taxa Referencial (TR)")."""
    if _kind(name, []) == "person" and not common:
        return False
    if acronym in state_codes():  # "Polícia Militar do Distrito Federal (DF)": where it is
        return acronym == "".join(w[0] for w in name.split() if w[:1].isupper())
    initials = {w[0] for w in name.split() if w[:1].isupper()}
    return acronym[0] in initials and (acronym.isupper() or len(acronym) <= 9)


def _party_word(word: str, alone: set[str]) -> bool:
    """A party's adjective, or its member: the case writes "<word> Party" or "<word>s"
    ("Republican Kevin McCarthy", "Democrat Nancy Pelosi")."""
    return f"{word} Party" in alone or f"{word}s" in alone


def _split_titled(mentions: list[_Mention], lowercase: set[str], runs: set[str] | None = None) -> list[_Mention]:
    """A title's complement read with the person after it is two names: "(President of)
    Russia Vladimir Putin", "Republic of Estonia Alar Karis", "Vladimir Putin of Russia" —
    when the person's name also stands alone in the case, or when a country or a body comes
    before two words that read as a person's names ("Germany Angela Merkel", "French Republic
    Emmanuel Macron"), or a party's word does (``runs``: the capitalised runs read, "Republicans"
    for "Republican Kevin McCarthy")."""
    alone = {m.text for m in mentions}
    parts_of: dict[str, list[str]] = {}
    for text in alone:
        words = text.split()
        if len(words) < 3:
            continue
        for i in range(1, len(words) - 1):
            suffix, prefix = " ".join(words[i:]), " ".join(words[:i])
            if (
                _kind(suffix, []) == "person"
                and fold(words[i - 1]) not in CONNECTORS
                and (
                    (
                        suffix in alone
                        and (
                            prefix in alone
                            or _key(prefix) in _places()
                            or any(fold(w) in CONNECTORS for w in words[:i])
                        )
                    )
                    or (i == len(words) - 2 and _place_or_body(prefix) and _given_names(words[i:], lowercase))
                    or (i == 1 and _party_word(prefix, alone | (runs or set())) and _given_names(words[i:], lowercase))
                )
            ):  # not "José Luis" + "Rodríguez Zapatero"
                parts_of[text] = [prefix, suffix]
                break
        else:
            for i, word in enumerate(words[2:-1], 2):
                head, tail = " ".join(words[:i]), " ".join(words[i + 1 :])
                if fold(tail.split()[0]) in ("the", "la", "el", "o", "a"):
                    tail = " ".join(tail.split()[1:])
                if (
                    fold(word) in ("of", "de", "da", "do", "del")
                    and _kind(head, []) == "person"
                    and tail
                    and (head in alone or (fold(word) == "of" and _kind(tail, []) != "person"))
                ):  # "Ross Spano of Florida", "Yvette Cooper of the Labour Party": a person and a place or party
                    # ("de"/"da" join a person's names: "Luiz Inácio Lula da Silva")
                    parts_of[text] = [head, tail]
                    break
    if not parts_of:
        return mentions
    return [_Mention(part, m.doc_id, m.n, m.outlet) for m in mentions for part in parts_of.get(m.text, [m.text])]


def _group(
    names: set[str],
    acronyms: dict[str, str],
    aliases: Aliases,
    docs_of: dict[str, set[str]] | None = None,
    is_common: Callable[[str], bool] | None = None,
    articled: set[str] | None = None,
) -> dict[str, str]:
    """Each name's key -> the canonical name of its group.  ``docs_of``: each name's key -> the
    documents that write it; a short form joins a full name only when a document writes both
    (an article names a person in full before it shortens the name: "a student named Wong" in
    one report is not "Joshua Wong" of another).  ``is_common``: a name all of whose words the
    case also writes in lower case, which is no person's ("Benefício de Prestação Continuada")."""
    canonical_of: dict[str, str] = {}
    declared: dict[str, str] = {}
    for canonical, variants in {**BUILTIN_SAME, **aliases.same}.items():
        for variant in [canonical, *variants]:
            declared[_key(variant)] = canonical
    by_key: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-len(n.split()), n)):
        by_key.setdefault(_key(name), name)
    # Only people's full names take their short forms: "Tarifa" is not "Puerto de Tarifa", nor
    # "España" the "Gobierno de España" (nested places and institutions stay themselves).
    full_names = [
        n
        for k, n in by_key.items()
        if len(n.split()) >= 2
        and k not in declared
        and _kind(n, []) == "person"
        and not (is_common is not None and is_common(n))
    ]
    # A word that also names a place, a people or a thing of the case ("Terra Indígena Yanomami",
    # "Hutukara Associação Yanomami") is not short for a person ("Davi Kopenawa Yanomami"); a
    # government or a campaign named after its leader does not count ("Governo Lula").
    people = set(full_names)
    other_words = {
        w
        for n in by_key.values()
        if " " in n and n not in people and not n.isupper() and fold(n.split()[0]) not in _LED_BY
        for w in _key(n).split()[1:]
    }
    suffix_of: dict[str, set[str]] = defaultdict(set)
    token_of: dict[str, set[str]] = defaultdict(set)
    first_of: dict[str, set[str]] = defaultdict(set)  # given names: "Gilmar" of "Gilmar Mendes"
    for full in full_names:
        words = _key(full).split()
        for i in range(1, len(words)):
            # after "da": a surname's particle when two names come before it ("Luiz Inácio Lula da
            # Silva"), a place's or a thing's when one does ("Puerto de Tarifa", "Bandeira do
            # Brasil", "Avensis de Toyota", "Muelle de Arguineguín"): "Moraes" stays apart from
            # "Alexandre de Moraes" rather than join a thing named after another
            if words[i - 1] not in CONNECTORS or i >= 3:
                suffix_of[" ".join(words[i:])].add(full)
        for i, word in enumerate(words):
            if word not in CONNECTORS and len(word) > 2 and (i == 0 or words[i - 1] not in CONNECTORS or i >= 3):
                (first_of if i == 0 else token_of)[word].add(full)
        if "-" in words[-1] and len(words[-1].rsplit("-", 1)[1]) > 2:
            token_of[words[-1].rsplit("-", 1)[1]].add(full)  # "Marlaska": "Fernando Grande-Marlaska"
    # An acronym the case never expands in brackets stands for the one name whose initials it
    # spells ("FICCO": "Forças Integradas de Combate ao Crime Organizado"; "MAGA").
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in by_key.values():
        initials = "".join(w[0] for w in name.split() if w[:1].isupper() and fold(w) not in CONNECTORS)
        if (
            3 <= len(initials) <= 6
            and " " in name
            and not name.isupper()
            and (_kind(name, []) != "person" or (is_common is not None and is_common(name)))
        ):  # not a person's initials: "Coach Brad Childress" is not the CBC
            spelled[initials].add(name)
    for key, name in by_key.items():
        if (
            key not in acronyms
            and key not in declared
            and name.isalpha()
            and name.isupper()
            and len(spelled.get(name, ())) == 1
            and not aliases.kept_apart(name, next(iter(spelled[name])))
        ):
            acronyms[key] = next(iter(spelled[name]))
    # A state's code stands for the one state of that code the case names in full: "RS" for
    # "Rio Grande do Sul", "PA" for "Pará" (or "Pennsylvania").
    for key, name in by_key.items():
        states = state_codes().get(name) if len(name) == 2 and name.isupper() else None
        if not states or key in acronyms or key in declared:
            continue
        written = [by_key[state] for state in states if state in by_key]
        if len(written) == 1 and not aliases.kept_apart(name, written[0]):
            acronyms[key] = written[0]
    for key, name in by_key.items():
        if key in declared:
            canonical_of[key] = declared[key]
            continue
        if key in acronyms and not aliases.kept_apart(name, acronyms[key]):
            canonical_of[key] = _longest(acronyms[key], suffix_of, aliases)
            continue
        if " " not in key and key in other_words:
            canonical_of[key] = name
            continue
        canonical_of[key] = _longest(name, suffix_of, aliases)
        if canonical_of[key] != name and docs_of is not None and not _together(key, canonical_of[key], docs_of):
            canonical_of[key] = name
        if canonical_of[key] == name and " " not in key and key not in suffix_of:
            # "Lula" is inside "Luiz Inácio Lula da Silva": one full name holds the word.  A given
            # name alone joins only after a title ("o ministro Gilmar") or when two articles write
            # it ("Marina" for Marina Silva): "his son, Vladimir", once, is not Vladimir Putin.
            holders = set(token_of.get(key, set()))
            if docs_of is None or "" in docs_of.get(key, ()) or len(docs_of.get(key, ())) >= 2:
                holders |= first_of.get(key, set())
            holders = {f for f in holders if not aliases.kept_apart(name, f)}
            if len(holders) == 1 and (docs_of is None or _together(key, next(iter(holders)), docs_of)):
                canonical_of[key] = holders.pop()
    # A programme's or a body's name without its first word is that name: "Minha Casa, Minha Vida"
    # of "Programa Minha Casa, Minha Vida", "Mais Inovação" of "Programa Mais Inovação" (not a
    # person's: "Getulio Vargas" of "Fundação Getulio Vargas").
    for key, name in by_key.items():
        words = name.split()
        if len(words) < 3 or _key(words[0]) not in INSTITUTION_HEADS or key in declared:
            continue
        rest = _key(" ".join(words[1:]))
        if (
            rest in by_key
            and canonical_of[rest] == by_key[rest]
            and (_kind(by_key[rest], []) != "person" or (is_common is not None and is_common(by_key[rest])))
            and not aliases.kept_apart(name, by_key[rest])
        ):
            canonical_of[rest] = canonical_of[key]
    # A word alone that begins one body's name of the case is that body: "Congresso" the
    # "Congresso Nacional", "Receita" the "Receita Federal" — when an article writes both, the
    # case writes the word after a definite article, as a body's ("o Congresso", "a Receita";
    # a city takes none: "in Baghdad" is not the "Baghdad International Airport"), and it is no
    # word of a person's name ("Lula Livre").
    headed: dict[str, set[str]] = defaultdict(set)
    for key, name in by_key.items():
        first = key.split(" ", 1)[0]
        if " " in key and key not in declared and name not in people and first not in CONNECTORS and not name.isupper():
            headed[first].add(key)
    for key, name in by_key.items():
        if (
            " " in key
            or canonical_of[key] != name
            or key not in headed
            or key in token_of
            or key in first_of
            or key in _places()
            or key in NOT_IN_PEOPLE
            or key in declared
            or (docs_of is not None and "" in docs_of.get(key, ()))  # "President Biden": a person
            or (articled is not None and key not in articled)
            or name.isupper()  # "a BBC" is not "BBC Radio"
        ):
            continue
        bodies = {
            canonical_of[body]
            for body in headed[key]
            if not aliases.kept_apart(name, by_key[body])
            and body.split()[1] not in _LED_BY
            and not any(w in _HEADS or w in CONNECTORS for w in body.split()[1:])
            and not any(" ".join(body.split()[j:]) in _places() for j in range(1, len(body.split())))
        }  # "Biden Administration" is led by Biden; "Senate Foreign Relations Committee" is the Senate's
        if len(bodies) == 1 and (docs_of is None or _together(key, next(iter(bodies)), docs_of)):
            canonical_of[key] = bodies.pop()
    return canonical_of


_LED_BY = set(words("governo gobierno government administration administracion gestao era campanha campana campaign"))


def _together(short: str, full: str, docs_of: dict[str, set[str]]) -> bool:
    """A document writes the short form and the full name, or a longer form of the name that
    the short form ends: "Zapatero" beside "Rodríguez Zapatero" or "José Luis Rodríguez Zapatero"."""
    docs = docs_of.get(short, set())
    words = _key(full).split()
    forms = [" ".join(words[i:]) for i in range(len(words) - 1)]  # the full name, and its ends
    return any(
        not docs.isdisjoint(docs_of.get(form, ()))
        for i, form in enumerate(forms)
        if i == 0 or form.endswith(" " + short)
    )


def _longest(name: str, suffix_of: dict[str, set[str]], aliases: Aliases) -> str:
    """The full name ``name`` is the end of, when the case has exactly one (the longest of
    the ones that are themselves the end of another); else ``name``."""
    candidates = {f for f in suffix_of.get(_key(name), set()) if not aliases.kept_apart(name, f)}
    # "Rodríguez Zapatero" and "José Luis Rodríguez Zapatero" are one: keep the longest chain.
    heads = {f for f in candidates if not any(f != g and _key(g).endswith(" " + _key(f)) for g in candidates)}
    if len(heads) == 1:
        return heads.pop()
    return name
