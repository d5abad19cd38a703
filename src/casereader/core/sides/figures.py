"""Figures: every quantity in body text with what it counts and who is cited for it, grouped
across outlets when they count the same thing, with disagreements flagged.

A figure is digits ("252", "1,500", "12%", "R$ 1,06 bilhão", "$23-million", "£15.8m") or
number words in the document's language ("seventy-five", "siete", "sete"; read by the
text2num package, whose ``find_numbers`` gives each number's tokens and value).  The scale
is kept ("1,2 bilhão" is 1,200,000,000; in Spanish and Portuguese the comma is the decimal
mark).  Not figures: dates ("2025-07-21", "9/5", "quinta-feira (15)", years, days next to
a month), times ("16h05", "10 a.m.", "0800 UTC"), ordinals ("36ª", "75th"), codes and parts
of names ("18F", "G1", "BR-116", "COVID-19", "Nord Stream 2", "Normandy Four"), numbers
after "nº", "No.", "#", "article", "level" (identifiers), addresses ("10 Downing Street"),
numbered list items; a lone number word only when it counts something ("once"/"doce" are
words in Spanish and Portuguese prose unless a noun follows).

What a figure counts is the noun phrase it quantifies: the words after it ("252 Venezuelan
citizens", "90 percent of those detained", "R$ 588 milhões em emendas", "six-month
moratorium"), else the noun before it in its clause ("un aumento de 5,6%": aumento).
A unit of measure or currency after the number ("months", "km", "rubles", "de reais") is
kept apart (``measure``), not taken for what is counted.

Groups (``group_figures``): two figures are one claim told twice when they are of one unit
and measure, in different paragraphs, count the same thing (the Snowball stems of their
counted nouns meet; "personas", "people" name no noun, the words after them say what is
counted; shares may count a population named differently: "75% of those detained", "90
percent of the people sent"), at the same time and place (the years and months their clauses
speak of, read by the timeline's ``find_dates`` against the document's date: "en 2023" is not
"en 2024", "last year" not "this year"; the places their sentences put them in: "in Mariupol"
is not "in Ukraine"; a date they are compared with is not theirs: "respecto a 2023"), say it
the same way (no negation in one only: "had no criminal record" is not "had criminal
charges") and stand in alike sentences (tf-idf cosine of their clauses' words).  Figures that
agree need less of the last: a value a document repeats of one noun, or a value few figures
have by chance ("29.000 personas", "R$ 300 bilhões").  A group holds one figure of a paragraph
at most; it disagrees (⚠) when two of its values differ beyond a rounding (``told_alike``:
"3,4 millones" is 3.442.770 as finely as it is written, "almost 16 billion" 15.75 billion),
and then only figures that say beside them the same noun counted are in it.  Related
passages say "differs" on the same rule (``honest``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from text_to_num import find_numbers

from ..ingest.dates import WEEKDAYS, month_pattern
from ..text.analysis import fold, term
from .text import FUNCTION_WORDS, REPORTING_VERBS, SCALE_WORDS, name_spans, sentence_at, words
from .timeline import find_dates

MONTH_PATTERN = month_pattern(running_text=True)  # "20 out of 252" is a figure

_SCALE = (
    r"thousand|million|billion|trillion|mil\s+millones|millones|millón|millon|mil|milhões|milhão|milhoes|milhao|"
    r"bilhões|bilhão|bilhoes|bilhao|trilhões|trilhão|billones|billón"
)
# Digits first (a search that starts on a digit is quick); the currency sign before them apart.
_MONEY_BEFORE = re.compile(r"(?:US\$|U\$S|R\$|A\$|C\$|\$|€|£|¥|₽)\s?$")
_NUMBER = re.compile(
    r"(?P<digits>\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<percent>\s?%|\s(?:percent|per cent|por ciento|por cento)\b)?"
    rf"(?P<scale>(?:\s?-\s?|\s)(?:{_SCALE})\b|(?:bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
# Dates written with digits only: "2025-07-21", "15/02/2024", "9/5", "12.05.2024".
_DIGIT_DATE = re.compile(r"\b\d{1,4}[-/]\d{1,2}(?:[-/]\d{1,4})?\b|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d\d)\b")
_DATE_CONTEXT = re.compile(
    rf"(?:\b(?:{MONTH_PATTERN})\.?\s*$|^\s*(?:de\s+)?(?:{MONTH_PATTERN})\b|^(?:st|nd|rd|th)\b|^:\d\d|^\s?(?:am|pm|a\.m\.|p\.m\.|h\b))",
    re.IGNORECASE,
)
# A month just before a number ("April 20"); the window's other words are no date ("el mar fue de 10.457").
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_PATTERN})\.?\s*$", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))})\s*[,(]\s*(?:dia\s+|día\s+)?$",
    re.IGNORECASE,
)
_TIME_BEFORE = re.compile(
    r"\b(?:at|às|as|a\s+las|a\s+la|las|desde\s+las|hasta\s+las|até\s+às|ate\s+as|por\s+volta\s+das|from|until|dia|día)\s+$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"^\s?(?:h\d|horas?\b|hours?\b|hrs?\b|o'clock|a\.m\.|p\.m\.|am\b|pm\b|UTC|GMT|CET)", re.IGNORECASE
)
_CLOCK_AFTER = re.compile(r"^\s?(?:UTC|GMT|CET|hs?\b|h\d)", re.IGNORECASE)
# Identifiers and ordinals: "nº 77", "No. 5", "#12", "article 5", "nível 2", "the 36th".
_IDENTIFIER_BEFORE = re.compile(
    r"(?:#|\bn[º°o]\.?|\bn\.º|\bnúm\.|\bnumber|\bnúmero|\bart\.|\barticle|\bartículo|\bartigo|\bsection|\bsección|"
    r"\bseção|\blevel|\bnível|\bnivel|\bphase|\bfase|\bedition|\bedición|\bedição|\bround|\brodada|\blei|\bley|"
    r"\blaw|\bresolution|\bresolución|\bresolução|\bdecree|\bdecreto|\bpr|\bissue|\bpull request|\bversion|"
    r"\bversión|\bversão|\bv|\bmissão|\bmisión|\bmission|\beixo|\beje|\betapa|\bcapítulo|\bchapter)\s*$",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"^\s+(?:[A-ZÀ-Þ][\w’'-]*\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Square|Lane|Place|Boulevard|Blvd)\b"
)
_STREET_BEFORE = re.compile(r"\b(?:Rua|Avenida|Av\.|Calle|Travessa|Praça|Plaza|Paseo)\s+[^,\n]{1,40},\s*$")
# Units after a number that are not what it counts: currencies and measures.
_CURRENCY = re.compile(
    r"^\s*(?:de\s+)?(?P<unit>reais|real|euros?|d[oó]lares|dollars?|rubles?|roubles?|rublos?|pounds?|libras?|"
    r"pesos|yuan|yen|dirhams?|hryvnias?)\b",
    re.IGNORECASE,
)
_MEASURE = re.compile(
    r"^(?:\s|-)?(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|años?|meses|mes|"
    r"semanas?|días?|horas?|minutos?|segundos?|décadas?|siglos?|anos?|dias?|séculos?|km/h|km²|km2|km|kilometers?|"
    r"kilometres?|kilómetros?|quilômetros?|quilometros?|miles|cubic\s+met(?:er|re)s|metros\s+cúbicos|m³|"
    r"pontos\s+percentuais|puntos\s+porcentuales|percentage\s+points|"
    r"meters?|metres?|metros?|mm|milímetros?|millimeters?|"
    r"cm|kg|kilos?|quilos?|tonnes?|tons?|toneladas?|hectares?|hectáreas?|ha|litres?|liters?|litros?|mw|gw|mwh|gwh)"
    r"(?:\b|(?=\W))",
    re.IGNORECASE,
)
_ATTACHED_UNIT = re.compile(r"^(?:mm|cm|km|kg|m²|km²|ha|mw|gw|ml|l)\b", re.IGNORECASE)
_TOTAL_WORDS = set(words("number numero total cifra"))
_COMPARATIVES = set(words("more fewer less mas menos"))
_OF = {"of", "de", "do", "da", "dos", "das", "del"}
_INTO = _OF | {"em", "in", "en", "para", "for", "on", "sobre", "no", "na", "nos", "nas"}
_DETERMINERS = set(
    words("the those these its their los las el la lo os as o a esos esas estes estas estos sus seus suas su seu sua")
)


def _folded(forms: Iterable[str]) -> set[str]:
    """Words as ``fold`` leaves them, to be looked up folded."""
    return {fold(w) for w in forms}


_STOP_AFTER = _folded(
    words(
        "before after when why where how sent remain remains remained represents represent reached received held "
        "being been said says had have has were was are is who that which with and or in to from for on at by as "
        "but than que con y e en em para por com se would could will did do does not no only about some "
        "fueron fue son eran estaban estan tenian tenían habian habían han hay según segun foram foi sao são eram "
        "estavam tinham tiveram haviam nao não segundo más mas more menos less most ao mes mês year ano año "
        "until ate até hasta desde since this esta este esse essa nesta neste es "
        "per each a durante during tras despues depois apos antes hoje hoy today now agora ahora "
        "atualmente actualmente yesterday tomorrow ayer ontem "
        "respecto frente compared comparado comparada comparacao relacao relacion versus contra"
    )
)
# Words of time: "un 60% en los primeros meses", "5% in the last year" say when, not what is counted.
_TIME_WORDS = set(
    words(
        "hour hours day days week weeks month months year years quarter period time hora horas "
        "dia dias día días semana semanas mes meses mês ano anos año años trimestre periodo período tiempo tempo"
    )
)
# Words a figure's noun phrase may be introduced by before it, left out of what it counts.
_QUALIFIERS = _folded(
    words(
        "more than less fewer about around over under nearly almost some only at least most up to approximately "
        "roughly just total totaling totalling reached reaching estimated torno volta praticamente "
        "mais menos cerca aproximadamente quase "
        "pelo pela menos apenas somente só ao todo total chegou alcanzó más unos unas alrededor casi hasta solo "
        "sólo apenas um uma un una por ciento cento percent será sera is was are were be será é foi son fue será "
        "cercana cercano cercanas cercanos próxima próximo ordem orden equivalente close "
        "próximos próximas next últimos últimas primeros primeras primeiros primeiras "
        "serão seria ser estar está esta de of by to em in en a al ao the el la o"
    )
)
# Words after which Spanish "dos" is the number two ("los dos", "de dos", "con dos").
_BEFORE_DOS = set(words("los las de a con en por para sus unos unas entre y o otros otras cada sus estos estas"))
_ATTRIBUTION = re.compile(
    r"\b(?:according to|según|de acuerdo con|de acordo com|segundo|reported by|citing)\s+"
    r"(?P<who>(?:the\s+)?[A-ZÀ-Þ][\w’'.]*(?:\s+(?:of\s+|de\s+)?[A-ZÀ-Þ][\w’'.]*)*)"
)
_NEGATION = {
    "en": set(words("no not none never without nobody")),
    "es": set(words("no sin ningun ninguna nunca nadie jamas")),
    "pt": set(words("nao sem nenhum nenhuma nunca ninguem jamais")),  # "no" is "in the"
}
_NEGATION[""] = _NEGATION["en"] | _NEGATION["es"] | _NEGATION["pt"]
_LANGS = ("en", "es", "pt")
# A first look for number words (the values are text2num's): each language's forms, lower case.
_WORD_FORMS = {
    "en": set(
        words(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
            "million billion trillion dozen"
        )
    ),
    "es": set(
        words(
            "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince treinta cuarenta "
            "cincuenta sesenta setenta ochenta noventa cien ciento doscientos doscientas trescientos trescientas "
            "cuatrocientos cuatrocientas quinientos quinientas seiscientos seiscientas setecientos setecientas "
            "ochocientos ochocientas novecientos novecientas mil millón millones millon"
        )
    ),
    "pt": set(
        words(
            "dois duas três tres quatro cinco seis sete oito nove dez onze doze treze catorze quatorze quinze "
            "dezesseis dezessete dezoito dezenove vinte trinta quarenta cinquenta sessenta setenta oitenta noventa "
            "cem cento duzentos duzentas trezentos trezentas quatrocentos quatrocentas quinhentos quinhentas "
            "seiscentos seiscentas setecentos setecentas oitocentos oitocentas novecentos novecentas mil milhão "
            "milhões milhao milhoes bilhão bilhões bilhao bilhoes"
        )
    ),
}
_WORD_PREFIXES = {"en": (), "es": ("dieci", "veint"), "pt": ()}
_WORD = re.compile(r"[^\W\d_]+")
_ES_PREFIX = re.compile(r"\b(?:dieci|veint)", re.IGNORECASE)


def _word_hits(text: str, lang: str) -> list[tuple[int, int]]:
    forms, prefixes = _WORD_FORMS[lang], _WORD_PREFIXES[lang]
    hits = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word in forms or (prefixes and word.startswith(prefixes)):
            hits.append((match.start(), match.end()))
    return hits


_ALL_WORD_FORMS = _WORD_FORMS["en"] | _WORD_FORMS["es"] | _WORD_FORMS["pt"] | {"one", "un", "una", "um", "uma"}


def _is_number_word(word: str) -> bool:
    return word.lower() in _ALL_WORD_FORMS


_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tercio": 3, "terco": 3, "cuarto": 4, "quarto": 4}
_FRACTION = re.compile(r"(?:\s+|-)(thirds?|quarters?|fifths?|tercios|terços|tercos|cuartos|quartos)\b", re.IGNORECASE)
_AGO = re.compile(
    r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|hours?|anos?|meses|semanas?|dias?|días?|años?|horas?)\s+"
    r"(?:ago|atrás|atras)\b",
    re.IGNORECASE,
)
_AGO_BEFORE = re.compile(r"(?<!desde )\bhace\s+$", re.IGNORECASE)  # "desde hace 13 años" is a duration
_JOINER = re.compile(r"\s*(?:-|\s(?:and|y|e|de)\s|,)?\s*", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|one|un|una|um|uma)\s+$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]")


@dataclass
class Figure:
    value: float
    unit: str  # "count", "percent" or "money"
    text: str  # as written ("32 men", "90 percent")
    counts: str  # what it counts ("men", "people", "those detained"), "" when the text does not say
    source: str  # who is cited for it, "" when the text does not say
    doc_id: str
    n: int
    outlet: str
    sentence: str
    start: int  # offsets of the figure in the paragraph
    end: int
    paragraph_start: int = 0  # where its sentence starts in the paragraph
    measure: str = ""  # the unit of measure or currency after it ("months", "km", "rubles"), folded
    lang: str = ""  # its document's language (en, es, pt), "" when unknown
    # How ``counts`` was read when not beside the figure: "subject" (its clause's), "earlier" (the
    # figure before it in its sentence), "verb" (the word before it, a verb: a guess); "" beside it.
    inferred: str = ""

    @property
    def shown(self) -> str:
        if self.unit == "percent":
            return f"{self.value:g}%"
        return f"{self.value:,.0f}" if self.value == int(self.value) else f"{self.value:g}"


def same_value(a: float, b: float) -> bool:
    """Two values told the same (within 0.5%: "46 mil" and "46.012")."""
    return abs(a - b) <= 0.005 * max(abs(a), abs(b))


@dataclass
class FigureGroup:
    about: str  # what the figures count, or the words their sentences share, best first
    figures: list[Figure] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({f.outlet for f in self.figures})

    @property
    def disagreement(self) -> bool:
        """Different values of one claim, more than a rounding (``told_alike``; a group holds
        figures of one unit and measure)."""
        return any(not told_alike(a, b) for i, a in enumerate(self.figures) for b in self.figures[i + 1 :])


# --- reading numbers ---------------------------------------------------------------------------


def _value(digits: str, lang: str = "") -> float | None:
    """1,234.5 and 1.234,5 and 12,5; "50,945" is 50.945 in Spanish and Portuguese and 50945 in
    English; None for what is no number in any convention ("1.077.718.63", a version or an
    address seen on a real page) and for what no float holds."""
    decimal_comma = lang in ("es", "pt")
    try:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits) and not (decimal_comma and digits.count(",") == 1):
            value = float(digits.replace(",", ""))
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits) and (
            decimal_comma or digits.count(".") > 1 or "," in digits
        ):
            value = float(digits.replace(".", "").replace(",", "."))
        elif re.fullmatch(r"\d+(?:[.,]\d+)?", digits):
            value = float(digits.replace(",", "."))
        else:
            return None
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _scale(word: str) -> float:
    word = fold(re.sub(r"[\s-]+", " ", word).strip())
    if word in ("m", "mn"):
        return 1e6
    if word == "bn":
        return 1e9
    if word == "k":
        return 1e3
    if word.startswith("mil ") and "millon" in word:
        return 1e9
    return SCALE_WORDS.get(word, 1.0)


def _is_sentence_start(text: str, start: int) -> bool:
    return text[max(0, start - 3) : start].strip(' "“«(') in ("", ".", "!", "?", ":", "—", "–", "-")


_PART_OF = re.compile(
    r"(?:(?P<part>\d[\d.,]*%?\)?|[^\W\d_]+)\s+)?(?:out\s+)?(?:of|de|dos|das|del)\s+"
    r"(?P<article>the\s+|los\s+|las\s+|os\s+|as\s+)?$",
    re.IGNORECASE,
)


def _part_of_before(before: str) -> bool:
    """A number told as the whole a part is of: "six of the 252", "(12%) of the 252", "380 de
    los 497", "dois dos": after "of the" or after a number and "of"; not any "de" ("la cifra
    fue de 10.457")."""
    found = _PART_OF.search(before)
    if not found:
        return False
    part = found["part"] or ""
    return bool(found["article"]) or part[:1].isdigit() or _is_number_word(part)


