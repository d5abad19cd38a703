"""What the views that compare the sides share: sentences, capitalised names, scale words,
reporting verbs — in English, Spanish and Portuguese (months: ``ingest.dates``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from stop_words import get_stop_words

from ..ingest.paragraphs import SENTENCE_GAP
from ..text.analysis import fold

# Function words of English, Spanish and Portuguese (the stop-words package's lists), as
# written in lower case: one of them alone, capitalised, starts a sentence ("Mesmo", "He",
# "Nada") and is no name.  Accents kept: "Pará" is a state, "para" a preposition.
FUNCTION_WORDS = frozenset(w for lang in ("en", "es", "pt") for w in get_stop_words(lang))


def words(text: str) -> list[str]:
    """The words of a long literal list written as one string."""
    return text.split()


# Abbreviations a sentence does not end with ("According to Dr. Tom Frieden", "Sr. Lula").
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Dr|Dra|Mr|Mrs|Ms|Prof|Profa|Sr|Sra|Srta|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Jr|Mt|[A-Z])\.$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The offsets of each sentence of a paragraph."""
    return list(_sentences(text))


@lru_cache(maxsize=1024)  # a paragraph's figures and dates each ask for their sentence
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for match in SENTENCE_GAP.finditer(text):  # where long paragraphs are split too
        if _ABBREVIATION.search(text, max(0, match.start() - 8), match.start()):
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentence_at(text: str, index: int) -> tuple[int, int]:
    for start, end in _sentences(text):
        if start <= index < end:
            return start, end
    return 0, len(text)


# --- numbers ---------------------------------------------------------------------------------

# Number words are read by the text2num package (figures.py); these are the scale words
# written after digits ("23 million", "1,06 bilhão", "46 mil"), folded.
SCALE_WORDS = {
    "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "trillion": 1e12, "mil": 1e3,
    "millon": 1e6, "millones": 1e6, "billon": 1e12, "billones": 1e12, "milhao": 1e6, "milhoes": 1e6,
    "bilhao": 1e9, "bilhoes": 1e9, "trilhao": 1e12, "trilhoes": 1e12, "mil millones": 1e9,
}  # fmt: skip


def _place_key(name: str) -> str:
    return " ".join(fold(name).replace(".", "").replace("’", "'").split())


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

_UNIONS = {"UN", "EU", "EZ"}  # the United Nations, the European Union, the euro area: organisations


@cache
def places() -> frozenset[str]:
    """Places the Names view knows: the list above, and the names of every country and region
    in English, Spanish and Portuguese from the CLDR data of the Babel package ("Irlanda",
    "Alemanha", "América Latina"), folded."""
    from babel import Locale

    known = set(PLACES)
    for lang in ("en", "es", "pt"):
        known.update(_place_key(name) for code, name in Locale(lang).territories.items() if code not in _UNIONS)
    for names in _divisions().values():
        known.update(names)
    return frozenset(known)


# Countries whose first-level divisions (ISO 3166-2) the Names view knows as places: the states
# of Brazil and of the United States, the autonomous communities of Spain.  Their two-letter
# codes name the state in the press of the first two: "Mossoró (RN)", "(PL-SP)", "(D-NY)".
_DIVIDED = ("BR", "US", "ES")
_CODED = ("BR", "US")


