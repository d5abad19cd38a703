"""Text analysis shared by indexing, querying, highlighting and related passages.

One function, :func:`tokens`, turns text into ``(term, start, end)`` triples: the term is
NFKC-normalised, case-folded, accent-folded and then stemmed for the text's language (folding
comes *before* stemming so that "résumé" and "resume" stem alike), while ``start``/``end``
are character offsets into the original text, so highlights land on the words as written.

Whoosh sees the same analysis through ``whoosh_ext.CaseTokenizer``; the index has one text field
per stemming language (``text_en``, ``text_es``, ``text_pt``, ...) and a query word is
analysed once per language present in the case.  There is no stop list: in news "US" is
the United States and "IT" a sector.

Scripts written without spaces have no words to find: a run of Chinese, Japanese or Korean
characters is indexed as its overlapping pairs of characters ("中华人民" as 中华 华人 人民), as
Lucene's CJKAnalyzer does, and a Thai run the same way (a character with its vowel and tone
marks counting as one); a query's run is paired alike, and searched as a phrase of its pairs.
A character alone is its own term.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any

import Stemmer

#: Languages with a stemmer; any other language is folded but not stemmed ("xx").
STEMMED_LANGUAGES: dict[str, str] = {
    "en": "english",
    "es": "spanish",
    "pt": "portuguese",
    "fr": "french",
    "de": "german",
}
UNSTEMMED = "xx"

#: Words that say nothing about what a passage is about: never a related passage's key term nor
#: a word search's feedback ranks by (``rerank``), and never dropped from the index or a query.
_STOP_TEXT = """
a about after again against all also am an and any are as at be been before being both but
by can could did do does doing during each few for from further had has have having he her
here hers him his how i if in into is it its itself just more most my no nor not now of off
on once only or other our out over own same she should so some such than that the their them
then there these they this those through to too under until up very was we were since yet
even still already well may might must shall what when where which while who whom why will
with would you your said says say told according however also among within without upon per
el la los las un una unos unas de del y o u en por para con sin sobre que se su sus es son
fue ser al lo le les como mas pero este esta estos estas ese esa hay ha han o os um uma uns
umas do da dos das e em no na nos nas por para com sem sobre que se seu sua seus suas foi
ser ao aos como mas este esta isso nao
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@lru_cache(maxsize=16)
def stop_terms(lang: str | None) -> frozenset[str]:
    """The stop words as terms of ``lang``."""
    return frozenset(term(w, lang) for w in STOP_WORDS)


# A word is a run of letters/digits, with inner apostrophes ("don't", "Venezuela's") kept
# together; "%" is a token of its own so "12%" can be found as "percent".
# Acronyms written with dots are one word, found with or without them: "U.S." is "US",
# "EE.UU." is "EEUU", "U.N." is "UN".
# (Written as one word that may continue with ".X." groups: 15% slower to tokenise than
# without acronyms, where a separate alternative for them cost 40%.)
# Thai's vowel and tone marks are not word characters to ``re``: a Thai word holds them.
_WORD = re.compile(
    r"[^\W_]+(?:[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+[^\W_]*)*"
    r"(?:(?:(?<=\b[A-Za-z])|(?<=\b[A-Za-z]{2}))\.(?:[A-Za-z]{1,2}\.)+|(?:['’][^\W_]+)*)|%"
)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})

# Runs written without spaces: Han, kana, Hangul (paired across the three, as Lucene's
# CJKBigramFilter does), and Thai (a base character with the marks above and below it).
_CJK = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_THAI = "\u0e00-\u0e7f"
_UNSPACED = re.compile(f"[{_CJK}]+|[{_THAI}]+")
_UNITS = re.compile(
    f"[{_CJK}]|[\u0e00-\u0e30\u0e32\u0e33\u0e3f-\u0e46\u0e4f-\u0e7f][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+"
)