def _not_a_quantity(text: str, start: int, end: int, has_unit: bool) -> bool:
    """Digits at ``start:end`` that are no quantity: a code, a date, a time, an identifier,
    part of a name or an address."""
    before, after = text[max(0, start - 40) : start], text[end : end + 24]
    prev = text[start - 1 : start]
    if prev and (prev.isalpha() or prev in "#/_"):
        return True  # "G1", "H1N1", "#12"
    if prev in "-." and start >= 2 and text[start - 2].isalnum() and not text[start - 2].isdigit():
        return True  # "BR-116", "COVID-19", "SARS-CoV-2"
    if prev in "-." and start >= 2 and text[start - 2].isdigit() and prev == ".":
        return True  # "1.2.3" cut
    if re.match(r"[.,]\d", after):
        return True  # "3.2.1.4", "1.077.718.63": a version, an address, no number
    nxt = after[:1]
    if prev in "\"“'‘" and nxt in "\"”'’":
        return True  # '"19" for the year': a number named, not a quantity
    if nxt.isalpha() and not has_unit and not _ATTACHED_UNIT.match(after):
        return True  # "18F", "16h05", "36ª", "75th"
    if nxt == "-" and after[1:2].isdigit() and after[1:3].isdigit() and text[start - 1 : start] == "-":
        return True
    # (Each pattern below ends at the figure: it is searched in as many characters as it can span.)
    if _IDENTIFIER_BEFORE.search(before[-24:]):
        return True
    if _WEEKDAY_BEFORE.search(before[-32:]):
        return True  # "quinta-feira (15)", "quarta-feira, dia 8"
    if _CLOCK_AFTER.match(after) or (_TIME_AFTER.match(after) and _TIME_BEFORE.search(before)):
        return True  # "16h05", "às 16 horas", "0800 UTC"
    if re.search(r"\b(?:dia|día)\s+$", before[-12:], re.IGNORECASE) and not re.match(r"\s+[a-zà-ÿ]{3,}", after):
        return True
    if _STREET.match(after) or (before.rstrip().endswith(",") and _STREET_BEFORE.search(before)):
        return True
    # Part of a name: "Nord Stream 2", "Operação Taquari 2", "OPE 25" (not "Russia's 150,000").
    name = re.search(r"([A-ZÀ-Þ][\w’'-]*)\s$", before) if before[-1:].isspace() else None
    grouped = re.match(r"\d{1,3}(?:[.,]\d{3})+\b", text[start:end])  # "a Canarias 19.257 personas": a count
    if name and not has_unit and not grouped and not name.group(1).endswith(("’s", "'s")):
        word_start = start - 1 - len(name.group(1))
        if not _is_sentence_start(text, word_start) and fold(name.group(1)) not in FUNCTION_WORDS:
            return True
    return False