@cache
def _divisions() -> dict[str, frozenset[str]]:
    """The first-level divisions of ``_DIVIDED``, from the pycountry package's ISO 3166-2 data:
    ``"BR-RS"`` -> the folded forms of its name (``"rio grande do sul"``; "Catalunya [Cataluña]"
    gives both, "Madrid, Comunidad de" "comunidad de madrid" and "madrid")."""
    from importlib.resources import files

    import orjson

    # pycountry's own data file, read as it is: its Python objects for all 5,000 divisions of
    # the world would take 0.4 s of CPU to build, for the 103 read here.
    data = orjson.loads(files("pycountry").joinpath("databases", "iso3166-2.json").read_bytes())
    found: dict[str, frozenset[str]] = {}
    for division in data["3166-2"]:
        if division["code"][:2] not in _DIVIDED or division.get("parent"):
            continue
        forms = set()
        for written in re.findall(r"[^\[\]]+", division["name"]):
            name, _, kind = (part.strip() for part in written.partition(","))
            if kind:  # "Madrid, Comunidad de": "Comunidad de Madrid", "Madrid"; "Valenciana, Comunidad"
                forms.add(f"{kind} {name}")
            if name and (not kind or kind.endswith(" de")):
                forms.add(name)
        found[division["code"]] = frozenset(_place_key(form) for form in forms)
    return found


@cache
def state_codes() -> dict[str, frozenset[str]]:
    """A state's two-letter code -> the folded names of the states it stands for ("PA": Pará
    and Pennsylvania; the case's own text tells which)."""
    codes: dict[str, set[str]] = {}
    for code, names in _divisions().items():
        country, short = code.split("-")
        if country in _CODED and len(short) == 2:
            codes.setdefault(short, set()).update(names)
    return {code: frozenset(names) for code, names in codes.items()}


# --- names -----------------------------------------------------------------------------------