def language_key(lang: str | None) -> str:
    """The analysis key for a language tag: 'en', 'es', ... or 'xx' when not stemmed."""
    if not lang:
        return "en"
    base = lang.strip().lower().replace("_", "-").split("-")[0]
    return base if base in STEMMED_LANGUAGES else UNSTEMMED


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Compatibility-normalise, case-fold and strip accents: 'Maiquetía' -> 'maiquetia'."""
    text = unicodedata.normalize("NFKC", word).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_APOSTROPHES)


_stemmers: dict[str, Any] = {}


def _stemmer(key: str) -> Any:
    stemmer = _stemmers.get(key)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(STEMMED_LANGUAGES[key], 100_000)
        _stemmers[key] = stemmer
    return stemmer


@lru_cache(maxsize=400_000)
def _term(word: str, key: str) -> str:
    folded = fold(word)
    if folded == "%":
        return "percent"
    if key == "en" and folded.endswith("'s"):
        folded = folded[:-2]
    folded = folded.replace("'", "").replace(".", "")
    if key == UNSTEMMED or not folded:
        return folded
    stem: str = _stemmer(key).stemWord(folded)
    return stem


def term(word: str, lang: str | None = "en") -> str:
    """The index term for one word as written, in the given language."""
    return _term(word, language_key(lang))


def _paired(run: str, at: int) -> Iterator[tuple[str, int, int]]:
    """A run of an unspaced script as its overlapping pairs of characters (one character
    alone: itself), each NFKC-normalised and case-folded (kana keep their voicing marks)."""
    units = [(m.start() + at, m.end() + at) for m in _UNITS.finditer(run)]
    if len(units) == 1:
        start, end = units[0]
        yield unicodedata.normalize("NFKC", run).casefold(), start, end
        return
    for (start, _), (_, end) in pairwise(units):
        yield unicodedata.normalize("NFKC", run[start - at : end - at]).casefold(), start, end


@lru_cache(maxsize=100_000)
def _split(word: str, key: str) -> tuple[tuple[str, int, int], ...] | None:
    """A word's terms with their offsets in it when it holds an unspaced script (None for
    any other word, one term: :func:`_term`)."""
    if not _UNSPACED.search(word):
        return None
    out: list[tuple[str, int, int]] = []
    at = 0
    for match in _UNSPACED.finditer(word):
        if match.start() > at and (before := _term(word[at : match.start()], key)):
            out.append((before, at, match.start()))
        out.extend(_paired(match.group(), match.start()))
        at = match.end()
    if at < len(word) and (after := _term(word[at:], key)):
        out.append((after, at, len(word)))
    return tuple(out)


_term_cache: dict[str, dict[str, str | tuple[str, ...]]] = {}


def index_terms(text: str, lang_key: str) -> list[str]:
    """The terms of ``text`` in order, for indexing: :func:`tokens` without the offsets.

    This is the build's hot loop, so it keeps a plain dict per language instead of going
    through ``lru_cache``; results are identical to ``terms(text, lang)``.
    """
    cache = _term_cache.get(lang_key)
    if cache is None or len(cache) > 500_000:
        cache = _term_cache[lang_key] = {}
    result: list[str] = []
    append = result.append
    for word in _WORD.findall(text):
        term_ = cache.get(word)
        if term_ is None:
            split = _split(word, lang_key)
            term_ = cache[word] = _term(word, lang_key) if split is None else tuple(t for t, _, _ in split)
        if type(term_) is str:
            if term_:
                append(term_)
        else:
            result.extend(term_)
    return result


def tokens(text: str, lang: str | None = "en") -> Iterator[tuple[str, int, int]]:
    """Yield ``(term, start, end)`` for every word of ``text``."""
    key = language_key(lang)
    for match in _WORD.finditer(text):
        word = match.group()
        split = _split(word, key)
        if split is not None:
            at = match.start()
            for term_, start, end in split:
                yield term_, at + start, at + end
            continue
        result = _term(word, key)
        if result:
            end = match.end()
            if key == "en" and len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
                end -= 2  # "Bukele’s" is found as "Bukele", and marked so
            yield result, match.start(), end


def terms(text: str, lang: str | None = "en") -> list[str]:
    """The terms of ``text`` in order: :func:`tokens` without the offsets (through the
    indexing loop, 2-3 times faster: search re-ranks 60 paragraphs a query by them)."""
    return index_terms(text, language_key(lang))


def plain_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Folded but unstemmed tokens (for outlet, author and title fields)."""
    return tokens(text, UNSTEMMED)