def _number_words(
    text: str, lang: str, taken: list[tuple[int, int]], vocabulary: set[str]
) -> list[tuple[int, int, float]]:
    """(start, end, value) of the numbers written in words, by text2num, outside ``taken``;
    ``vocabulary``: the paragraph's words in lower case (a first look)."""
    if lang not in _WORD_FORMS:
        return []
    if vocabulary.isdisjoint(_WORD_FORMS[lang]) and not (lang == "es" and _ES_PREFIX.search(text)):
        return []
    # Runs of number words (joined by "-", "and", "y", "e", "de"), with an article before a
    # scale ("un millón", "a million"): each read by text2num alone, a few tokens at a time.
    windows: list[list[int]] = []
    for a, b in _word_hits(text, lang):
        article = _ARTICLE_BEFORE.search(text, max(0, a - 6), a)
        if article:
            a = article.start()
        if windows and _JOINER.fullmatch(text, windows[-1][1], a):
            windows[-1][1] = b
        else:
            windows.append([a, b])
    found: list[tuple[int, int, float]] = []
    for a, b in windows:
        spans = [(m.start() + a, m.end() + a) for m in _TOKEN.finditer(text[a:b])]
        if not spans:
            continue
        tokens = [_Tok(text[s:e]) for s, e in spans]
        for occurrence in find_numbers(tokens, lang, 1.0):
            if occurrence.is_ordinal:
                continue
            s, e = spans[occurrence.start][0], spans[occurrence.end - 1][1]
            if any(ts < e and s < te for ts, te in taken) or any(f[0] < e and s < f[1] for f in found):
                continue
            piece = text[s:e]
            if not re.search(r"[^\W\d_]", piece) or re.fullmatch(r"(?:por\s+)?ciento|cento|percent", piece, re.I):
                continue
            value = float(occurrence.value)
            if not math.isfinite(value):
                continue
            found.append((s, e, value))
    return found


class _Tok:
    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


# --- what a figure counts ----------------------------------------------------------------------


NP_WORDS = 3  # words of what a figure counts, at most ("Venezuelan migrants", "número de vehículos")


# Words after a number that qualify it, not what it counts, unless a noun follows them:
# "2.9 million strong", "25% higher", "six years old"; "two previous rounds" counts rounds.
_AFTER_QUALIFIERS = _folded(words("last next previous higher lower strong old older younger"))


def _noun_phrase(tokens: list[str], i: int) -> str:
    if i < len(tokens) and len(tokens[i]) > 4 and tokens[i].endswith(("ían", "aban", "iam", "avam")):
        return ""  # "el 40% procedían de Venezuela": the verb after it, in the imperfect
    if i < len(tokens) and fold(tokens[i]) in _AFTER_QUALIFIERS:
        following = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if not re.match(r"[^\W\d_]", following) or following in _STOP_AFTER or _verb_like(following):
            return ""
        i += 1
    taken: list[str] = []
    for word in tokens[i:]:
        folded = fold(word)
        score = re.match(r"(?:to|a|x)-\d", folded)  # "229-to-197": a score, not a noun
        if not re.match(r"[^\W\d_]", word) or score or folded in _STOP_AFTER or len(taken) == NP_WORDS:
            break
        if taken and (folded.endswith("ed") or (len(folded) > 5 and folded.endswith(("ron", "ram")))):
            break  # a verb: "men detained", "presos salieron", "presos ficaram"
        taken.append(word)
    while taken and fold(taken[-1]) in _OF:
        taken.pop()
    return " ".join(taken)


def _counts(after: str, into: bool = False) -> str:
    """What a number counts, from the words after it: "of the Venezuelan migrants" ->
    "Venezuelan migrants"; "men (12%)" -> "men"; "of the 252 men" -> "men"; with ``into``
    (money, shares) also "em emendas", "in aid", not "para equipar" (what it is for)."""
    tokens = re.findall(r"\(?[^\W\d_][\w’'-]*\)?|\d+(?:[.,]\d+)*|[^\w\s]", after[:90])
    i = 0
    while i < len(tokens) and tokens[i].startswith("("):  # "(12%)"
        while i < len(tokens) and not tokens[i].endswith(")"):
            i += 1
        i += 1
    if i + 1 < len(tokens) and fold(tokens[i]) in _COMPARATIVES:
        following = fold(tokens[i + 1])
        if following in _INTO or (re.match(r"[^\W\d_]", tokens[i + 1]) and following not in _STOP_AFTER):
            i += 1  # "un 4 por ciento más de pasajeros", "5 percent more tourists"
    while i < len(tokens) and fold(tokens[i]) in _DETERMINERS:  # "385 o número de municípios"
        i += 1
    if i + 1 < len(tokens) and fold(tokens[i]) in _TOTAL_WORDS and fold(tokens[i + 1]) in _OF:
        i += 1
    if i + 2 < len(tokens) and fold(tokens[i]) == "out" and fold(tokens[i + 1]) == "of" and tokens[i + 2][:1].isdigit():
        i += 1  # "17 out of 18 districts": the districts
    linking = _INTO if into else _OF
    linked = False
    if i < len(tokens) and fold(tokens[i]) in linking:
        linked = fold(tokens[i]) not in _OF
        purpose = fold(tokens[i]) == "para"
        i += 1
        if purpose and i < len(tokens) and re.fullmatch(r"[^\W\d_]{3,}(?:ar|er|ir)", fold(tokens[i])):
            return ""  # "11 millones de euros para equipar": what it is for, a verb
        while i < len(tokens) and fold(tokens[i]) in _DETERMINERS:
            i += 1
        if i < len(tokens) and tokens[i][:1].isdigit():  # "380 of the 497 municipalities"
            i += 1
    phrase = _noun_phrase([t.strip("()") for t in tokens], i)
    if linked and any(fold(w) in _TIME_WORDS for w in phrase.split()):
        return ""  # "un 60% en los primeros meses": when, not what
    return phrase


def _verb_like(folded: str) -> bool:
    """A word that reads as a verb or an adverb in a figure's clause, not the noun it counts."""
    return (
        folded in _STOP_AFTER
        or folded in REPORTING_VERBS
        or folded.endswith(("mente", "ly"))
        or (len(folded) > 4 and folded.endswith(("ed", "aron", "ieron", "aram", "eram", "iram", "ou", "ria", "rao")))
        or (len(folded) > 3 and folded.endswith(("o", "a")) and folded in _VERB_FORMS)
    )


_VERB_FORMS = set(words("registro registrou alcanzo alcancou chegou llego supero superou somo somou soma suma"))


def _verb_form(word: str) -> bool:
    """A word written as a verb: ``_verb_like``, or a Spanish or Portuguese form with an accent
    on its last letter ("situó", "recibirá", "prevê"), or a Portuguese third person plural
    ("apontam", "somam")."""
    return _verb_like(fold(word)) or _inflected_verb(word)


def _inflected_verb(word: str) -> bool:
    """A Spanish or Portuguese verb by its ending alone: "situó", "recibirá", "prevê", "apontam",
    "procedían", "estavam", "sendo"."""
    folded = fold(word)
    return (
        word.endswith(("ó", "á", "ê"))
        or (len(word) > 5 and word.endswith("am"))
        or word.endswith("ían")
        or (len(folded) > 4 and folded.endswith(("aban", "iam", "avam", "ando", "endo", "indo")))
    )


# Endings of nouns, not verbs, before "a", "en", "los": "una inversión cercana a los 11 millones".
_NOUN_ENDINGS = ("ción", "sión", "ión", "ção", "ções", "são", "dad", "dade", "mento", "miento", "ncia", "nça", "aje",
                 "agem", "ura")  # fmt: skip


def _counted_before(text: str, start: int) -> tuple[str, str]:
    """The noun a figure quantifies when nothing after it says: the content words just
    before it in its clause ("un aumento de 5,6%" -> "aumento"; "a taxa de juros de 13%" ->
    "taxa de juros"); after a verb, the clause's subject ("las llegadas cayeron un 60%",
    "el número de menores asciende a 5.500", "la tasa se situó en el 12%": "subject" with it;
    "verb" with a verb when the clause has no subject)."""
    clause = re.split(r"[,;:()\[\]—–\"“”«»]|\.\s", text[max(0, start - 100) : start])[-1]
    tokens = re.findall(r"[^\W\d_][\w’'-]*|\d+", clause)
    popped: list[str] = []  # the words between the figure and what is before it ("de", "a", "en el", "un")
    while tokens and (fold(tokens[-1]) in _LEAD or fold(tokens[-1]) in FUNCTION_WORDS or tokens[-1].isdigit()):
        popped.append(fold(tokens.pop()))
    guessed = ""  # "verb" when the words before the figure follow what may be a verb with no subject
    if tokens and set(popped) & _COPULAS and not any(w.isdigit() for w in popped):
        subject = _subject(tokens)  # "la cifra de muertos en el mar fue de 10.457"
        if subject:
            return subject, "subject"
    if tokens and popped and not any(w.isdigit() for w in popped):  # (not a range: "from 11 to 75")
        last = tokens[-1]
        verb = _verb_form(last)  # "cayeron un 60%", "recibirá 210 millones"
        # "asciende a", "se situó en el", "alcanza los": a verb's complement, not a noun's
        linked = popped[0] not in _OF and set(popped) <= _LINKS | _APPROXIMATORS and not last.endswith("s")
        linked = linked and not fold(last).endswith(tuple(fold(e) for e in _NOUN_ENDINGS))
        after_verb = last[:1].islower() and (verb or linked)
        subject = _subject(tokens[:-1]) if after_verb else ""
        if subject:
            return subject, "subject"
        guessed = "verb" if after_verb and not verb else ""  # "pero ya atiende a 5.000": a guess
    taken: list[str] = []
    while tokens and len([t for t in taken if fold(t) not in _OF]) < 3:
        word = tokens.pop()
        folded = fold(word)
        if folded in _OF and taken and tokens and fold(tokens[-1]) not in FUNCTION_WORDS:
            taken.insert(0, word)
            continue
        if folded in FUNCTION_WORDS or folded in _QUALIFIERS or word[:1].isupper() or word.isdigit():
            break
        if _verb_form(word):
            break  # "Cristosal stated that only seven", "se registraron 847.429", "recibirá"
        taken.insert(0, word)
    while taken and fold(taken[0]) in _OF:
        taken.pop(0)
    return " ".join(taken), guessed if taken else ""