# Capitalised words that start sentences or headings and are not names.
NOT_NAMES = {
    fold(w)
    for w in words(
        "The This That These Those A An And But Or If In On At To For Of From By With As It Its Here There "
        "What When Where Which Who Why How While However Meanwhile Furthermore Finally Indeed Similarly Now "
        "Then So Some Several Many Most All Both Each Every No None Nor Not Neither Other Another Such Also "
        "Although Upon Over Under After Before During Since Until Despite Clearly According Recently "
        "Translation Photo Another One Two Three Great Negotiations Independent Due Landing Countries "
        "President Minister Secretary El La Los Las Lo Un Una Unos Unas Y O En De Del Al Por Para Con Sin "
        "Según Sobre Este Esta Estos Estas Ese Esa Eso Como Cuando Donde Pero Tras O A Os As Um Uma Uns Umas "
        "E Em No Na Nos Nas Do Da Dos Das Pelo Pela Segundo Mas Quando Onde Ele Ela Eles Elas Isso Isto Esse "
        "Essa Já Também Ainda Após Nevertheless Additionally Ideally Moreover Therefore Thus Instead "
        "Otherwise Likewise Consequently Unfortunately Fortunately Currently Previously Later Today Yesterday "
        "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ene Abr Ago Dic Fev Set Out Dez "
        "Tomorrow Yet Still Even Only Just Perhaps Maybe Above Below Overall Together First Second Third Last "
        "Next Further Besides Hence Regardless Former Following UTC GMT BST CET CEST EST EDT PST PDT OK "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
        "January February March April May June July August September October November December Además "
        "Asimismo Entonces Luego Hoy Ayer Lunes Martes Miércoles Jueves Viernes Sábado Domingo Enero Febrero "
        "Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Janeiro Fevereiro Maio "
        "Junho Julho Setembro Outubro Novembro Dezembro Além Através Dentro Fora Perto Cerca Junto Antes Depois "
        "Desde Hasta Hacia Mediante Contra Entre Durante Conforme Sob Ante Acerca Mientras Enquanto Ambas Ambos "
    )
}
CONNECTORS = set(words("de del la las los da das do dos of y e the von van der den du di and"))
# Prepositions inside an institution's or a programme's name only ("Programa Emergencial de Acesso
# ao Crédito", "Commission on Presidential Debates", "Coalición de Países Europeos contra el Crimen
# Organizado", "Centers for Disease Control"); between other capitalised words they part two
# names ("Nevada for Biden", "Lula ao Planalto").
WEAK_CONNECTORS = set(words("ao aos à às al on for sobre para contra against"))
_WEAK_ARTICLES = set(words("a o as os el un una uma um"))  # after a weak connector: "para una", "contra el"
_WEAK_WORDS = frozenset(WEAK_CONNECTORS | _WEAK_ARTICLES)
CONJUNCTIONS = {"y", "e", "and"}
# The first words of institutions whose names hold "and/y/e" ("Ministério da Justiça e Segurança
# Pública", "Centers for Disease Control and Prevention"): elsewhere a conjunction parts two
# names ("Ceuta y Melilla", "Rogério Mendonça e Deibson Nascimento").
INSTITUTION_HEADS = {
    fold(w)
    for w in words(
        "Ministério Ministerio Ministry Secretaria Secretaría Secretariat Departamento Department Centro Center "
        "Centers Centre Instituto Institute Comissão Comisión Commission Conselho Consejo Council Federação "
        "Federación Federation Agência Agencia Agency Programa Program Programme Plano Plan Fundo Fondo Fund "
        "Banco Bank Tribunal Corte Court Direção Dirección Directorate Serviço Servicio Service Organização "
        "Organización Organization Organisation Sistema System Fundação Fundación Foundation Universidade "
        "Universidad University Escritório Oficina Office Assembleia Asamblea Assembly Câmara Cámara Chamber "
        "Comitê Comité Committee Autoridad Autoridade Authority Associação Asociación Association "
        "Confederação Confederación Sindicato União Unión Union Partido Party Frente Movimento Movimiento "
        "Movement Observatório Observatorio Observatory Superintendência Subsecretaria Procuradoria "
        "Defensoria Advocacia Delegación Delegacia Dirección-General Gobierno Governo Government Dirección "
        "Subdelegación Comisaría Coalición Coalizão Coalition Fuerzas Forças Força Fuerza Forces Pacto Pact Acordo "
        "Acuerdo Agreement Estrategia Estratégia Strategy Convención Convenção Convention Empresa Companhia Compañía "
        "Company Corporation Corporação Corporación"
    )
}
_ARTICLES = {"la", "las", "los", "el", "o", "a", "os", "as", "do", "da", "dos", "das", "del", "the", "de"}
_CAPITALISED = r"(?:(?:[A-Z]{1,2}\.){2,}|[A-ZÀ-ÖØ-Þ][\w’'\-]*)"
_JOINING = sorted(CONNECTORS | WEAK_CONNECTORS | _WEAK_ARTICLES, key=lambda w: (-len(w), w))
# A middle initial inside a run: "Emily W. Murphy", "Joseph R. Biden".
NAME_RUN = re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:{'|'.join(_JOINING)})\s+)*(?:[A-Z]\.\s+)?{_CAPITALISED})*")
_INITIAL = re.compile(r"[A-Z]\.")
_ROMAN = {"I.", "V.", "X."}  # a number that may end a sentence, not an initial

REPORTING_VERBS = {
    fold(w)
    for w in words(
        "said says say stated states told tells noted notes reported reports confirmed confirms announced "
        "announces added adds called calls described describes denounced denounces warned warns argued argues "
        "claimed claims wrote writes published questioned questioning insisted explained declared asserted "
        "acknowledged according dijo dice afirmó afirma declaró declara señaló señala aseguró asegura indicó "
        "explicó denunció calificó informó reportó advirtió sostuvo manifestó disse diz afirmou declarou "
        "informou relatou explicou denunciou classificou chamou escreveu garantiu "
    )
}


@dataclass(frozen=True)
class NameSpan:
    text: str
    start: int
    end: int


