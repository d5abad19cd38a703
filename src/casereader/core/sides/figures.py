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
and measure, in different paragraphs, count the same thing (their counted words share a
stem; shares may count a population named differently: "75% of those detained", "90
percent of the people sent"), say it the same way (no negation in one only: "had no
criminal record" is not "had criminal charges") and stand in alike sentences (tf-idf cosine
of their clauses' words).  A group holds one figure of a paragraph at most; it disagrees
when its values differ.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from text_to_num import find_numbers

from ..ingest.dates import WEEKDAYS, month_pattern
from ..text.analysis import fold
from .text import FUNCTION_WORDS, REPORTING_VERBS, SCALE_WORDS, name_spans, sentence_at, words

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
_FRACTION = re.compile(r"\s+(thirds?|quarters?|fifths?|tercios|terços|tercos|cuartos|quartos)\b", re.IGNORECASE)
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
        """Different values of one claim (a group holds figures of one unit and measure)."""
        return any(not same_value(a.value, b.value) for i, a in enumerate(self.figures) for b in self.figures[i + 1 :])


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
    if _IDENTIFIER_BEFORE.search(before):
        return True
    if _WEEKDAY_BEFORE.search(before):
        return True  # "quinta-feira (15)", "quarta-feira, dia 8"
    if _CLOCK_AFTER.match(after) or (_TIME_BEFORE.search(before) and _TIME_AFTER.match(after)):
        return True  # "16h05", "às 16 horas", "0800 UTC"
    if re.search(r"\b(?:dia|día)\s+$", before, re.IGNORECASE) and not re.match(r"\s+[a-zà-ÿ]{3,}", after):
        return True
    if _STREET.match(after) or _STREET_BEFORE.search(before):
        return True
    # Part of a name: "Nord Stream 2", "Operação Taquari 2", "OPE 25" (not "Russia's 150,000").
    name = re.search(r"([A-ZÀ-Þ][\w’'-]*)\s$", before)
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
    match = _ATTRIBUTION.search(sentence)
    if match:
        return match.group("who").removeprefix("the ").strip(" .,")
    verbs = list(_REPORTING.finditer(sentence))
    if not verbs:
        return ""
    before = [v for v in verbs if v.start() < at]
    verb = before[-1] if before else verbs[0]
    names = [n for n in name_spans(sentence) if n.end <= verb.start() and verb.start() - n.end <= 60]
    return names[-1].text if names else ""


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


def _stems(text: str) -> set[str]:
    return {fold(w)[:5] for w in re.findall(r"[^\W\d_]{3,}", text) if fold(w) not in FUNCTION_WORDS}


def _head(counts: str) -> set[str]:
    """The stems of a counted phrase's noun, before its complement: "detentos da unidade" ->
    detentos; "Venezuelan migrants" -> both words (the noun is first or last by language)."""
    head = re.split(r"\s(?:of|de|do|da|dos|das|del|em|in|en|para|for)\s", f" {counts} ", maxsplit=1)[0]
    return _stems(head)


CLAIM_WORDS = 4  # content words of the clause after a figure that say what is claimed


def _claim(figure: Figure) -> set[str]:
    """What a figure claims, as stems: what it counts and the first content words after it in
    its clause ("pessoas desalojadas", "pessoas em abrigos"; "of those detained had no
    criminal record")."""
    text = figure.sentence
    end = figure.end - (figure.paragraph_start or 0)
    after = _CLAUSE_END.split(re.sub(r"^\s*\([^)]*\)", "", text[end : end + 160]), maxsplit=1)[0]
    after = re.split(r"\d|\s(?:and|y|e)\s", after, maxsplit=1)[0]  # the next figure's words are its own
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


def _linkable(a: Figure, b: Figure, stems_a: set[str], stems_b: set[str], counted: tuple[set[str], set[str]]) -> bool:
    """Whether two figures may be one claim: one unit and measure, other paragraphs, the same
    thing counted; in one document only when the value is repeated; values not far apart."""
    if a.unit != b.unit or a.measure != b.measure or (a.doc_id, a.n) == (b.doc_id, b.n):
        return False
    if a.doc_id == b.doc_id and not same_value(a.value, b.value):
        return False  # a document's other figure of the same noun is another claim ("três medidas", "duas")
    low, high = sorted((abs(a.value), abs(b.value)))
    if high > MAX_RATIO * low:
        return False
    if a.unit == "count" and all(counted) and not counted[0] & counted[1]:
        return False  # other nouns counted: "dois detentos", "cinco unidades"
    if not same_value(a.value, b.value):
        if a.inferred or b.inferred:
            return False  # told differently only of what is said beside both figures, not read from afar
        if a.unit != "percent" and not counted[0] & counted[1]:
            return False  # ... and of one noun counted by both ("six months" of what?)
        if (a.unit == "money" or a.measure) and high > (1 + ROUNDING) * low:
            return False  # sums and spans that differ are other tranches and periods ("$800m", "$1bn"), not a rounding
    shared = stems_a & stems_b
    if a.unit == "percent":  # a share may name its whole differently ("those detained", "the people sent")
        return len(shared) >= 2
    return bool(shared) and len(shared) >= CLAIM_OVERLAP * len(stems_a | stems_b)


class Traits(NamedTuple):
    """What grouping reads from one figure's own sentence (``figure_traits``)."""

    window: list[tuple[str, str]]
    claim: set[str]
    counted: set[str]
    negated: bool
    whole: bool
    years: set[str]


def figure_traits(figure: Figure) -> Traits:
    """One figure's words as ``group_figures`` compares them: computed where the figure is
    found (by the processes that read the documents) and given to it, or by it."""
    return Traits(
        _window(figure),
        _claim(figure),
        _head(figure.counts),
        _negated(figure),
        _is_whole(figure),
        set(_YEAR.findall(figure.sentence)),
    )


def group_figures(
    figures: list[Figure], dates: Mapping[str, str] | None = None, traits: Sequence[Traits] | None = None
) -> list[FigureGroup]:
    """Figures that count the same thing, across paragraphs: linked when they are of one unit
    and measure, count the same thing, neither is negated alone and the words around them
    are alike; strongest links first, one figure of a paragraph in a group; groups of two or
    more figures, most outlets first.  ``dates`` (a document's ISO date by its id) keeps
    apart counts of other moments: weeks apart and more than a rounding.  ``traits``: each
    figure's ``figure_traits``, when already known."""
    chosen = [i for i, f in enumerate(figures) if f.counts or f.unit == "percent"]
    kept = [figures[i] for i in chosen]
    read = [traits[i] for i in chosen] if traits is not None else [figure_traits(f) for f in kept]
    windows = [t.window for t in read]
    stems = [t.claim for t in read]
    counted = [t.counted for t in read]
    negated = [t.negated for t in read]
    bags = [Counter(key for key, _ in w) for w in windows]
    surface: dict[str, Counter[str]] = {}
    for window in windows:
        for key, word in window:
            surface.setdefault(key, Counter())[word] += 1
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    total = max(1, len(bags))
    vectors = []
    for bag in bags:
        vector = {t: (1 + math.log(c)) * math.log(1 + total / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    # Candidate pairs: figures of one unit and measure sharing a counted stem (shares: a word
    # of their clauses that few figures have).
    buckets: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(kept):
        keys = stems[i] if f.unit != "percent" else {t for t in bags[i] if df[t] <= 30}
        for key in keys:
            buckets.setdefault((f.unit, f.measure, key), []).append(i)
    known: dict[str, set[str]] = {}  # a sentence's names, found when a pair first needs them

    def names(i: int) -> set[str]:
        sentence = kept[i].sentence
        if sentence not in known:
            known[sentence] = _names_in(sentence)
        return known[sentence]

    years = [t.years for t in read]
    whole = [t.whole for t in read]
    days = [_day((dates or {}).get(f.doc_id, "")) for f in kept]

    def compatible(i: int, j: int) -> bool:
        if negated[i] != negated[j]:
            return False  # said the other way: "had no criminal record", "had criminal charges"
        if years[i] and years[j] and not years[i] & years[j]:
            return False  # of other years: "en 2023", "en 2024"
        if whole[i] != whole[j]:
            return False  # "380 of the 497 municipalities": the whole is not a part
        a, b = days[i], days[j]
        rounded = abs(kept[i].value - kept[j].value) <= ROUNDING * max(abs(kept[i].value), abs(kept[j].value))
        if kept[i].unit == "count" and a and b and abs(a - b) > MAX_DAYS and not rounded:
            return False  # a tally weeks apart, more than rounded: updated, not told otherwise (shares stay)
        if not _linkable(kept[i], kept[j], stems[i], stems[j], (counted[i], counted[j])):
            return False
        first, second = names(i), names(j)
        return not (first and second and not first & second)  # of other places and people ("in Italy")

    edges: dict[tuple[int, int], float] = {}
    tried: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > BUCKET_MAX:
            continue  # a word too many figures have links nothing (their rarer words may)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in tried:
                    continue
                tried.add((i, j))
                if not compatible(i, j):
                    continue
                score = sum(v * vectors[j].get(t, 0.0) for t, v in vectors[i].items())
                edges[(i, j)] = score
    parent = list(range(len(kept)))
    members_of: list[list[int]] = [[i] for i in range(len(kept))]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), score in sorted(edges.items(), key=lambda e: -e[1]):
        if score < SIMILAR:
            break
        a, b = root(i), root(j)
        if a == b or len(members_of[a]) + len(members_of[b]) > MAX_GROUP:
            continue
        # Every two figures of a group may be one claim: no chain of look-alikes.
        if not all(compatible(x, y) if x < y else compatible(y, x) for x in members_of[a] for y in members_of[b]):
            continue
        parent[b] = a
        members_of[a] += members_of[b]
    clusters: dict[int, list[int]] = {}
    for i in range(len(kept)):
        clusters.setdefault(root(i), []).append(i)
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
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.figures), g.figures[0].doc_id, g.figures[0].n))
    return groups