# Words that tie a figure to a verb before it: "asciende a", "se situó en el", "rose to", "fell by".
_LINKS = _folded(words("a al en el la los las un una hasta em para um uma até"))
_APPROXIMATORS = _folded(
    words(
        "more than less about around over under nearly almost some at least up mas menos cerca casi cercana cercano "
        "cercanas cercanos close equivalente"
    )
)
_COPULAS = _folded(words("fue fueron es son era eran será serán foi foram é são era eram será serão was were is are"))
_LEAD = _QUALIFIERS | _LINKS  # what stands between a figure and the words before it that say what it counts


def _subject(tokens: list[str]) -> str:
    """The noun phrase a clause opens with, when it is a common noun ("Las llegadas a Canarias
    cayeron" -> "llegadas"; "El número de menores no acompañados" -> "número de menores"): what
    a figure after the clause's verb counts.  Nothing for a name ("Mauritania recibirá")."""
    i = 0
    while i < len(tokens) and fold(tokens[i]) in _DETERMINERS | _QUALIFIERS and fold(tokens[i]) not in _OF:
        i += 1
    taken: list[str] = []
    for word in tokens[i:]:
        folded = fold(word)
        if folded in _OF and taken and len(taken) < NP_WORDS:
            taken.append(word)
            continue
        if not word[:1].islower() or folded in FUNCTION_WORDS or folded in _STOP_AFTER or _verb_like(folded):
            break
        if _verb_form(word) or len(taken) >= NP_WORDS:
            break
        taken.append(word)
    while taken and fold(taken[-1]) in _OF:
        taken.pop()
    return " ".join(taken)


def _source(sentence: str, at: int) -> str:
    """Who the sentence cites for the figure at offset ``at``: "according to CBS", or the
    name nearest before a reporting verb ("Diosdado Cabello, confirmed that only seven")."""
    cited, verbs = _cited(sentence)
    if cited or not verbs:
        return cited
    before = [v for v in verbs if v < at]
    verb = before[-1] if before else verbs[0]
    names = [n for n in name_spans(sentence) if n.end <= verb and verb - n.end <= 60]
    return names[-1].text if names else ""


@lru_cache(maxsize=1024)
def _cited(sentence: str) -> tuple[str, tuple[int, ...]]:
    """A sentence's "according to …" (its figures' source whatever their place), else where its
    reporting verbs start: read once for all the figures of a sentence."""
    match = _ATTRIBUTION.search(sentence)
    if match:
        return match.group("who").removeprefix("the ").strip(" .,"), ()
    return "", tuple(v.start() for v in _REPORTING.finditer(sentence))


_REPORTING = re.compile(
    r"\b(?:said|says|stated|states|noted|notes|reported|reports|confirmed|confirms|found|estimated|estimates|"
    r"announced|told|showed|show|shows|suggested|dijo|afirmó|informó|señaló|confirmó|declaró|indicó|disse|afirmou|"
    r"informou|confirmou|declarou)\b"
)


# --- finding figures ---------------------------------------------------------------------------


def find_figures(
    paragraphs: Iterable[tuple[str, int, str, str]], languages: Mapping[str, str] | None = None
) -> list[Figure]:
    """Every figure of the body ``paragraphs`` — ``(doc_id, n, outlet, text)``; ``languages``
    gives a document's language (en, es, pt) by its id; where it is unknown, number words
    of the three languages are read, and a lone one only when it counts something."""
    languages = languages or {}
    figures: list[Figure] = []
    for doc_id, n, outlet, text in paragraphs:
        lang = (languages.get(doc_id) or "")[:2].lower()
        text_start = text.index(" ") + 1 if re.match(r"\d+\.\s", text) else 0  # "1. The motives…"
        dates = [(m.start(), m.end()) for m in _DIGIT_DATE.finditer(text)]
        taken: list[tuple[int, int]] = list(dates)
        for match in _NUMBER.finditer(text, text_start):
            digits_start, end = match.start(), match.end()
            currency = _MONEY_BEFORE.search(text, max(text_start, digits_start - 4), digits_start)
            start = currency.start() if currency else digits_start
            taken.append((start, end))  # its words are no number words, figure or not ("9…9 billion")
            if any(s <= digits_start < e for s, e in dates):
                continue  # "2025-07-21", "(9/5)"
            digits = match.group("digits")
            scale = match.group("scale") or ""
            money = currency is not None
            if scale.strip().lower() in ("m", "k", "mn") and not money:
                end -= len(scale)  # "5m": five metres, not five million
                scale = ""
            value = _value(digits, lang)
            if value is None:
                continue
            has_unit = bool(match.group("percent") or money or scale)
            if _not_a_quantity(text, start, end, has_unit):
                continue
            before, after = text[max(0, start - 12) : start], text[end : end + 16]
            if match.group("percent"):
                unit = "percent"
            elif money:
                unit = "money"
            else:
                if _MONTH_BEFORE.search(before) or _DATE_CONTEXT.match(after):
                    continue  # April 20, 20 de abril, 20th, 10:30
                if re.fullmatch(r"1[5-9]\d\d|20\d\d", digits) and not scale:
                    continue  # a year
                if re.match(r"\s+(?:anniversary|aniversario|aniversário)\b", text[end:], re.I):
                    continue  # "30 aniversario": which anniversary, not a count
                if _AGO.match(text, end) or _AGO_BEFORE.search(text, max(0, start - 8), start):
                    continue  # "2 months ago", "hace 2 semanas": a date
                unit = "count"
            value *= _scale(scale) if scale else 1.0
            if not math.isfinite(value):
                continue  # "9…9 billion" past what a float holds: no figure, and no Infinity in JSON
            if (
                unit == "count"
                and not scale
                and _part_of_before(text[max(0, start - 40) : start])
                and not _counts(text[end:])
            ):
                continue  # "six of the 252": the whole, not a claim ("la cifra fue de 10.457" is one)
            figures.append(_figure(value, unit, text, start, end, doc_id, n, outlet, lang))
        vocabulary = set(_WORD.findall(text.lower()))
        for word_lang in [lang] if lang in _LANGS else list(_LANGS):
            for start, end, value in _number_words(text, word_lang, taken, vocabulary):
                if start < text_start:
                    continue
                lone = not re.search(r"\s|-", text[start:end])
                written = text[start:end]
                if lone and written[:1].isupper() and not _is_sentence_start(text, start):
                    continue  # "Normandy Four", "Big Five": part of a name
                if lone and value == 1:
                    continue  # "um", "una", "one": an article or a pronoun far more often than a count
                following = text[end:]
                fraction = _FRACTION.match(following)
                if fraction:  # "two thirds": a share
                    end += fraction.end()
                    value = round(100 * value / _FRACTIONS[fold(fraction.group(1)).rstrip("s")], 1)
                    taken.append((start, end))
                    figures.append(_figure(value, "percent", text, start, end, doc_id, n, outlet, lang))
                    continue
                if _AGO.match(following) or _AGO_BEFORE.search(text, max(0, start - 8), start):
                    continue  # "two months ago", "hace dos semanas": a date
                if re.match(r"\s+(?:poderes|anniversary|aniversario|aniversário)\b", following, re.I):
                    continue  # "os três poderes", an anniversary
                counted = _counts(following)
                if lone and not counted and not re.match(r"\s+(?:of|de|dos|das|del)\b", following, re.I):
                    continue  # "once again", "é doce", "las doce": no count of anything
                if word_lang == "es" and fold(written) == "dos":
                    previous = re.findall(r"[^\W\d_]+|\d+|%", text[max(0, start - 20) : start])
                    if previous and fold(previous[-1]) not in _BEFORE_DOS:
                        continue  # Portuguese "dos" in a text of unknown language: "of the"
                percent = re.match(r"\s(?:percent|per cent|por ciento|por cento)\b", following, re.I)
                if percent:
                    end += percent.end()
                unit = "percent" if percent else "count"
                taken.append((start, end))
                figures.append(_figure(value, unit, text, start, end, doc_id, n, outlet, lang))
    figures.sort(key=figure_order)
    # A figure with its noun left out counts what the one before it in its sentence counts:
    # "12.012 rotaciones, un 8,4 más"; "39.910 llegadas, frente a las 15.682".
    for earlier, figure in itertools.pairwise(figures):
        replaceable = not figure.counts or figure.inferred == "verb"
        if replaceable and earlier.counts and _alike(earlier, figure) and _same_sentence(earlier, figure):
            figure.counts, figure.inferred = earlier.counts, "earlier"
    return figures


def _alike(a: Figure, b: Figure) -> bool:
    """Figures that may count one thing: of one measure (not "cinco meses" after "4.800
    migrantes"), a sum only after a sum ("R$ 1 bilhão" after "1,6 milhão de restituições" is
    their value); a count after a share of it ("un 4% más de pasajeros, que fueron 3.442.770")."""
    return a.measure == b.measure and (a.unit == b.unit or {a.unit, b.unit} == {"count", "percent"})