TITLES = {
    fold(w)
    for w in words(
        "President Vice Prime Minister Secretary Cardinal Pope Senator Governor General Judge Justice "
        "Ambassador Envoy Chancellor Mayor King Queen Prince Bishop Archbishop Colonel Commander Attorney "
        "Representative Rep Sen Dr Mr Mrs Ms Presidente Presidenta Ministro Ministra Canciller Papa Senador "
        "Senadora Gobernador Gobernadora Juez Jueza Fiscal Embajador Embajadora Diputado Diputada Alcalde "
        "Alcaldesa Deputado Deputada Prefeito Governador Director-General Director Directora Diretor Diretora "
        "CEO Chairman Chairwoman Commissioner Comisario Comisaria Comissário Comissária Spokesman Spokeswoman "
        "Speaker Legislator Lawmaker Congressman Congresswoman Councillor Councilor MP "
        # leaders, members, honorifics, and the plurals of titles ("all 11 Justices")
        "Leader Majority Minority Whip Chief Head Member Members Majesty Highness Excellency HM Presidents "
        "Honorable Honourable "
        "Ministers Senators Governors Judges Justices Ambassadors Commissioners Secretaries Presidentes Ministros "
        "Ministras Senadores Gobernadores Governadores Diputados Deputados Embajadores Embaixadores "
        # offices of Portuguese and Spanish written with a capital ("o Secretário Nacional de Segurança
        # Pública", "la Vicepresidenta"); not "Secretária", which folds as the body "Secretaria"
        "Secretário Secretario Juiz Juíza Vicepresidente Vicepresidenta Procurador Procuradora Advogado Advogada "
        "Vereador Vereadora Concejal Concejala Relator Relatora Líder Chefe Jefe Jefa "
        "Interventor Interventora Comandante Coronel Delegado Delegada Reitor Reitora Rector Rectora "
        "Desembargador Desembargadora Conselheiro Conselheira Consejero Consejera Portavoz Porta-voz "
    )
}
# Places whose names begin with an article (the article is kept).
ARTICLE_PLACES = {"el salvador", "la paz", "los angeles", "las vegas", "la habana", "el paso", "la haya", "el cairo"}
# Words that follow a name, not an adjective: "Japan who", "Iran has".
_AFTER_A_NOUN = set(
    words(
        "who which that is was were are has have had said says will would to in on at of for with from by as que es "
        "fue son está tiene dijo ha han en de del con por para é foi são tem disse em do da com lo la le se los las "
        "o a os as"
    )
)
_INITIALS = re.compile(r"(?:[A-Z]{1,2}\.){2,}")
_FOLLOWING = re.compile(r" ([a-zà-ÿ]+)")
_REGIONS = {"central", "latin", "south", "north", "east", "west", "southern", "northern", "eastern", "western"}
_ADJECTIVE_ENDINGS = (
    "an",
    "ian",
    "ean",
    "ish",
    "ese",
    "ano",
    "ana",
    "anos",
    "anas",
    "ense",
    "enses",
    "eno",
    "ena",
    "es",
)


#: Paragraphs whose names were read already, by the processes that read the documents (see
#: ``pipeline.known_spans``): a text -> its ``name_spans``.
KNOWN_SPANS: dict[str, list[NameSpan]] = {}


def name_spans(text: str) -> list[NameSpan]:
    """Runs of capitalised words that read as names (people, organisations, places, acronyms):
    leading sentence words ("The", "However") and titles ("former Spanish Prime Minister",
    "US President") are cut off, a possessive ends a name, and a lone demonym before a noun
    ("Venezuelan migrants") is not a name."""
    known = KNOWN_SPANS.get(text)
    if known is not None:
        return list(known)
    found = []
    for match in NAME_RUN.finditer(text):
        for start, words in _split_possessives(match.start(), match.group()):
            for weak_start, weak_part in _split_weak(text, start, words):
                for part_start, part in _split_conjunctions(text, weak_start, weak_part):
                    found.extend(_clean(text, part_start, part))
    return found


_ACRONYM_NEXT = re.compile(r"\s*\(([A-Z]{3,8})\)")


