"""Text analysis shared by indexing, querying, highlighting and related passages.

One function, :func:`tokens`, turns text into ``(term, start, end)`` triples: the term is
NFKC-normalised, case-folded, accent-folded and then stemmed for the text's language (folding
comes *before* stemming so that "résumé" and "resume" stem alike), while ``start``/``end``
are character offsets into the original text, so highlights land on the words as written.

Whoosh sees the same analysis through ``whoosh_ext.CaseTokenizer``; the index has one text field
per stemming language (``text_en``, ``text_es``, ``text_pt``, ...) and a query word is
analysed once per language present in the case.  There is no stop list: in news "US" is
the United States and "IT" a sector.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
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
_WORD = re.compile(r"[^\W_]+(?:(?:(?<=\b[A-Za-z])|(?<=\b[A-Za-z]{2}))\.(?:[A-Za-z]{1,2}\.)+|(?:['’][^\W_]+)*)|%")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


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


_term_cache: dict[str, dict[str, str]] = {}


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
            term_ = cache[word] = _term(word, lang_key)
        if term_:
            append(term_)
    return result


def tokens(text: str, lang: str | None = "en") -> Iterator[tuple[str, int, int]]:
    """Yield ``(term, start, end)`` for every word of ``text``."""
    key = language_key(lang)
    for match in _WORD.finditer(text):
        word = match.group()
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