def _same_sentence(a: Figure, b: Figure) -> bool:
    return (a.doc_id, a.n, a.paragraph_start) == (b.doc_id, b.n, b.paragraph_start)


def figure_order(f: Figure) -> tuple[str, int, int]:
    """The order ``find_figures`` lists figures in (also of figures read apart and put together)."""
    return (f.doc_id, f.n, f.start)


def _figure(
    value: float, unit: str, text: str, start: int, end: int, doc_id: str, n: int, outlet: str, lang: str = ""
) -> Figure:
    s_start, s_end = sentence_at(text, start)
    sentence = text[s_start:s_end]
    following = text[end:]
    measure = ""
    unit_end = end  # where the figure's unit ends ("50 bilhões de reais", "6 meses")
    if unit == "count" or unit == "money":
        currency = _CURRENCY.match(following)
        if currency:
            unit, measure = "money", _currency_key(currency.group("unit"))
            following = following[currency.end() :]
            unit_end = end + currency.end()
    if unit == "count" and not measure:
        found = _MEASURE.match(following)
        if found:
            measure = _measure_key(found.group("unit"))
            following = following[found.end() :]
            unit_end = end + found.end()
    counts = _counts(following, into=unit != "count" or bool(measure))
    inferred = ""
    near = text[max(0, start - 8) : start]
    label = _LIST_LABEL.search(text, max(0, start - 60), start) if "—" in near or "–" in near or "-" in near else None
    # "…R$ 2,8 bilhões (2023/2025)BMW – R$ 500 milhões": BMW is the next item's label
    next_label = bool(counts) and _next_label(following, counts)
    if label and (not counts or next_label):
        counts = label.group("label")  # "Stellantis — R$ 30 bilhões (2025/2030); Volkswagen — …": its item's label
    elif next_label:
        counts = ""
    if not counts:
        counts, inferred = _counted_before(text, start)
    if counts and fold(counts.split()[0]) in _DETERMINERS | _OF:
        counts = ""
    shown = text[start:end]
    rest = text[end:]
    if counts and rest.lstrip().startswith(counts.split()[0]) and unit == "count" and not measure:
        shown += " " + counts
    elif measure:
        shown = text[start:unit_end]
    return Figure(
        value,
        unit,
        shown.strip(),
        counts,
        _source(sentence, start - s_start),
        doc_id,
        n,
        outlet,
        sentence,
        start,
        end,
        s_start,
        measure,
        lang if lang in _LANGS else "",
        inferred,
    )


# A list item's label before its figure: "Stellantis — R$ 30 bilhões", "; Toyota – R$ 11 bilhões",
# "(2023/2025)BMW – R$ 500 milhões" (items glued together by the page's extraction), "; e BMW — R$ 500 milhões".
_LIST_LABEL = re.compile(
    r"(?:^|[;:•·)\n]|\.\s)\s*(?:(?:e|y|and)\s+)?(?P<label>[A-Z0-9][\w&.'’-]*(?:\s+[A-Z0-9&][\w&.'’-]*){0,3})\s*[—–-]\s*"
    r"(?:[A-Z]{0,2}\$|U\$S|€|£)?\s*$"
)


def _next_label(following: str, counts: str) -> bool:
    """Whether what a figure seems to count is the label of the next list item ("(2023/2025)BMW –
    R$ 500 milhões")."""
    brackets = _BRACKETS.match(following)  # (it matches "" at least)
    at = brackets.end() if brackets else 0
    return following.startswith(counts, at) and bool(_ITEM_FIGURE.match(following, at + len(counts)))


_BRACKETS = re.compile(r"\s*(?:\([^)]*\))?\s*")
_ITEM_FIGURE = re.compile(r"\s*[—–-]\s*(?:[A-Z]{0,2}\$|€|£)?\s*\d")


def _currency_key(word: str) -> str:
    """One key for a currency written in any language and number ("reais" -> "real")."""
    folded = fold(word)
    return next((key for key, forms in _CURRENCY_KEYS.items() if folded in forms), folded)


_CURRENCY_KEYS = {
    key: set(forms.split())
    for key, forms in {
        "real": "real reais",
        "euro": "euro euros",
        "dollar": "dollar dollars dolares",
        "ruble": "ruble rubles rouble roubles rublo rublos",
        "pound": "pound pounds libra libras",
        "peso": "pesos",
        "dirham": "dirham dirhams",
        "hryvnia": "hryvnia hryvnias",
    }.items()
}


def _measure_key(unit: str) -> str:
    """One key for a unit in any language and number ("months", "meses", "mês" -> "month")."""
    folded = " ".join(fold(unit).split())
    for key, forms in _MEASURE_KEYS.items():
        if folded in forms:
            return key
    return folded.rstrip("s")


_MEASURE_KEYS = {
    key: {fold(form) for form in (forms.split(";") if ";" in forms else forms.split())}
    for key, forms in {
        "year": "year years ano anos año años",
        "month": "month months mes meses mês",
        "week": "week weeks semana semanas",
        "day": "day days dia dias día días",
        "hour": "hour hours hora horas",
        "km": "km kilometer kilometers kilometre kilometres kilómetro kilómetros quilômetro quilômetros",
        "mm": "mm milímetro milímetros millimeter millimeters",
        "tonne": "tonne tonnes ton tons tonelada toneladas",
        "cubic metre": "m³;cubic metres;cubic meters;metros cúbicos",
        "pp": "pontos percentuais;puntos porcentuales;percentage points",
    }.items()
}


# --- groups ------------------------------------------------------------------------------------

_WINDOW_STOP = {
    fold(w)
    for w in words(
        "the of and that had have has for with their this were was not are in on at to from by as but than "
        "they them those these some about only any who which there its his her our your said also been being "
        "into over los las del que con por para una uno sus como más fue han ser las dos das uma com pelo "
        "pela são foi percent cento ciento "
    )
}
BUCKET_MAX = 60  # figures sharing one counted stem, at most, for it to link them
MAX_GROUP = 12  # figures in one group at most: a chain of look-alikes stops there
SIMILAR = 0.2  # tf-idf cosine of the words around two figures (tuned on the gold's tune split)
SIMILAR_ALIKE = 0.1  # ... of two that agree on a value few figures have by chance (``_specific``)
SIMILAR_COUNTED = 0.15  # ... of two that agree on a value of one noun ("seis missões", "seis missões principais")
RARE_DIGITS = 3  # significant digits of a value two figures do not share by chance
RARE_SHARING = 4  # ... and figures of the case at most that have it
SYNONYM_DIGITS = 4  # ... nor two nouns for one thing ("163.220 peticiones", "163.220 solicitudes")
SIMILAR_UNSAID = 0.3  # ... of two that agree on a value of nouns and words with nothing in common


def _stems(text: str) -> set[str]:
    return {fold(w)[:5] for w in re.findall(r"[^\W\d_]{3,}", text) if fold(w) not in FUNCTION_WORDS}


# Nouns that count people without saying which: "45.237 pessoas" (em abrigos), "4.100 personas"
# (migrants) may count what another figure calls "migrantes"; they say nothing of what is counted.
GENERIC_NOUNS = _folded(
    words("people persons individuals personas individuos gente pessoas individuos indivíduos total cifra número")
)


def _generic(counts: str) -> bool:
    """What a figure counts is a generic noun ("pessoas", "personas que…", "people")."""
    first = re.findall(r"[^\W\d_]+", counts)[:1]
    return bool(first) and fold(first[0]) in GENERIC_NOUNS


def _head(counts: str, lang: str = "") -> set[str]:
    """The stems of a counted phrase's noun, before its complement, by the Snowball stemmer of
    its language: "detentos da unidade" -> detent; "Venezuelan migrants" -> both words (the
    noun is first or last by language); "llegadas", "llegada" -> lleg.  A generic noun
    ("personas", "people") is left out: "pessoas desalojadas" is desaloj."""
    head = _before_complement(counts)
    return {
        term(w, lang or "en")
        for w in re.findall(r"[^\W\d_]{3,}", head)
        if fold(w) not in FUNCTION_WORDS and fold(w) not in GENERIC_NOUNS
    }


_KIND = re.compile(r"[^\W_]*\d[\w-]*|[A-Z]{2,}[\w-]*|[A-Z][^\W\d_]+")


def _kinds(counts: str) -> set[str]:
    """The names and codes that say which kind of thing a figure counts, before the counted
    phrase's complement: "AT-4" and "Javelin" in "AT-4 anti-armor systems", "Javelin anti-armor
    systems".  Figures of other kinds, or of a kind and of all, are other claims: 2,000
    Javelin, 1,000 light anti-armor weapons and 6,000 AT-4 make 9,000 anti-armor systems."""
    return {fold(m.group()) for m in _KIND.finditer(_before_complement(counts))}


def _before_complement(counts: str) -> str:
    """A counted phrase before its complement: "detentos da unidade" -> " detentos"."""
    return _COMPLEMENT.split(f" {counts} ", maxsplit=1)[0]


_COMPLEMENT = re.compile(r"\s(?:of|de|do|da|dos|das|del|em|in|en|para|for)\s")


CLAIM_WORDS = 4  # content words of the clause after a figure that say what is claimed


# Where what a figure is compared with starts: "respecto al año anterior", "than in 2019".
_COMPARISON = re.compile(
    r"\b(?:respecto|frente\s+a|en\s+comparaci[oó]n|compared|than|em\s+rela[cç][aã]o|comparad[oa]s?|versus|vs\.?)\b",
    re.IGNORECASE,
)