def _spelled_after(text: str, start: int, words: list[str]) -> bool:
    """The run is followed by the acronym its capitalised words spell, in brackets: one name,
    weak connectors and all ("Proposta de Emenda à Constituição (PEC)")."""
    end = start
    for word in words:
        end = text.index(word, end) + len(word)
    acronym = _ACRONYM_NEXT.match(text, end)
    return acronym is not None and acronym.group(1) == "".join(w[0] for w in words if w[:1].isupper())


def _split_weak(text: str, start: int, words: list[str]) -> list[tuple[int, list[str]]]:
    """A weak connector ("ao", "on", "for", "contra el") joins the words after it to an
    institution's or programme's name; elsewhere it parts two names, and an article alone
    ("Porto Alegre a Canoas") always does."""
    if _WEAK_WORDS.isdisjoint(words) or _spelled_after(text, start, words):
        return [(start, words)]
    parts: list[tuple[int, list[str]]] = []
    current: list[str] = []
    offset = part_start = start
    after_weak = False
    for i, word in enumerate(words):
        at = text.index(word, offset)
        offset = at + len(word)
        joins = word in WEAK_CONNECTORS and any(fold(w) in INSTITUTION_HEADS for w in current)
        if joins:  # not when a place or an acronym follows: "do Ministério da Saúde ao Rio Grande do Sul", "ao STF"
            tail = [w for w in words[i + 1 :] if w not in _WEAK_ARTICLES]
            joins = (
                bool(tail)
                and not tail[0].isupper()
                and fold(tail[0]) not in NOT_NAMES  # a day, a month: "the Ministry of Transport on Sunday"
                and not any(_place_key(" ".join(tail[:k])) in places() for k in range(1, len(tail) + 1))
            )
        if (word in WEAK_CONNECTORS and not joins) or (word in _WEAK_ARTICLES and not after_weak):
            if current:
                parts.append((part_start, current))
            current, after_weak = [], False
            continue
        after_weak = bool(joins)
        if not current:
            part_start = at
        current.append(word)
    if current:
        parts.append((part_start, current))
    return parts


def _split_conjunctions(text: str, start: int, words: list[str]) -> list[tuple[int, list[str]]]:
    """ "Ceuta y Melilla", "Rogério Mendonça e Deibson Nascimento", "Chile e do Uruguai": two
    names; "Ministério da Justiça e Segurança Pública": one (an institution's name)."""
    if not any(w in CONJUNCTIONS for w in words):
        return [(start, words)]
    heads = [w for w in words if fold(w) not in NOT_NAMES and fold(w) not in TITLES and fold(w) not in CONNECTORS]
    institution = bool(heads) and fold(heads[0]) in INSTITUTION_HEADS
    parts: list[tuple[int, list[str]]] = []
    current: list[str] = []
    offset = at = part_start = start
    for i, word in enumerate(words):
        at = text.index(word, offset)
        offset = at + len(word)
        following = fold(words[i + 1]) if i + 1 < len(words) else ""
        if (
            fold(word) in CONJUNCTIONS
            and current
            and (not institution or following in _ARTICLES or _another_name(words[i + 1 :]))
        ):
            parts.append((part_start, current))
            current = []
            continue
        if not current:
            part_start = at
        current.append(word)
    if current:
        parts.append((part_start, current))
    return parts


# Bodies that start a name of their own after "e/y/and": "Forças Armadas e Polícia Federal".
_BODIES = {
    fold(w)
    for w in words(
        "Polícia Policía Police Exército Ejército Army Marinha Armada Navy Aeronáutica Guarda Guardia Guard "
        "Receita Senado Senate Congresso Congreso Congress Supremo Suprema Supreme Câmara Cámara Prefeitura "
        "Ayuntamiento Procuradoria Fiscalía Defensoria Embaixada Embajada Embassy Banco Bank"
    )
}