def _claim(figure: Figure) -> set[str]:
    """What a figure claims, as stems: what it counts and the first content words after it in
    its clause ("pessoas desalojadas", "pessoas em abrigos"; "of those detained had no
    criminal record")."""
    text = figure.sentence
    end = figure.end - (figure.paragraph_start or 0)
    after = _CLAUSE_END.split(re.sub(r"^\s*\([^)]*\)", "", text[end : end + 160]), maxsplit=1)[0]
    after = re.split(r"\d|\s(?:and|y|e)\s", after, maxsplit=1)[0]  # the next figure's words are its own
    after = _COMPARISON.split(after, maxsplit=1)[0]  # "un 5% respecto al año anterior": what it is compared with
    content = [
        fold(w)[:5]
        for w in re.findall(r"[^\W\d_]{3,}", after)
        if w[0].islower() and fold(w) not in FUNCTION_WORDS and fold(w) not in _WINDOW_STOP
    ]
    return _stems(figure.counts) | set(content[:CLAIM_WORDS])


def _window(figure: Figure) -> list[tuple[str, str]]:
    """The words of a figure's clause, before and after it, as (5-letter key, word):
    "criminal record" and "criminal records" meet on their first letters."""
    text = figure.sentence
    at = figure.start - (figure.paragraph_start or 0)
    end = at + (figure.end - figure.start)
    before = _CLAUSE_END.split(text[max(0, at - 120) : at])[-1]
    after = _CLAUSE_END.split(re.sub(r"^\s*\([^)]*\)", "", text[end : end + 160]), maxsplit=1)[0]
    after = _COMPARISON.split(after, maxsplit=1)[0]
    found = re.findall(r"[^\W\d_]+", before + " " + after)
    # Names are left out: they say who, not what ("United States" is in every other sentence).
    return [(fold(w)[:5], fold(w)) for w in found if len(w) > 2 and w[0].islower() and fold(w) not in _WINDOW_STOP]


def _negated(figure: Figure) -> bool:
    text = figure.sentence
    at = figure.start - (figure.paragraph_start or 0)
    clause = _CLAUSE_END.split(text[at : at + 160], maxsplit=1)[0]
    negation = _NEGATION[figure.lang if figure.lang in _NEGATION else ""]
    return any(fold(w) in negation for w in re.findall(r"[^\W\d_]+", clause))


# Where the claim about a figure ends: a comma, a dash, "but", "while", "and that".
_CLAUSE_END = re.compile(r"[,;:—–]|\s(?:but|while|whereas|although|and that|pero|mientras|mas|enquanto)\s")


CLAIM_OVERLAP = 0.34  # share of the claims' stems two figures have in common (Jaccard)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MAX_DAYS = 14  # documents further apart tell a tally of another moment (unless only rounded)
ROUNDING = 0.05  # "3,4 millones" for 3.442.770
MAX_RATIO = 1.7  # two counts of one claim differ by less (the tune gold's widest: 1.67, "agentes mantidos")


_WHOLE_BEFORE = re.compile(
    r"(?:\btotal(?:\s+de|\s+of)?|\bof\s+(?:the|all|all\s+the)|\bdos|\bdas|\bde\s+(?:los|las|todos|todas))\s+$", re.I
)


def _day(iso: str) -> int:
    """A document's date as a day number, 0 when it has none."""
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return 0


def _is_whole(figure: Figure) -> bool:
    """A figure told as the whole of another one before it in its sentence ("380 of the 497
    municipalities", "86,12% do total de 497 municípios")."""
    at = figure.start - (figure.paragraph_start or 0)
    before = figure.sentence[:at]
    return bool(_WHOLE_BEFORE.search(before[-24:])) and bool(re.search(r"\d|%", before))


def _names_in(sentence: str) -> set[str]:
    """The names of a figure's sentence, folded: where and whose the claim is ("In the United
    States", "worldwide"); a capitalised word alone at the start of a sentence or heading
    ("Há", "Foram", "BALANÇO") is not one."""
    return {
        fold(n.text)
        for n in name_spans(sentence)
        if " " in n.text or (n.text.isupper() and len(n.text) <= 5) or not _is_sentence_start(sentence, n.start)
    }


def _names_around(figure: Figure) -> set[str]:
    """The names in a figure's clause, folded: where and whose the claim is ("in Italy")."""
    text = figure.sentence
    at = figure.start - (figure.paragraph_start or 0)
    end = at + (figure.end - figure.start)
    before = _CLAUSE_END.split(text[max(0, at - 120) : at])[-1]
    after = _CLAUSE_END.split(text[end : end + 160], maxsplit=1)[0]
    return {fold(n.text) for part in (before, after) for n in name_spans(part)}


_Dates = list[tuple[int, int, str, str, bool, bool]]  # timeline.find_dates'
_Places = list[tuple[int, int, set[str]]]  # _places'
_Sentence = tuple[tuple[_Dates, _Dates], _Places]


class _Read:
    """What grouping reads of a figure: what it counts and claims at once, when and where it
    is of and how finely it is written when a pair first needs them (most figures are in no
    pair).  ``sentences`` keeps the dates and places of the sentences read: many figures share one."""

    def __init__(self, figure: Figure, date: str, sentences: dict[tuple[str, str, str], _Sentence]) -> None:
        self.figure = figure
        self.date = date
        self.sentences = sentences
        self.counted = _head(figure.counts, figure.lang)  # the stems of the noun it counts (GENERIC_NOUNS left out)
        self.generic = _generic(figure.counts)  # it counts people and says not which ("45.237 pessoas")
        self.claim = _claim(figure)  # what it counts and the words after it in its clause, as 5-letter keys
        self.noun = _stems(figure.counts)  # ... what it counts alone
        self.kinds = _kinds(figure.counts)  # the names and codes of a kind in it ("AT-4", "Javelin")
        self.window = _window(figure)  # the words of its clause, as (5-letter key, word)
        self.bag = Counter(key for key, _ in self.window)
        self.negated = _negated(figure)
        self.whole = _is_whole(figure)
        self.day = _day(date)  # its document's date as a day number, 0 when unknown
        self.names: set[str] | None = None  # its sentence's names, read when first needed
        self.sharing = 1  # the figures of the case with its value, unit and measure (set by ``_grouped``)
        self.kind = (figure.unit, _currency_of(figure) if figure.unit == "money" else figure.measure)

    @cached_property
    def digits(self) -> int:
        """Its significant digits as written: 3 for "R$ 448 milhões", 2 for "29.000", 1 for "300"."""
        return _significant(self.figure)

    @cached_property
    def bounds(self) -> tuple[float, float]:
        """The values it may stand for as it is written (``_bounds``)."""
        return _bounds(self.figure)

    @cached_property
    def _sentence(self) -> tuple[_Dates, _Places, int, int, _Dates]:
        """Its sentence's dates and places, and where its clause starts and ends."""
        figure = self.figure
        key = (figure.sentence, self.date, figure.lang)
        known = self.sentences.get(key)
        if known is None:
            known = self.sentences[key] = (
                _dates(figure.sentence, self.date, figure.lang),
                _places(figure.sentence, figure.lang),
            )
        at = figure.start - (figure.paragraph_start or 0)
        end = at + (figure.end - figure.start)
        before, after = _clause_of(figure)
        own = [d for d in known[0][0] if not (d[0] < end and at < d[1])]  # (not the figure itself)
        return own, known[1], at - len(before), end + len(after), known[0][1]

    @cached_property
    def compared(self) -> set[str]:
        """The years its clause compares it with, written out ("más que en 2022"; not "than
        last year", read against the document's date and not the year spoken of)."""
        _, _, low, high, compared = self._sentence
        return {iso[:4] for start, end, iso, _, _, relative in compared if low <= start < end <= high and not relative}

    @cached_property
    def when(self) -> tuple[set[str], set[str]]:
        """The years and months ("2024-05") its clause speaks of ("en 2023", "last year", "este
        mes", "in March"), read against its document's date; a date it is compared with is
        not its own ("respecto a 2023")."""
        dates, _, low, high, _ = self._sentence
        return _periods([d for d in dates if low <= d[0] and d[1] <= high])

    @cached_property
    def when_around(self) -> tuple[set[str], set[str]]:
        """... its clause's, or else its sentence's ("Last year, …")."""
        if self.when[0]:
            return self.when
        return _periods(self._sentence[0])

    @cached_property
    def places(self) -> set[str]:
        """The places its clause puts it in ("in Mariupol", "en Canarias"), folded words."""
        _, places, low, high, _ = self._sentence
        return {w for s, e, found in places if low <= s and e <= high for w in found}

    @cached_property
    def places_around(self) -> set[str]:
        """... its sentence puts it in."""
        return {w for _, _, found in self._sentence[1] for w in found}


def _apart(a: _Read, b: _Read, words_only: bool = False) -> str:
    """Why two figures are not one claim ("" when they may be): one unit and measure, other
    paragraphs, the same thing counted at the same time and place, said the same way.  Figures
    that agree (``told_alike``) need less to join than figures that would be flagged.  (What
    is read of the words first, the times and places last: most pairs part before them.)"""
    fa, fb = a.figure, b.figure
    if a.kind != b.kind:
        return "unit"
    if fa.n == fb.n and fa.doc_id == fb.doc_id:
        return "paragraph"
    low, high = abs(fa.value), abs(fb.value)
    if low > high:
        low, high = high, low
    if high > MAX_RATIO * low:
        return "ratio"
    if a.negated != b.negated:
        return "negation"  # said the other way: "had no criminal record", "had criminal charges"
    equal = math.isclose(fa.value, fb.value, rel_tol=1e-9)
    if a.whole != b.whole and not equal:
        return "whole"  # "380 of the 497 municipalities": the whole is not a part (but is "497 municípios")
    rounded = high - low <= ROUNDING * high
    if fa.unit == "count" and a.day and b.day and abs(a.day - b.day) > MAX_DAYS and not rounded:
        return "days"  # a tally weeks apart, more than rounded: updated, not told otherwise (shares stay)
    counted = a.counted & b.counted
    # Other nouns counted: "dois detentos", "cinco unidades" (not "163.220 peticiones" and "163.220
    # solicitudes": a value of four digits and more is not met by chance).
    synonyms = equal and _rare(a, b, SYNONYM_DIGITS)
    if fa.unit == "count" and a.counted and b.counted and not counted and not synonyms:
        return "counted"
    alike = equal or _agree(a.bounds, b.bounds)
    if fa.doc_id == fb.doc_id and not alike:
        return "document"  # a document's other figure of the same noun is another claim ("três medidas", "duas")
    if not alike:
        if a.kinds != b.kinds:
            return "kind"  # "6,000 AT-4 anti-armor systems" are some of "9,000 anti-armor systems"
        shared = a.claim & b.claim
        if fa.inferred or fb.inferred:
            return "inferred"  # told differently only of what is said beside both figures, not read from afar
        if fa.unit != "percent" and not counted and not ((a.generic or b.generic) and len(shared) >= 2):
            return "uncounted"  # ... and of one noun counted by both ("six months" of what?), or of
            # people and the words after them ("45.237 pessoas em abrigos", "47.676 pessoas em abrigos")
        if (fa.unit == "money" or fa.measure) and high > (1 + ROUNDING) * low:
            return "tranche"  # sums and spans that differ are other tranches and periods ("$800m", "$1bn")
        if fa.unit == "percent":  # a share may name its whole differently ("those detained", "the people sent"),
            # and says what of it in two words in common ("had no criminal record"), not only its whole
            if len(shared - a.noun - b.noun) < 2:
                return "claim"
        elif not shared or len(shared) < CLAIM_OVERLAP * len(a.claim | b.claim):
            return "claim"
    return "" if words_only else _apart_in_time_or_place(a, b, alike)