def _another_name(tail: list[str]) -> bool:
    """After "e/y/and" in an institution's name: an acronym, another institution or a place
    starts a name of its own ("Ministério da Saúde e Funai", "Polícia Federal e Ministério Público")."""
    if not tail:
        return False
    first = tail[0]
    return (
        (len(first) >= 2 and first.isupper())
        or fold(first) in INSTITUTION_HEADS
        or fold(first) in _BODIES
        or any(_place_key(" ".join(tail[:k])) in places() for k in range(1, len(tail) + 1))
    )


# Possessors inside a name: "People's Republic", "Women's March", "Workers' Party".
_OF_PEOPLE = set(words("people women men children workers veterans citizens farmers students teachers"))


def _split_possessives(start: int, run: str) -> list[tuple[int, list[str]]]:
    parts: list[tuple[int, list[str]]] = []
    words: list[str] = []
    offset = word_start = start
    for word in run.split():
        word_start = run.index(word, offset - start) + start
        offset = word_start + len(word)
        if not words:
            first = word_start
        words.append(word)
        owner = word[:-2] if word[-1:] == "s" else word[:-1]  # "Biden's", "United States'"
        if word.endswith(("’s", "'s", "s’", "s'")) and fold(owner) not in _OF_PEOPLE:
            words[-1] = owner
            parts.append((first, words))
            words = []
    if words:
        parts.append((first, words))
    return parts


def _opens_a_sentence(text: str, start: int) -> bool:
    """After a sentence's end, a colon, or a cut marked "[...]"."""
    return text[max(0, start - 3) : start].strip(' "“«(') in ("", ".", "!", "?", ":", ".]", "…]")


def _hyphenated_title(word: str) -> bool:
    """ "President-elect", "Vice-President", "Secretária-Executiva": a title joined to another word."""
    if "-" not in word:
        return False
    first = word.split("-")[0]
    return fold(first) in _HYPHENED_TITLES or first.lower() in _ACCENTED_TITLES


# Titles that fold as a body's word: "Secretária" (the office-holder), "Secretaria" (the body).
_ACCENTED_TITLES = {"secretária"}
_ACCENTED_FOLDS = {fold(w) for w in _ACCENTED_TITLES}
_HYPHENED_TITLES = TITLES | {"vice", "ex"}


def _place_then_name(text: str, start: int, words: list[str]) -> list[NameSpan]:
    """After a title and "of/de": a place, then a name ("President of France Macron", "Prime Minister
    of Spain Pedro Sánchez"): two names; [] when the words are not so."""
    at = 0
    while at < len(words) and fold(words[at]) in CONNECTORS:
        at += 1
    for k in range(len(words) - 1, at, -1):
        named = words[k][:1].isupper() and fold(words[k]) not in CONNECTORS
        if named and _place_key(" ".join(words[at:k])) in places():
            first = text.index(words[at], start)
            second = text.index(words[k], first + len(" ".join(words[at:k])))
            return [*_clean(text, first, words[at:k]), *_clean(text, second, words[k:])]
    return []


_QUALIFIERS = {"general", "geral", "executive", "executiva", "ejecutiva", "ejecutivo", "executivo"}
# Words that qualify an office right after its title: the rest is the office's portfolio.
_OFFICE_QUALIFIERS = _QUALIFIERS | set(
    words("nacional nacionais adjunto adjunta adjunta substituto substituta interino interina estadual municipal")
)


def _clean(text: str, start: int, words: list[str]) -> list[NameSpan]:
    for i, word in enumerate(words[1:-1], 1):
        if _INITIAL.fullmatch(word) and (
            word in _ROMAN or fold(words[i + 1]) in NOT_NAMES or words[i + 1].lower() in FUNCTION_WORDS
        ):  # "Plan B. The…", "World War I. Russia…": the letter ends a sentence
            after = text.index(words[i + 1], text.index(word, start) + 2)
            return [*_clean(text, start, words[: i + 1]), *_clean(text, after, words[i + 1 :])]
    # Titles: everything up to the last title word goes ("US President Donald Trump").
    # Not a title: an institution ("Comisaría"), its qualifier ("Dirección General de Tráfico"),
    # its members ("Câmara dos Deputados", "Council of Ministers").
    folds = [fold(w) for w in words]
    titled = [
        i
        for i, w in enumerate(words)
        if folds[i] in TITLES
        or (folds[i] in _ACCENTED_FOLDS and w.lower() in _ACCENTED_TITLES)
        or ("-" in w and _hyphenated_title(w))
    ]
    if titled:
        head = next((i for i, f in enumerate(folds) if f in INSTITUTION_HEADS), len(words))
        titled = [
            i
            for i in titled
            if (folds[i] not in INSTITUTION_HEADS or words[i].lower() in _ACCENTED_TITLES)
            and not (i == head + 1 and folds[i] in _QUALIFIERS)
            and not (i > head + 1 and folds[i - 1] in CONNECTORS)
        ]
    if titled:
        cut = titled[-1] + 1
        if cut < len(words) and folds[cut] in _OFFICE_QUALIFIERS:
            return []  # "o Secretário Nacional de Segurança Pública", "la Directora General de Tráfico": an office
        rest = [f for f in folds[cut:] if f not in CONNECTORS]
        if cut < len(words) and folds[cut] in CONNECTORS and len(rest) == 1 and rest[0] not in places():
            return []  # "o Procurador-Geral da República", "the Secretary of State": the title's complement
        start = text.index(words[cut], start) if cut < len(words) else start
        words = words[cut:]
        if words and fold(words[0]) in CONNECTORS:  # "President of France Macron": a place, then a person
            place = _place_then_name(text, start, words)
            if place:
                return place
    if len(words) >= 2 and len(words[0]) > 5 and words[0].endswith("ing") and _opens_a_sentence(text, start):
        start = text.index(words[1], start + len(words[0]))  # "Regarding Trump", "Speaking Tuesday"
        words = words[1:]
    while words and (fold(words[0]) in NOT_NAMES or fold(words[0]) in CONNECTORS):
        if fold(" ".join(words[:2])) in ARTICLE_PLACES:
            break
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
        words = words[1:]
    while words and fold(words[-1]) in CONNECTORS:
        words = words[:-1]
    while len(words) > 2 and fold(words[-1]) in NOT_NAMES and fold(words[-2]) in CONNECTORS:
        words = words[:-2]  # "Ukraine of February (17)"
    if not words:
        return []
    if len(words) >= 2 and all(w.isupper() for w in words) and any(len(w) >= 5 for w in words):
        return []  # a heading or a line of the page: "PREVISÃO DO TEMPO", "CONTINUA DEPOIS DA PUBLICIDADE"
    name = " ".join(words)
    if not _INITIALS.fullmatch(name):
        name = name.rstrip(".")
    end = start + len(name)
    if text[end : end + 1] == "$" and len(words[-1]) <= 2:  # "R$ 50", "US$ 6"
        return _clean(text, start, words[:-1]) if len(words) > 1 else []
    folded = fold(words[-1])
    following = _FOLLOWING.match(text, end, end + 24)
    if (
        following
        and following.group(1) not in _AFTER_A_NOUN  # "Japan who" (but "the Venezuelan and immigrant population")
        and folded.endswith(_ADJECTIVE_ENDINGS)
        and folded not in TITLES
        and all(fold(w) in _REGIONS for w in words[:-1])
    ):
        # "Venezuelan migrants", "Salvadoran counterpart", "Central American country" (not
        # "Monica Schoch-Spana told": a name of two words ending -ana is a person's)
        return []
    if len(words) == 1:
        folded = fold(name)
        if folded in NOT_NAMES or folded in TITLES or len(name) < 2:
            return []
        opening = _opens_a_sentence(text, start)
        if folded.endswith(("ly", "mente")) and opening:
            return []  # an adverb starting a sentence (not "including Italy")
    return [NameSpan(name, start, end)]