def _apart_in_time_or_place(a: _Read, b: _Read, alike: bool) -> str:
    """``_apart``'s reasons read from the figures' dates, places and names (read when a pair
    first needs them: most pairs part before)."""
    # Figures that agree are kept apart by the times and places of their own clauses only (a
    # date elsewhere in the sentence more often dates the telling: "On December 18, the House
    # passed two articles"); figures that differ by their sentences' too.
    (years_a, months_a), (years_b, months_b) = (a.when, b.when) if alike else (a.when_around, b.when_around)
    if years_a and years_b and not years_a & years_b:
        return "year"  # of other years: "en 2023", "en 2024"; "last year", "this year"
    if months_a and months_b and not months_a & months_b:
        return "month"  # "this month", "in March"
    if a.compared and b.compared and not a.compared & b.compared:
        return "baseline"  # "un 2,5% más que en 2022", "un 2,5% mayor que en 2023": other changes
    places_a, places_b = (a.places, b.places) if alike else (a.places_around, b.places_around)
    if places_a and places_b and not places_a & places_b:
        return "place"  # "in Mariupol", "in Ukraine"
    if alike:
        return ""  # the same value of one unit: how alike their words are decides (``_needed``)
    # Values that differ are one claim told differently only when sure: a time or place one of
    # them is said of in its clause ("300 in Mariupol", "en 2023") is said of the other too.
    if (a.when[0] and not b.when_around[0]) or (b.when[0] and not a.when_around[0]):
        return "year unsaid"
    if (a.places and not b.places_around) or (b.places and not a.places_around):
        return "place unsaid"
    first, second = _names(a), _names(b)
    if first and second and not first & second:
        return "names"  # of other places and people ("in Italy")
    return ""


def _needed(a: _Read, b: _Read) -> float:
    """How alike the words around two figures ``_apart`` lets be one claim must be (tf-idf
    cosine): none for a value a document repeats of one noun ("cinco reglamentos" in four
    paragraphs); little for a value of a noun or words in common that few figures have by
    chance ("29.000 personas", "R$ 300 bilhões"); else SIMILAR."""
    fa, fb = a.figure, b.figure
    if not (math.isclose(fa.value, fb.value, rel_tol=1e-9) or _agree(a.bounds, b.bounds)):
        return SIMILAR
    counted = a.counted & b.counted
    equal = math.isclose(fa.value, fb.value, rel_tol=1e-9)
    if fa.doc_id == fb.doc_id and not equal:
        return SIMILAR  # a document rounding its own figure: "cerca de 1.900 plazas" now, "menos de 2.000" then
    if fa.doc_id == fb.doc_id and counted:
        return 0.0
    if equal and _rare(a, b, RARE_DIGITS):
        return 0.0  # "R$ 448 milhões", "1.178.226": a value of three significant digits is not met by chance
    shared = a.claim & b.claim
    if a.generic != b.generic and (a.counted or b.counted):
        shared = shared if len(shared) >= 2 else set()  # "1,000 people" (infected), "1,000 deaths"
    said_alike = counted or shared or not (fa.counts and fb.counts)
    if _specific(fa) and said_alike and max(a.sharing, b.sharing) <= RARE_SHARING:
        return SIMILAR_ALIKE
    if counted:
        return SIMILAR_COUNTED
    return SIMILAR if counted or shared else SIMILAR_UNSAID  # (a noun said by one only is not enough here)


_SIGNS = {"R$": "real", "US$": "dollar", "U$S": "dollar", "$": "dollar", "€": "euro", "£": "pound", "₽": "ruble"}


def _currency_of(figure: Figure) -> str:
    """A sum's currency, written as a word or a sign: "137 milhões de reais" and "R$ 137
    milhões" are both in reais ("A$", "C$": their own)."""
    if figure.measure:
        return figure.measure
    at = figure.start - (figure.paragraph_start or 0)
    sign = re.match(r"(?:[A-Z]{1,2}\$|U\$S|\$|€|£|¥|₽)", figure.sentence[at : at + 4])
    return _SIGNS.get(sign.group(), sign.group()) if sign else ""


def _rare(a: _Read, b: _Read, digits: int) -> bool:
    """Two figures of one value that chance does not give: of ``digits`` significant digits and
    more, and a value few figures of the case have (in a large case, or a table, any
    three-digit value comes back by chance)."""
    return max(a.sharing, b.sharing) <= RARE_SHARING and min(a.digits, b.digits) >= digits


def _names(read: _Read) -> set[str]:
    if read.names is None:
        read.names = _names_in(read.figure.sentence)
    return read.names


# A place a figure is of: "in Mariupol", "en Canarias", "no Rio Grande do Sul", "across Ukraine".
_ARTICLE = r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|o\s+|a\s+|os\s+|as\s+)?"
_PLACE_NAME = r"[A-ZÀ-Þ][\w’'-]*(?:\s+(?:de\s+|do\s+|da\s+|del\s+|of\s+)?[A-ZÀ-Þ][\w’'-]*)*"
_PLACE_BEFORE = {
    "en": "in|at|across|throughout|inside",
    "es": "en",
    "pt": "em|no|na|nos|nas",
    "": "in|at|across|throughout|inside|en|em|na|nos|nas",  # not "no": English "No Venezuelans"
}
_PLACE = {
    lang: re.compile(
        rf"\b(?i:{before})\s+{_ARTICLE}(?P<place>{_PLACE_NAME}"
        rf"(?:\s*(?:,|\band\b|\bor\b|\by\b|\bo\b|\be\b|\bou\b)\s*(?:(?i:{before})\s+)?{_ARTICLE}{_PLACE_NAME})*)"
    )
    for lang, before in _PLACE_BEFORE.items()
}
_MONTH_OR_DAY = re.compile(
    rf"^(?:{MONTH_PATTERN}|{'|'.join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))})\b",
    re.IGNORECASE,
)


_PLACE_JOINERS = set(words("of de do da dos das del and or y o e ou in en em the el la los las os as a"))


def _places(sentence: str, lang: str = "") -> list[tuple[int, int, set[str]]]:
    """The places a sentence puts things in, as (start, end, folded words): "in Mariupol" ->
    mariupol; months and weekdays are no places ("in March")."""
    found = []
    for match in _PLACE[lang if lang in _PLACE else ""].finditer(sentence):
        place = match.group("place")
        if _MONTH_OR_DAY.match(place):
            continue
        words_ = {fold(w) for w in re.findall(r"[^\W\d_]+", place) if fold(w) not in _PLACE_JOINERS}
        found.append((match.start(), match.end(), words_))
    return found


# A date a figure is compared with, not of: "un 5% respecto al año anterior", "than in 2019".
_COMPARED_WITH = re.compile(
    r"\b(?:respecto|frente\s+(?:a|al)|en\s+comparaci[oó]n|compared|than|em\s+rela[cç][aã]o|comparad[oa]s?|ante|"
    r"versus|vs\.?|(?:m[aá]s|menos|mais|mayor|menor|maior)\s+(?:que|do\s+que|de\s+lo\s+que)|"
    r"(?:superior|inferior)\s+(?:a|al|ao|à))\b[^,;:.]{0,30}$",
    re.IGNORECASE,
)


def _dates(text: str, date: str, lang: str) -> tuple[_Dates, _Dates]:
    """The dates of ``text`` (``timeline.find_dates``): those a figure may be of, and those it
    is compared with ("un 2,5% más que en 2022", "respecto a 2023")."""
    own: _Dates = []
    compared: _Dates = []
    for d in find_dates(text, date, lang):
        (compared if _COMPARED_WITH.search(text, max(0, d[0] - 40), d[0]) else own).append(d)
    return own, compared


def _clause_of(figure: Figure) -> tuple[str, str]:
    """The words of a figure's clause before and after it."""
    text = figure.sentence
    at = figure.start - (figure.paragraph_start or 0)
    end = at + (figure.end - figure.start)
    return _CLAUSE_END.split(text[max(0, at - 120) : at])[-1], _CLAUSE_END.split(text[end : end + 160], maxsplit=1)[0]


def _periods(found: list[tuple[int, int, str, str, bool, bool]]) -> tuple[set[str], set[str]]:
    years = {iso[:4] for _, _, iso, _, _, _ in found}
    months = {iso[:7] for _, _, iso, precision, _, _ in found if precision in ("day", "month")}
    return years, months


# Words before a figure that say how it approximates the value: about it, just below it, above
# it or below it ("cerca de 65.000", "almost 16 billion", "mais de 46 mil", "menos de 2.000").
_APPROXIMATORS_BEFORE = {
    "about": r"about|around|approximately|roughly|some|an\s+estimated|estimated|cerca\s+de|alrededor\s+de|"
    r"aproximadamente|unos|unas|en\s+torno\s+a|del\s+orden\s+de|por\s+volta\s+de|em\s+torno\s+de|da\s+ordem\s+de",
    "almost": r"almost|nearly|close\s+to|casi|quase|perto\s+de|pr[oó]xim[oa]s?\s+(?:a|de)",
    "above": r"more\s+than|over|above|upwards\s+of|at\s+least|m[aá]s\s+de|mais\s+de|superior\s+a|"
    r"por\s+encima\s+de|acima\s+de|pelo\s+menos|al\s+menos|por\s+lo\s+menos",
    "below": r"less\s+than|fewer\s+than|under|below|up\s+to|menos\s+de|hasta|at[eé]|inferior\s+a|no\s+more\s+than",
}
_APPROXIMATED = re.compile(
    "|".join(rf"(?P<{how}>\b(?:{words_}))" for how, words_ in _APPROXIMATORS_BEFORE.items())
    + r"(?:\s+(?:the|los|las|el|la|os|as|o|a|um|uma|un|una))?\s+(?:(?:US|R|A|C)?\$|€|£)?\s*$",
    re.IGNORECASE,
)
ROUND_ZEROS = 3  # a number ending in three zeros or more is a round one, written to its last other digit ("32.000")


def _bounds(figure: Figure) -> tuple[float, float]:
    """The values a figure may stand for as it is written: 3.442.770 for "3.442.770",
    3.35–3.45 million for "3,4 millones", 15–16 billion for "almost 16 billion", 46,000–47,000
    for "mais de 46 mil", 31,500–32,500 for "en torno a 32.000".  A round number said
    approximately, with a scale word or with three zeros and more ("about 300", "130 mil",
    "32.000") is written to its last digit that is not zero."""
    at = figure.start - (figure.paragraph_start or 0)
    written = figure.sentence[at : at + (figure.end - figure.start)]
    digits = re.search(r"\d+(?:[.,]\d+)*", written)
    mantissa = _value(digits.group(), figure.lang) if digits else None
    if not mantissa:
        mantissa = figure.value  # in words: "three million", "seventy-five"
        scale = 1.0
        scaled = abs(mantissa) >= 1000
    else:
        scale = abs(figure.value / mantissa) if figure.unit != "percent" else 1.0
        scaled = scale > 1
    decimals = next((k for k in range(5) if abs(mantissa * 10**k - round(mantissa * 10**k)) < 1e-6), 5)
    step = 10.0**-decimals * scale
    approximated = _APPROXIMATED.search(figure.sentence[max(0, at - 30) : at])
    if decimals == 0:
        whole, zeros = round(abs(mantissa)), 0
        while whole and whole % 10 == 0:
            whole //= 10
            zeros += 1
        if scaled or approximated or zeros >= ROUND_ZEROS:
            step *= 10.0**zeros
    value = figure.value
    how = approximated.lastgroup if approximated else ""
    if how == "almost" or how == "below":
        return value - step, value
    if how == "above":
        return value, value + step
    return value - step / 2, value + step / 2


def _significant(figure: Figure) -> int:
    """The significant digits of a figure as written (``_Read.digits``); a number in words has
    those of its value."""
    at = figure.start - (figure.paragraph_start or 0)
    written = figure.sentence[at : at + (figure.end - figure.start)]
    digits = re.search(r"\d+(?:[.,]\d+)*", written)
    shown = re.sub(r"\D", "", digits.group()) if digits else f"{abs(figure.value):.0f}"
    return len(shown.strip("0")) or 1


def told_alike(a: Figure, b: Figure) -> bool:
    """Two figures of one claim that agree: values one may stand for as the other is written
    (``_bounds``: "3,4 millones" for 3.442.770, "almost 16 billion" for 15.75 billion, "mais de
    46 mil" for 46.012); "$13.6 billion" and "$13.9 billion" differ, and "casi 30 mil" and
    32.142, and 238.404 and 237.286."""
    return _agree(_bounds(a), _bounds(b))


def _agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Values that agree: what each may stand for meets (``told_alike``)."""
    slack = 1e-9 * max(abs(a[1]), abs(b[1]), 1.0)  # (two and three: 1.5–2.5 and 2.5–3.5 do not meet)
    return a[0] < b[1] - slack and b[0] < a[1] - slack


def group_figures(figures: list[Figure], dates: Mapping[str, str] | None = None) -> list[FigureGroup]:
    """Figures that count the same thing, across paragraphs: linked when they are of one unit
    and measure, count the same thing at the same time and place, neither is negated alone
    and the words around them are alike; strongest links first, one figure of a paragraph in
    a group; groups of two or more figures, those that disagree first, then most outlets
    first.  ``dates`` (a document's ISO date by its id) reads "last year" and keeps apart
    counts of other moments: weeks apart and more than a rounding."""
    kept = [f for f in figures if f.counts or f.unit != "count" or f.measure or _specific(f)]
    sentences: dict[tuple[str, str, str], _Sentence] = {}
    reads = [_Read(f, (dates or {}).get(f.doc_id, ""), sentences) for f in kept]
    return _grouped(reads)


def _specific(figure: Figure) -> bool:
    """A value two figures seldom share by chance: a sum, a count of 100 and more, or one of
    three significant digits ("R$ 300 bilhões", "29.000", "23,5%"; not "two", "cinco", "20",
    "2,5%")."""
    return figure.unit == "money" or abs(figure.value) >= 100 or _significant(figure) >= 3


def _tfidf(reads: list[_Read], df: Counter[str]) -> list[dict[str, float]]:
    total = max(1, len(reads))
    vectors = []
    for r in reads:
        vector = {t: (1 + math.log(c)) * math.log(1 + total / df[t]) for t, c in r.bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def _similarity(x: dict[str, float], y: dict[str, float]) -> float:
    return sum(v * y.get(t, 0.0) for t, v in x.items())


def _grouped(reads: list[_Read]) -> list[FigureGroup]:
    kept = [r.figure for r in reads]
    df: Counter[str] = Counter()  # the figures whose clause has each word
    for r in reads:
        df.update(set(r.bag))
    vectors = _tfidf(reads, df)
    sharing = Counter((r.kind, f"{r.figure.value:.6g}") for r in reads)
    for r in reads:
        r.sharing = sharing[(r.kind, f"{r.figure.value:.6g}")]
    # Candidate pairs: figures of one unit and measure sharing a counted stem (shares: a word
    # of their clauses that few figures have).
    buckets: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(kept):
        keys = reads[i].claim if f.unit != "percent" else {t for t in reads[i].bag if df[t] <= 30}
        if _specific(f):  # and a value few figures have by chance ("2.9 million", "2.9 million people")
            keys = keys | {f"={f.value:.4g}"}
        for key in sorted(keys):  # (sets: in the same order whatever the run's hash seed)
            buckets.setdefault((*reads[i].kind, key), []).append(i)

    def compatible(i: int, j: int) -> bool:
        return not _apart(reads[i], reads[j])

    def reads_agree(i: int, j: int) -> bool:
        return math.isclose(kept[i].value, kept[j].value, rel_tol=1e-9) or _agree(reads[i].bounds, reads[j].bounds)

    def similar(i: int, j: int) -> bool:
        return _similarity(vectors[i], vectors[j]) >= SIMILAR

    edges: dict[tuple[int, int], float] = {}
    tried: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > BUCKET_MAX:
            continue  # a word too many figures have links nothing (their rarer words may)
        # By size: a figure is tried only with those less than MAX_RATIO times it (``_apart``).
        members = sorted(members, key=lambda m: abs(kept[m].value))
        for x, first in enumerate(members):
            most = MAX_RATIO * abs(kept[first].value)
            for second in members[x + 1 :]:
                if abs(kept[second].value) > most:
                    break
                i, j = min(first, second), max(first, second)
                if (i, j) in tried:
                    continue
                tried.add((i, j))
                if _apart(reads[i], reads[j], words_only=True):
                    continue  # (their times and places are read below, for the links strong enough)
                edges[(i, j)] = _similarity(vectors[i], vectors[j])
    parent = list(range(len(kept)))
    members_of: list[list[int]] = [[i] for i in range(len(kept))]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), score in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if score < _needed(reads[i], reads[j]):
            continue
        a, b = root(i), root(j)
        if a == b or len(members_of[a]) + len(members_of[b]) > MAX_GROUP:
            continue
        # Every two figures of a group may be one claim: no chain of look-alikes; and two that
        # differ (a ⚠) stand in sentences as alike as a link needs, not only through a third.
        if not all(
            (compatible(x, y) if x < y else compatible(y, x)) and (reads_agree(x, y) or similar(x, y))
            for x in members_of[a]
            for y in members_of[b]
        ):
            continue
        parent[b] = a
        members_of[a] += members_of[b]
    clusters: dict[int, list[int]] = {}
    for i in range(len(kept)):
        clusters.setdefault(root(i), []).append(i)
    surface: dict[str, Counter[str]] = {}
    for r in reads:
        for key, word in r.window:
            if key not in surface:
                surface[key] = Counter()
            surface[key][word] += 1
    groups = []
    for cluster in clusters.values():
        grouped = [kept[i] for i in cluster]
        if len(grouped) < 2:
            continue
        weight: Counter[str] = Counter()
        present: Counter[str] = Counter()
        for i in cluster:
            weight.update(vectors[i])
            present.update(set(vectors[i]))
        about = [surface[t].most_common(1)[0][0] for t, _ in weight.most_common() if present[t] >= 2][:3]
        common = Counter(fold(f.counts) for f in grouped if f.counts).most_common(1)
        label = ", ".join(about)
        if common and common[0][0] and not any(common[0][0].startswith(w) for w in about):
            label = common[0][0] + (" — " + label if label else "")
        groups.append(FigureGroup(label, grouped))
    # Disagreements first (the point of the view), then the claims most outlets and figures tell.
    groups.sort(
        key=lambda g: (not g.disagreement, -len(g.outlets), -len(g.figures), g.figures[0].doc_id, g.figures[0].n)
    )
    return groups
