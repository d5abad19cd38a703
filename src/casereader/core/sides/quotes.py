"""Quotes: quoted words and who said them, per outlet; the same quote in two outlets linked,
and flagged where the wording differs.

Quotation marks: “curly”, "straight", «angle», „low“, ‘single’ and 'single' (an apostrophe
before a letter inside it: ‘we’re’; nested quotes stay inside the outer one).  Each double
mark opens or closes by what stands around it, so a mark missing in the source costs one
quotation, not the pairing of the others (``quoted_spans``): a quotation left open at the end
of a paragraph runs to its end, and the next paragraph goes on with it (same speaker) when it
opens with a quote mark or closes one it never opened (a long paragraph split into passages);
a mark opening again after a finished sentence, the first not closed, is the quotation's next
paragraph joined into the same line; a closing mark with none before it closes the words from
its sentence's start.

The speaker is read from the grammar of reported speech in English, Spanish and Portuguese
(see ``speech``): a speech verb in any tense right after the quote with its subject after or
before it ("“…,” said Tedros", "“…”, afirmou o ministro", "“…,” the President said", "“…”,
ha añadido"), a speech verb before it in the sentence with its subject ("Wendy Parmet said
naming the virus … would place “…”", "Grande-Marlaska ha calificado de “histórico”", "This
was stated by President Zelenskyy"), or a source ("according to X", "según X", "segundo o
ministro", "de acordo com X").  A pronoun, a role ("the minister", "o presidente", "ella")
or a verb without a subject ("“…”, disse.") stands for the last person the text made a
speaker or a subject shortly before; a paragraph that is only a quotation goes on with the
last speaker.  When the text gives no speaker the quote is unattributed ("").

Words in quote marks that nobody is quoted for are kept as ``kind = "phrase"``: scare quotes
and short fragments with no speech verb or source in their sentence (the “exchange”), titles
and names in Title Case (“Operation Shield”), terms after a verb of naming (called
“COVID-19”).  Code, URLs and hashtags in quote marks are not listed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..text.analysis import fold
from .speech import (
    AND_BUT,
    AUXILIARIES,
    BETWEEN,
    CHARACTERISING,
    CLAUSE_WORDS,
    COPULAS,
    DESCRIPTIONS,
    DETERMINERS,
    DOCUMENTS,
    INDEFINITE,
    INSTITUTIONS,
    NAMING,
    OF,
    OPENERS,
    OPINION,
    OWN_VIEW,
    PLURAL_PRONOUNS,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVE,
    ROLES,
    SAYINGS,
    SOURCE_PHRASES,
    SPEECH_VERB,
    SPEECH_VERBS,
    SPOKESPEOPLE,
    UTTERING,
    VIEW_ADJECTIVES,
)
from .text import TITLES, NameSpan, name_spans, sentence_at, sentences
from .text import words as word_list

# Single quote marks, read in what the double ones leave: ‘curly’ (an apostrophe before a letter
# inside it: ‘We’re ready’) and 'straight' (the same; not after a letter: "Ukrainians' rights").
_SINGLE = re.compile(
    r"(?<![\w])‘(?P<words>(?:[^’‘\n]|’(?=\w)){2,300})’(?![\w])"
    r"|(?<![\w'’])'(?=[^\W\d_])(?P<straight>(?:[^'\n]|'(?=\w)){2,300}?)(?<=[^\s])'(?![\w])"
)
_STRAIGHT_SINGLE = re.compile(r"(?<![\w'’])'(?=[^\W\d_])")  # what may open a 'straight' quotation
# Double quote marks: curly, straight, angle, low-9 („…“), double primes and doubled apostrophes.
_DOUBLE = re.compile(r"''|``|[\"“”„‟«»″]")
_ANY_DOUBLE = re.compile(r"[\"“”„‟«»″]|''|``")
_OPENING, _CLOSING = ("“", "„", "‟", "«", "``"), ("”", "»")
_OPENS_AFTER = "([{—–:"  # what a quotation's opening mark may follow besides a space
_CLOSES_BEFORE = ",;:!?)]}—–"  # what its closing mark may precede besides a space
_ENDS_QUOTED = re.compile(r"[,.!?…][’'»]?$")  # how quoted words end before a closing mark
_SENTENCE_END = re.compile(r"[.!?…][’')]?\s*$")
# A speech verb right after a mark that follows a comma and a space: the quotation's closing
# mark with the space on the wrong side (“…, ”she said).
_SAID_AFTER = re.compile(r"(?<=, [\"“”])(?:[^\W\d_]+\s+){0,3}?" + SPEECH_VERB.pattern)


@dataclass
class _Marked:
    """Words in quote marks in a paragraph."""

    start: int  # its opening mark, or its words when the mark is missing
    end: int  # after its closing mark, or where its words end
    words_start: int
    words_end: int
    # "closed"; "open": left open at the paragraph's end, it runs to it; "cut": the same mark
    # opens again after a sentence before this one is closed (the quotation's next paragraph,
    # joined to this one); "unopened": a closing mark with none before it (the opening mark
    # lost, or the quotation begun in the paragraph before)
    form: str = "closed"

    @property
    def runs_on(self) -> bool:
        """The quotation goes on past its words: no closing mark, nothing after it of its own."""
        return self.form in ("open", "cut")


def _role_of(text: str, start: int, end: int) -> str:
    """A double quote mark's role from its neighbours, else from its shape: "open", "close",
    "either" (a straight mark between two spaces or two letters: the marks before decide) or
    "" (not a quote mark: 5'10")."""
    mark = text[start:end]
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    spaced_before = before.isspace() or before in _OPENS_AFTER
    ellipsis = after == "…" or text[end : end + 2] == ".."  # “…and then”: an opening mark
    spaced_after = after.isspace() or after in _CLOSES_BEFORE or (after == "." and not ellipsis)
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    return "" if before.isdigit() else "either"  # 5'10", 1′30″: feet, inches, seconds


def _family(mark: str) -> str:
    return "angle" if mark in "«»" else "double"


def quoted_spans(text: str, goes_on: bool = False) -> list[_Marked]:
    """The words in quote marks of a paragraph, outermost only, in order.  Each double mark
    opens or closes by what stands around it (straight marks have one shape for both), so a
    mark that is missing costs one quotation, not the pairing of all the others; ``goes_on``:
    the paragraph before left a quotation open (a closing mark with none before it closes
    a quotation that began there)."""
    spans: list[_Marked] = []
    if _ANY_DOUBLE.search(text):
        stack: list[tuple[int, int, str]] = []  # the opening marks not closed yet: (start, end, mark)
        nested: tuple[int, int] | None = None  # the last mark that closed a quotation inside the open one
        for mark in _DOUBLE.finditer(text):
            role = _role_of(text, mark.start(), mark.end())
            if not role:
                continue
            if role == "either" or (role == "open" and stack and _SAID_AFTER.match(text, mark.end())):
                role = "close" if stack else "open"  # “…, ”she said: a space on the wrong side
            if role == "open":
                first = stack[0] if stack else None
                if (
                    len(stack) == 1
                    and first is not None
                    and _family(first[2]) == _family(mark.group())
                    and _SENTENCE_END.search(text, first[1], mark.start())
                ):
                    if nested is not None:
                        # one mark closed the quotation inside and the quotation ("…: “No”." Then
                        # …): it ends there, and the mark opens another
                        spans.append(_Marked(first[0], nested[1], first[1], nested[0]))
                    else:  # the quotation's next paragraph, joined to this one, opens with the mark again
                        spans.append(_Marked(first[0], mark.start(), first[1], mark.start(), "cut"))
                    stack = []
                if not stack:
                    nested = None
                stack.append((mark.start(), mark.end(), mark.group()))
            elif stack:
                opening = stack.pop()
                if not stack:
                    spans.append(_Marked(opening[0], mark.end(), opening[1], mark.start()))
                elif len(stack) == 1:
                    nested = (mark.start(), mark.end())
            elif _ENDS_QUOTED.search(text, max(0, mark.start() - 2), mark.start()):
                # the opening mark is missing: the words from the sentence's start (from the
                # paragraph's when the quotation began in the one before); words in quote
                # marks within that sentence were quoted inside the quotation
                begun = 0 if goes_on and not spans else sentence_at(text, mark.start())[0]
                while spans and spans[-1].start >= begun and spans[-1].form == "closed":
                    spans.pop()
                begun = max(begun, spans[-1].end if spans else 0)
                spans.append(_Marked(begun, mark.end(), begun, mark.start(), "unopened"))
        if stack:
            first = stack[0]
            spans.append(_Marked(first[0], len(text), first[1], len(text), "open"))
    if "‘" in text or _STRAIGHT_SINGLE.search(text):
        for single in _SINGLE.finditer(text):
            if not any(s.start < single.end() and single.start() < s.end for s in spans):
                group = "words" if single.group("words") is not None else "straight"
                spans.append(_Marked(single.start(), single.end(), single.start(group), single.end(group)))
        spans.sort(key=lambda s: s.start)
    return spans


_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\w.,]*|[^\w\s]")
_SOURCE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in SOURCE_PHRASES if p != "para") + r")\s+", re.IGNORECASE)
_OWN_VIEW = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in OWN_VIEW) + r")\b", re.IGNORECASE)
# A sentence that points back at the quotation before it: "Así lo ha afirmado X", "Foi o que disse X".
_THUS = re.compile(r"\s*(?:Así|Asi)\s+(?:lo|se)\s+|\s*Foi\s+o\s+que\s+")
_AGENT = re.compile(r"\s+(?:by|pelo|pela|por)\s+")  # "stated by X", "detalhado pelo ministro"
_BY = re.compile(r"(?:\s+[a-z]+ly|\s+online)?\s+(?:by|pelo|pela|por)\s+")  # "posted online by X"
_CODE = re.compile(r"://|www\.|^[#@]|^[^\s]*[/=<>{}\[\]\\_][^\s]*$")
_SMALL_WORDS = (
    OF
    | DETERMINERS
    | frozenset(
        "and y e pelo pela pelos pelas para por em en in on for with to al ao aos no na nos nas com con".split()  # noqa: SIM905
    )
)
_PERSON_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ]?[a-zà-ÿ]+)?")
_ASIDE = re.compile(r"\s[—–]\s[^—–“”\"]{1,200}?\s[—–]\s|\([^()]{1,200}\)")
# A dateline opening a paragraph: a place and a date, then a dash ("Mossoró (RN), 15/02/2024 - ",
# "KYIV, March 29 (Reuters) — ").
_DATELINE = re.compile(
    r"\s*[A-ZÀ-Þ][^.!?\"“«]{0,80}?\d[^.!?\"“«]{0,30}?\s[-–—]\s+"
    # a kicker or a place in capitals: "CONQUISTA — ", "KYIV — "
    r"|\s*[A-ZÀ-Þ]{2,}(?:[\s,]+[A-ZÀ-Þ.]{2,}){0,3}\s+[—–-]\s+"
)
_ENGLISH = re.compile(r"\b(?:the|and|of)\b")
_PUT_IT = re.compile(r"\b[Aa]s\s+([^,;:“”\"«»]{2,60}?)\s+(?:put|puts|has put|had put)\s+it\b")  # "as X put it"
_INTRODUCED = re.compile(r"([^\W\d_]+)\s*[:,]\s*$")  # "tweeted: “…”", "said, “…”"
_GERUND = re.compile(r"(?:ing|ndo)$")  # "saying", "calling", "diciendo", "afirmando"
# Word sets the grammar tests token by token, joined once.
_NOT_HEAD = PREPOSITIONS | PRONOUNS | PLURAL_PRONOUNS | RELATIVE | AND_BUT | BETWEEN  # not a noun's head
_BODIES = INSTITUTIONS | SPOKESPEOPLE
_SPOKEN = DOCUMENTS | SPOKESPEOPLE  # what speaks for its owner: "the court's summary"
_PERSON_NOUNS = ROLES | TITLES | SPOKESPEOPLE | DESCRIPTIONS
_OPENS = DETERMINERS | INDEFINITE | POSSESSIVES  # what opens a description: "an adviser to X"
_DESCRIBING = ROLES | DESCRIPTIONS | SPOKESPEOPLE
_ROLE_WORDS = ROLES | TITLES
_INTRODUCING = ROLES | TITLES | DESCRIPTIONS  # words that introduce a person: "Ukrainian President"
# What a document's or a plan's name opens with: “Informe sobre …”, “Plan …”, “Lei …”.
_TITLED = DOCUMENTS | frozenset(
    fold(w)
    for w in word_list(
        "ley law lei plan plano programa program programme estrategia strategy estratégia decreto decree acuerdo "
        "agreement acordo tratado treaty convención convention convenção declaration protocolo protocol proyecto "
        "projeto guía guide guia libro book livro"
    )
)
SAME_QUOTE = 0.8  # similarity of two quotes' words above which they are one quote
SHORT = 5  # words: a quoted fragment this short needs a speech verb or a source in its sentence
LOOK_BACK = 4  # paragraphs: how far back a pronoun or a role looks for its person
BODY_LOOK_BACK = 200  # paragraphs: how far back "the ministry" looks for the ministry's name


@dataclass
class Quote:
    text: str  # the quoted words, without the marks
    speaker: str  # "" when the text does not say
    doc_id: str
    n: int
    outlet: str
    start: int  # offsets of the quoted words in the paragraph
    end: int
    linked: list[tuple[str, int, str]] = field(default_factory=list)  # (doc_id, n, outlet) of the same quote elsewhere
    wording_differs: bool = False
    kind: str = "quote"  # "quote", or "phrase": words in quote marks nobody is quoted for

    @property
    def said_by(self) -> str:
        """The speaker as listed: "unattributed" when the text gives none, "—" for a phrase."""
        return self.speaker or ("unattributed" if self.kind == "quote" else "—")


# What the grammar gives for a quote: a speaker's name, "resolve" (a pronoun, a role or no
# subject: the last person), or nothing.
_NAMED, _RESOLVE, _NONE = "name", "resolve", ""
# A common noun phrase as the subject: a body the case names ("the ministry": the head noun, the
# name it resolves to found later), or someone the text does not name (""): never the last person.
_BODY = "body"
_PERSON = "person"  # the name given with _RESOLVE for "he", "she", a role: only a person is meant
ROLE_LOOK_BACK = 20  # paragraphs: how far back "the president" looks for the person introduced as president


def _role(word: str, modifiers: list[str]) -> str:
    """What _RESOLVE carries for a role: "person:president:Ukrainian"."""
    return f"{_PERSON}:{word}:{' '.join(modifiers)}" if word else _PERSON


@dataclass
class _Paragraph:
    text: str
    names: list[NameSpan] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, str]] | None = None  # (offset, name) of people made speakers or subjects
    read: bool = False
    spans: list[NameSpan] | None = None  # its names when the Names view read them already
    _folded: str | None = None
    titled: bool = False  # its names after a role word were made people
    _quoted: list[_Marked] | None = None

    def quoted(self) -> list[_Marked]:
        """Its words in quote marks, read once."""
        if self._quoted is None:
            self._quoted = quoted_spans(self.text)
        return self._quoted

    def keep_quoted(self, spans: list[_Marked]) -> None:
        self._quoted = spans

    @property
    def folded(self) -> str:
        """The text folded (case, accents), read once."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def read_names(self) -> None:
        """Names and sentences, read when first needed (most paragraphs never are)."""
        if not self.read:
            names = self.spans if self.spans is not None else name_spans(self.text)
            self.names, self.sentences, self.read = names, sentences(self.text), True

    def sentence_of(self, index: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= index < end:
                return start, end
        return 0, len(self.text)

    def name_ending_at(self, end: int, start: int = 0) -> NameSpan | None:
        for name in reversed(self.names):
            if name.end == end and name.start >= start:
                return name
        return None

    def name_starting_at(self, start: int) -> NameSpan | None:
        for name in self.names:
            if name.start == start:
                return name
        return None


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text, start, end))


def _is_verb(token: str) -> bool:
    known = _VERBS_SEEN.get(token)
    if known is None:
        known = _VERBS_SEEN[token] = token[:1].islower() and fold(token) in SPEECH_VERBS
        if len(_VERBS_SEEN) > 100_000:
            _VERBS_SEEN.clear()
    return known


_VERBS_SEEN: dict[str, bool] = {}  # a word as written -> whether it is a speech verb (folding is slow)


class _People:
    """The case's people, and the people one document names after a role word ("President
    Mevlüt Kaya") that the Names view missed: added per document, the case's set untouched."""

    def __init__(self, case: set[str]) -> None:
        self.case = case
        self.found: set[str] = set()

    def __contains__(self, name: object) -> bool:
        return name in self.case or name in self.found

    def add(self, name: str) -> None:
        self.found.add(name)


class _Reader:
    """The grammar of reported speech over one paragraph (its names read once)."""

    def __init__(self, para: _Paragraph, people: _People | None) -> None:
        self.p = para
        self.people = people
        # English text: "a" is the indefinite article (in Portuguese it is "the")
        self.english = bool(_ENGLISH.search(para.text))

    def is_person(self, name: str) -> bool:
        return self.people is None or name in self.people

    @staticmethod
    def role_name(name: str) -> bool:
        """A capitalised role or pronoun read as a name: "Head of State", "He"."""
        return name.lower() in PRONOUNS or fold(name.split()[0]) in ROLES

    # --- noun phrases --------------------------------------------------------------------

    def forward(self, start: int, end: int, loose: bool = False) -> tuple[str, str]:
        """The subject that starts at ``start`` ("o ministro", "Tedros Adhanom Ghebreyesus,
        the Director-General", "el ministro del Interior, Fernando Grande-Marlaska").
        ``loose``: after a verb that follows the quote, a description may come before the name
        ("said a protester using the pseudonym Katya", "wrote student protester Joshua Wong")."""
        text = self.p.text
        tokens = _tokens(text, start, end)
        i = 0
        while i < len(tokens) and fold(tokens[i].group()) in BETWEEN:
            i += 1
        role = False
        role_word, modifiers = "", []  # "the Ukrainian President": "president", ["Ukrainian"]
        described = 0  # lower-case words of a description read so far (loose only)
        while i < len(tokens):
            token = tokens[i]
            word = fold(token.group())
            name = self.p.name_starting_at(token.start())
            if name is not None and name.text.lower() in PLURAL_PRONOUNS:
                return _BODY, ""  # "they": a group the grammar cannot name, not the last person
            if name is not None and not self.role_name(name.text) and self._modifies_a_role(tokens, name.end):
                # "Former Trump adviser … Michael Flynn", "Hong Kong director of …": not the person
                role = True
                while i < len(tokens) and tokens[i].start() < name.end:
                    i += 1
                continue
            lone = name is not None and (" " not in name.text or not self.is_person(name.text))
            if name is not None and lone and not self.role_name(name.text):
                apposed = self._apposed_person(name.end)
                if apposed:
                    return _NAMED, apposed  # "a Republican, Mark Amodei, has"
            if name is not None and not self.role_name(name.text):
                previous = fold(tokens[i - 1].group()) if i else ""
                if loose and (described or role) and (previous in PREPOSITIONS or (previous in OF and not role)):
                    return _RESOLVE, ""  # "said … on Twitter", "told a director of the PF": not the speaker
                if role and (not self.is_person(name.text) or (i and fold(tokens[i - 1].group()) in OF)):
                    # "o ministro da Fazenda, Fernando Haddad": past the role's place to the person
                    modifiers.append(name.text)
                    while i < len(tokens) and tokens[i].start() < name.end:
                        i += 1
                    continue
                return _NAMED, name.text
            if token.group().lower() in PRONOUNS:
                return _RESOLVE, _PERSON
            if word in ROLES or word in TITLES:
                role = True
                role_word = role_word or word
                if i + 1 < len(tokens) and tokens[i + 1].group() == ".":
                    i += 1  # "Dr."
            elif token.group() == "," and i + 1 < len(tokens) and _GERUND.search(tokens[i + 1].group().split("-")[0]):
                break  # "said the minister, referring to President X": a clause of the subject's, not a name
            elif word in DETERMINERS or (role and (word in OF or token.group() in ",()" or token.group()[0].isupper())):
                pass  # "o ministro da Fazenda, Fernando Haddad"
            elif token.group()[:1].isupper() or word in ("former", "ex", "then", "new", "vice"):
                if token.group()[:1].isupper():
                    modifiers.append(token.group())  # "the Ukrainian President", "the former minister"
            elif (
                (loose or role)
                and described < 5
                and token.group()[:1].islower()
                and not _is_verb(token.group())
                and word not in PREPOSITIONS  # a complement, not a description: "explicó durante su visita a X"
            ):
                described += 1  # "a protester using the pseudonym", "student protester"
            else:
                break
            i += 1
        return (_RESOLVE, _role(role_word, modifiers)) if role else (_NONE, "")

    def noun_subject(self, start: int, end: int, bare: bool = True) -> tuple[str, str]:
        """A subject that is a common noun phrase, read from ``start`` to ``end`` (the whole
        span): "the ministry" (a body: the case's name it is the head of, "Ministry of
        Health", else nobody), "a statement from the Harbour Authority" and "the Kremlin's
        spokesman" (whoever issued it), "a senior official" and "Peskov's deputy" (someone the
        text does not name), "the minister" (a role: the last person).  ``bare``: a noun with
        no determiner may be one ("police", "Chinese authorities").  (_NONE, "") when the span
        is no noun phrase."""
        text = self.p.text
        tokens = _tokens(text, start, end)
        while tokens and (fold(tokens[-1].group()) in BETWEEN or tokens[-1].group() == ","):
            tokens.pop()  # "the ministry also said", "police have said"
        determiner, possessor, owner = "", "", ""
        head, modifier, head_end = "", None, 0
        owned_by = ""  # a common noun's "'s" before the head: "the court's summary"
        nouns: list[str] = []  # its lower-case words: "o governo federal", "the three-judge court"
        i = 0
        while i < len(tokens):
            token = tokens[i]
            written, word = token.group(), fold(token.group())
            article = written.lower() in DETERMINERS  # "a", not "à" (to the)
            name = self.p.name_starting_at(token.start())
            if name is not None:
                if self.role_name(name.text) or head:
                    return _NONE, ""
                possessive = text[name.end : name.end + 2] in ("'s", "’s")
                if possessive:
                    possessor = name.text  # "Peskov's deputy", "the Kremlin's spokesman"
                elif tokens[-1].start() < name.end or not re.match(r" [^\W\d_]", text[name.end : name.end + 2]):
                    return _NONE, ""  # the name is the subject ("Lisa Parry, a retired nurse,"): not a noun phrase
                else:
                    modifier = modifier or name  # "the Biden campaign", "the Kremlin spokesman"
                while i < len(tokens) and tokens[i].start() < name.end + (2 if possessive else 0):
                    i += 1
                continue
            if word in POSSESSIVES and not (determiner or head or possessor):
                possessor = written  # "his office", "su portavoz": the person named before
            elif re.fullmatch(r"[^\W\d_][\w-]+['’]s", written) and written[:1].islower() and not (head or possessor):
                owned_by = fold(written[:-2])  # "the court's summary", "the ministry's statement"
            elif article:
                if determiner or head or possessor:
                    return _NONE, ""  # "dijo a la prensa": the first was a preposition
                determiner = word
            elif word in OF or word in ("for", "from", "by"):
                if not head:
                    return _NONE, ""
                rest = [t for t in tokens[i + 1 :] if fold(t.group()) not in DETERMINERS]
                found = self.p.name_starting_at(rest[0].start()) if rest else None
                if found is None or found.end < tokens[-1].end():
                    return _NONE, ""  # "the mother of the victim said …": not read
                owner = found.text
                break
            elif (
                written[:1].islower()
                and len(word) > 2
                and not _is_verb(written)
                and not _GERUND.search(word)
                and word not in DETERMINERS
                and word not in _NOT_HEAD
            ):
                head, head_end = word, token.end()
                nouns.append(word)
            elif written[:1].isupper() and not head and word not in PRONOUNS:
                pass  # "Chinese authorities", "the Ukrainian ministry"
            else:
                return _NONE, ""
            i += 1
        if not head or not (determiner or possessor or bare):
            return _NONE, ""
        if determiner == "a" and not self.english and head.endswith("s"):
            return _NONE, ""  # "disse a jornalistas": a preposition, not "the"
        indefinite = determiner in INDEFINITE or (determiner == "a" and self.english)
        heads = {part for noun in nouns for part in (noun, *noun.split("-"))}  # "ex-presidente"
        whose = owner or possessor
        body = heads & _BODIES
        if fold(possessor) in POSSESSIVES:
            if body or heads & DOCUMENTS:
                return _RESOLVE, _PERSON  # "his office said", "su portavoz": for the person named before
            return _NONE, ""  # "his lawyer", "su compromiso" (an object: "ha reiterado su compromiso")
        if owned_by in INSTITUTIONS and heads & _SPOKEN and not indefinite:
            return _BODY, owned_by  # "the court's summary": the court's words, the court the case names
        if heads & DOCUMENTS or (body and possessor) or (heads & SPOKESPEOPLE and owner):
            if whose or (modifier and not indefinite):
                # "a statement from X", "the Kremlin's spokesman", "the Kremlin spokesman", "Zelensky's office"
                return _NAMED, whose or (modifier.text if modifier else "")
            return _BODY, ("" if indefinite else " ".join(sorted(heads & DOCUMENTS)))  # "the statement said"
        if indefinite:
            return _BODY, ""  # "a senior official", "un portavoz": someone new, not the person named before
        if heads & _PERSON_NOUNS or (owner and not self.is_person(owner)):
            return _NONE, ""  # "the minister", "o coordenador da Funai": a person, read by forward()
        if whose:
            return _BODY, ""  # "Peskov's deputy", "the mother of X": someone the text does not name
        if body and modifier is not None:
            return _NAMED, text[modifier.start : head_end]  # "the Biden campaign": a name and its body
        if body:
            # "the ministry": the case's name it is the head of; "police", "Chinese authorities": a
            # body or a group the case may not name; never the person named before
            return _BODY, " ".join(sorted(body))
        return _NONE, ""  # "the lawyer": a person, the last one named; a noun the grammar does not know

    def _modifies_a_role(self, tokens: list[re.Match[str]], name_end: int) -> bool:
        """The name is followed by a role word: "Trump adviser", "Amnesty director"."""
        following = [t for t in tokens if t.start() >= name_end][:4]
        if not following or following[0].start() - name_end > 1:
            return False
        for token in following:  # "Northwestern University public health expert"
            if not token.group()[:1].islower():
                return False
            if fold(token.group()) in ROLES | DESCRIPTIONS:
                return True
        return False

    def backward(self, end: int, start: int) -> tuple[str, str]:
        """The subject that ends just before ``end`` (the verb): "Volodymyr Zelenskyy", "he",
        "the President of Ukraine", "Alar Karis, for his part,", "El ministro …, Fernando
        Grande-Marlaska, ha"."""
        text = self.p.text
        at = end
        for _ in range(6):
            stripped = text[start:at].rstrip(" ,")
            at = start + len(stripped)
            words = _tokens(text, start, at)
            if not words:
                return _NONE, ""
            last = words[-1]
            word = fold(last.group())
            name = self.p.name_ending_at(at, start)
            if name is not None and name.text.lower() in PLURAL_PRONOUNS:
                return _BODY, ""  # "They concluded": a group the grammar cannot name
            if name is None or not self.role_name(name.text) or word in ROLES:
                appositive = self._apposed_to(at, start)
                if appositive:
                    return _NAMED, appositive  # "Mykhailo Podolyak, an adviser to Zelensky, said"
            if name is not None and self.role_name(name.text):
                if name.text.lower() in PRONOUNS:
                    return _RESOLVE, _PERSON
                modifiers = _WORD.findall(text[max(start, name.start - 30) : name.start])[-2:]
                return _RESOLVE, _role(fold(name.text.split()[0]), modifiers)  # "the Head of State"
            if name is not None:
                before = _tokens(text, start, name.start)
                if before and fold(before[-1].group()) in OF and any(fold(t.group()) in ROLES for t in before[-4:]):
                    person = self._person_at_end(name.text)
                    if person:
                        return _NAMED, person  # "First Minister of Scotland Nicola Sturgeon said"
                    role_word = next(fold(t.group()) for t in before[-4:] if fold(t.group()) in ROLES)
                    return _RESOLVE, _role(role_word, [name.text])  # "the President of Ukraine said"
                return _NAMED, name.text
            if last.group().lower() in PRONOUNS:
                return _RESOLVE, _PERSON
            if word in ROLES:
                # "the Ukrainian President said": the capitalised words just before the role
                modifiers = [t.group() for t in words[-4:-1] if t.group()[:1].isupper()]
                return _RESOLVE, _role(word, modifiers)
            if word in PLURAL_PRONOUNS:
                return _BODY, ""
            if word in RELATIVE and at - start > len(last.group()):
                # "Chris Christie, who denounced … as a “…”": the name the clause is about
                at = last.start()
                continue
            if word in BETWEEN:
                at = last.start()
                continue
            aside = re.search(r",(?:\s+[^\W\d_]+){1,4}$", text[start:at])
            if aside and not _SOURCE.search(aside.group() + " ") and text[start : start + aside.start()][-1:].isalpha():
                at = start + aside.start()  # "Alar Karis, for his part, noted"
                if fold(_WORD.findall(aside.group())[0]) == "que":
                    # "con Marruecos, que ha calificado como …": "que" is the object as often as the
                    # subject; only a person before it can be the one who speaks
                    name = self.p.name_ending_at(at, start)
                    if name is None or not self.is_person(name.text):
                        return _NONE, ""
                continue
            return _NONE, ""
        return _NONE, ""

    def sentence_subject(self, s_start: int, limit: int) -> tuple[str, str]:
        """The subject that opens the sentence, before ``limit``, past an opening phrase
        ("Following the announcement of Biden's win, Trump issued …") and past the quotation
        it opens with ("“…,” Zelenskyy said, adding: “…”": not a name quoted)."""
        quoted = [m.end for m in self.p.quoted() if m.start <= s_start + 1 and s_start < m.end <= limit]
        if quoted:
            s_start = len(self.p.text) - len(self.p.text[quoted[-1] :].lstrip(" ,;:—–-"))
        start = self._past_opener(s_start, limit)
        kind, name = self.forward(start, limit)
        if not kind:
            # "One of the beneficiaries, Simone Cleusa da Luz, 31, spoke …": the person the
            # description opening the sentence stands in apposition to
            described = re.match(r"[^,.;:“”\"«»]{3,60}?,\s+", self.p.text[start:limit])
            name_after = self.p.name_starting_at(start + described.end()) if described else None
            apposed = name_after is not None and self.p.text[name_after.end : name_after.end + 1] == ","
            if apposed and name_after is not None and self.people is not None and name_after.text in self.people:
                return _NAMED, name_after.text
        return kind, name

    def _past_opener(self, s_start: int, limit: int) -> int:
        """Where the subject of the sentence from ``s_start`` starts: past a dateline ("Mossoró
        (RN), 15/02/2024 - O secretário …") and an opening phrase."""
        text = self.p.text
        dateline = _DATELINE.match(text, s_start, limit)
        if dateline:
            s_start = dateline.end()
        first = _TOKEN.match(text, s_start)
        if first and (fold(first.group()) in OPENERS or _GERUND.search(first.group())):
            comma = text.find(",", s_start, limit)
            if comma > 0:
                return comma + 1
        return s_start

    # --- a quote's speaker ---------------------------------------------------------------

    def after(self, q_end: int) -> tuple[str, str]:
        """A speech verb right after the quote: "“…,” said X", "“…”, disse o ministro",
        "“…,” the President said", "“…”, ha añadido"."""
        text = self.p.text
        if re.search(r"[.!?]\W?$", text[max(0, q_end - 3) : q_end]) and re.match(r"\s+[A-ZÀ-Þ]", text[q_end:]):
            return _NONE, ""  # “… worse.” He said: a new sentence
        stop = re.search(r"[.!?](?:\s|$)|[“«\"]", text[q_end : q_end + 200])
        end = q_end + (stop.start() if stop else min(200, len(text) - q_end))
        tokens = _tokens(text, q_end, end)
        i = 0
        while i < len(tokens) and tokens[i].group() in ",;:—–-":
            if tokens[i].group() == ";":
                return _NONE, ""  # “…”; the council said …: a clause of its own
            i += 1
        tokens = tokens[i:]
        if not tokens or fold(tokens[0].group()) in AND_BUT:
            return _NONE, ""  # "“Soviet-style” and Ross Spano calling …": the next clause's speaker
        j = 0
        while j < len(tokens) - 1 and fold(tokens[j].group()) in BETWEEN:
            j += 1
        if _is_verb(tokens[j].group()):
            # "“…,” said the ministry", "“…”, afirmó la nota del Ministerio", "said a senior official"
            kind, name = self.noun_subject(tokens[j].end(), self._phrase_end(tokens[j].end(), end), bare=False)
            if not kind:
                kind, name = self.forward(tokens[j].end(), end, loose=True)
            return (kind or _RESOLVE), name  # no subject: "“…”, disse."
        for k, token in enumerate(tokens[:9]):
            if _is_verb(token.group()) and k:
                # "“…,” police said", "“…,” the statement said", "“…,” a senior official said"
                kind, name = self.noun_subject(tokens[0].start(), token.start())
                return (kind, name) if kind else self.backward(token.start(), tokens[0].start())
            if token.group() in ",;:":
                return self._named_then_apposition(tokens, k) if token.group() == "," and k else (_NONE, "")
        return _NONE, ""

    def _named_then_apposition(self, tokens: list[re.Match[str]], k: int) -> tuple[str, str]:
        """“…,” Dmitry Peskov, the Kremlin spokesman, told reporters: the name right after the
        quote, a description between commas, then the speech verb."""
        name = self.p.name_starting_at(tokens[0].start())
        if name is None or name.end != tokens[k].start() or self.role_name(name.text):
            return _NONE, ""
        for m in range(k + 1, min(k + 10, len(tokens) - 1)):
            if tokens[m].group() == ",":
                following = tokens[m + 1 :]
                while following and fold(following[0].group()) in BETWEEN:
                    following = following[1:]
                if following and _is_verb(following[0].group()) and self.is_person(name.text):
                    return _NAMED, name.text
                return _NONE, ""
        return _NONE, ""

    def reporting_clause(self, q_end: int) -> tuple[str, str]:
        """A short clause that ends the sentence after a comma and reports it: 'Moscow would
        “…” near Kyiv, Fomin said.', '…, afirmou o ministro.'"""
        text = self.p.text
        _, s_end = self.p.sentence_of(q_end - 1)
        comma = text.rfind(",", q_end, s_end)
        if comma < 0:
            return _NONE, ""
        clause = _WORD.findall(text[comma:s_end])
        if len(clause) > 8 or re.search(r"[“”«»\"]", text[comma:s_end]) or {fold(w) for w in clause} & {"that", "que"}:
            return _NONE, ""
        return self.after(comma)

    def announced_after(self, q_end: int) -> tuple[str, str]:
        """The next sentence says who spoke the quotation that ends this one: '“…”. Así lo ha
        afirmado la ministra', '“…”. Foi o que disse o ministro'."""
        text = self.p.text
        _, s_end = self.p.sentence_of(q_end - 1)
        if text[q_end:s_end].strip(' .!?"”»'):
            return _NONE, ""  # the quotation does not end its sentence
        follows = _THUS.match(text, s_end)
        return self.after(follows.end()) if follows else (_NONE, "")

    def source_after(self, q_end: int) -> tuple[str, str]:
        """A source right after the quote: "“…,” according to a statement from X".  Read only
        when the sentence has no speaker before the quote: in "Pelosi called it a “…,”
        according to NBC", NBC reports what Pelosi said."""
        text = self.p.text
        source = re.compile(r"[\s,]*").match(text, q_end)
        start = source.end() if source else q_end
        found = _SOURCE.match(text, start)
        if not found:
            return _NONE, ""
        stop = re.search(r"[.!?;](?:\s|$)|[“«\"]", text[found.end() : found.end() + 200])
        return self.source(found.end(), found.end() + (stop.start() if stop else min(200, len(text) - found.end())))

    def source(self, start: int, end: int) -> tuple[str, str]:
        """Who a source phrase ("according to", "según", "segundo") cites, from ``start``."""
        following = _TOKEN.match(self.p.text, start)
        if following and _is_verb(following.group()):
            start = following.end()  # "según apuntó el ministro"
        kind, name = self.forward(start, end)
        if kind:
            return kind, name  # "segundo o ministro", "according to Zelensky"
        # "according to a statement from X", "según el comunicado del Ministerio"
        kind, name = self.noun_subject(start, self._phrase_end(start, end))
        if kind == _NAMED or (kind == _BODY and name):
            return kind, name
        first = next((t for t in _tokens(self.p.text, start, end) if fold(t.group()) not in DETERMINERS), None)
        if first is not None and fold(first.group()) in DOCUMENTS:
            return _BODY, ""  # "según el texto de la orden ministerial": a document, its issuer not named
        return _NONE, ""

    def _phrase_end(self, start: int, end: int) -> int:
        """Where a noun phrase from ``start`` ends at the latest: at a comma, a colon or a
        preposition that does not name an owner ("said the ministry in a statement")."""
        for token in _tokens(self.p.text, start, end):
            word = fold(token.group())
            owner = word in OF or word in ("for", "from", "by")  # "a spokesman for X", "la nota del Ministerio"
            if token.group() in ",;:()—–" or (word in PREPOSITIONS and not owner):
                return token.start()
        return end

    def before(self, s_start: int, q_start: int) -> tuple[str, str]:
        """A speech verb or a source earlier in the sentence; a clause after a semicolon has its
        own ("…; Chinese authorities …"), unless it is only the quotation: "X expressed
        disappointment; “…”" gives it to the clause before, as a colon would."""
        text = self.p.text
        semicolon = text.rfind(";", s_start, q_start)
        if semicolon < 0:
            return self._before(s_start, q_start)
        kind, name = self._before(semicolon + 1, q_start)
        if kind or text[semicolon + 1 : q_start].strip():
            return kind, name
        return self._before(s_start, semicolon, introduced=True)

    def _before(self, s_start: int, q_start: int, introduced: bool = False) -> tuple[str, str]:
        text = self.p.text
        best: tuple[int, str, str] | None = None
        for source in _SOURCE.finditer(text, s_start, q_start):
            kind, name = self.source(source.end(), q_start)
            if kind:
                best = (source.start(), kind, name)
        for view in _OWN_VIEW.finditer(text, s_start, q_start):
            best = (view.start(), _RESOLVE, _PERSON)  # "un acuerdo que, a su juicio, es “…”"
        opening = re.match(r"\s*Para\s+", text[s_start:q_start])
        if opening:
            opener = self.p.name_starting_at(s_start + opening.end())
            comma = text.find(",", s_start + opening.end(), q_start)
            if opener is not None and text[opener.end : opener.end + 1] == ",":
                best = (s_start, _NAMED, opener.text)  # "Para Waldez Góes, …"
            elif opener is None and comma > 0:
                kind, name = self.forward(s_start + opening.end(), comma)
                if kind == _RESOLVE:
                    best = (s_start, kind, name)  # "Para la ministra, “…”"
        asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, s_start, q_start)]
        tokens = _tokens(text, s_start, q_start)
        verbs = [
            t
            for k, t in enumerate(tokens)
            if (_is_verb(t.group()) or self._document_reads(tokens, k))
            and not any(a < t.start() < b for a, b in asides)
        ]  # "John Bercow commented — which the BBC noted as unusual — “…”"
        if best is not None:
            verbs = [v for v in verbs if v.start() > best[0]]
        if verbs:
            verb = verbs[-1]
            agent = _BY.match(text[verb.end() : q_start])  # "a memo posted online by X"
            if agent and len(verbs) > 1:  # "He said, in remarks published by CNN, “…”"
                verb, agent = verbs[-2], None
            if agent:
                kind, name = self.forward(verb.end() + agent.end(), q_start)
            elif _GERUND.search(verb.group()) and verb.start() > s_start:
                own = self._own_subject(verb.start())
                if own:
                    kind, name = _NAMED, own  # "with Steve Scalise of Louisiana calling …"
                else:
                    # "Trump issued a statement … saying, “…”", "Murphy claimed …, insisting she
                    # was “…”": a gerund has no subject of its own, the sentence's is the speaker's
                    kind, name = self.sentence_subject(s_start, verb.start())
                if not kind and len(verbs) > 1 and text[: verb.start()].rstrip().endswith(","):
                    # "“…,” Biden said at the White House, adding: “…”": the subject of the verb
                    # the gerund's clause hangs on, not the last name before it
                    kind, name = self.backward(verbs[-2].start(), s_start)
                if not kind:
                    kind, name = self.backward(verb.start(), s_start)
            else:
                kind, name = self.backward(verb.start(), s_start)
                if not kind:
                    kind, name = self.sentence_subject(s_start, verb.start())
                if kind != _NAMED:
                    # no name, only a role or nothing: "The ministry said in a statement: “…”", "Chinese
                    # authorities said", "A senior official said" are not the person named before
                    common = self.noun_subject(self._past_opener(s_start, verb.start()), verb.start())
                    kind, name = common if common[0] else (kind, name)
            return (kind or _RESOLVE), name
        if best is not None:
            return best[1], best[2]
        if introduced or text[s_start:q_start].rstrip().endswith(":"):
            # "The High Court also ruled …: “…”": a colon (or a semicolon) introduces the words of
            # the clause's subject
            kind, name = self.sentence_subject(s_start, q_start)
            if kind in (_NAMED, _RESOLVE):
                return kind, name
        return _NONE, ""

    @staticmethod
    def _document_reads(tokens: list[re.Match[str]], k: int) -> bool:
        """ "read" is a speech verb after a document: "The statement read in part: “…”" (not
        "signs which read “…”")."""
        return tokens[k].group() in ("read", "reads", "reading") and any(
            fold(t.group()) in DOCUMENTS for t in tokens[max(0, k - 8) : k]
        )

    def characterised(self, s_start: int, q_start: int) -> tuple[str, str]:
        """Who a fragment in quote marks is given to by the clause it stands in: the subject of
        a verb that calls, describes or accuses with words ("Trump characterized the call as
        “…”", "accusing her of “…”", "la ministra se refirió a ellos como “…”", "o governador
        chamou a medida de “…”") when nothing but that verb's object comes between them, or of
        a verb of view anywhere before it in the sentence ("the President is convinced that …
        “…”").  The subject must be a person or a body, named or resolved: a passive ("was
        called “…”"), an object or nobody gives (_NONE, "")."""
        text = self.p.text
        _, s_end = self.p.sentence_of(q_start)
        put = _PUT_IT.search(text, s_start, s_end)
        if put:
            kind, name = self.forward(put.start(1), put.end(1))  # "as Putin put it", "as the minister put it"
            if kind == _NAMED or (kind == _RESOLVE and name.startswith(_PERSON)):
                return kind, name
        start = max(s_start, text.rfind(";", s_start, q_start) + 1)
        tokens = _tokens(text, start, q_start)
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k]
            written, word = token.group(), fold(token.group())
            if not written[:1].islower():
                continue
            opinion = word in OPINION
            previous = fold(tokens[k - 1].group()) if k else ""
            if word in SAYINGS and k:
                # "Netanyahu's description of Turkey as a “…”", "in his words, …": the owner's
                inside = not any(t.group() in ",;:()—–" for t in tokens[k + 1 :])
                if word == "words" and fold(tokens[0].group()) == "in" and k <= 3:
                    inside = True  # "In Netanyahu's words, …" opens the sentence
                owner = tokens[k - 1]
                if inside and previous in POSSESSIVES:
                    return _RESOLVE, _PERSON
                named = self.p.name_ending_at(owner.end() - 2) if re.search(r"['’]s$", owner.group()) else None
                if inside and named is not None and named.text.lower() not in PRONOUNS:
                    return _NAMED, named.text
                continue
            if not (opinion or word in CHARACTERISING or _is_verb(written)):
                continue
            if re.search(r"(?:ado|ada|ido|ida)s?$", word) and not self.english and previous not in AUXILIARIES:
                continue  # "la llamada “…”", "a chamada “…”": an adjective, not a verb
            between = tokens[k + 1 :]
            opinion = opinion or (bool(between) and fold(between[0].group()) in ("that", "que"))  # "demanded that …"
            if not opinion and (
                len(between) > 10 or any(t.group() in ",;:()—–" or fold(t.group()) in CLAUSE_WORDS for t in between)
            ):
                return _NONE, ""  # the fragment is another clause's
            verb = token.start()
            if previous in COPULAS:
                if word not in VIEW_ADJECTIVES:
                    return _NONE, ""  # a passive: "was called “…”" says nothing of who calls it so
                verb = tokens[k - 1].start()
            return self._subject_of(start, verb)
        return _NONE, ""

    def passive_agent(self, s_start: int, q_start: int, q_end: int) -> tuple[str, str]:
        """The agent of a passive verb of saying or calling whose complement is the fragment:
        "was hailed as “…” by X", "fue calificada de “…” por la ministra", "foi classificada
        como “…” pelo governador"."""
        text = self.p.text
        agent = re.match(r"[\s,]*(?:by|por|pelo|pela)\s+", text[q_end : q_end + 12])
        if not agent:
            return _NONE, ""
        start = max(s_start, text.rfind(";", s_start, q_start) + 1)
        tokens = _tokens(text, start, q_start)
        for k in range(len(tokens) - 1, 0, -1):
            word = fold(tokens[k].group())
            if word in CHARACTERISING or _is_verb(tokens[k].group()):
                if fold(tokens[k - 1].group()) not in COPULAS or len(tokens) - k > 4:
                    return _NONE, ""  # not a passive, or not its complement
                _, s_end = self.p.sentence_of(q_start)
                at = q_end + agent.end()
                kind, name = self.forward(at, s_end)
                if not kind:
                    kind, name = self.noun_subject(at, self._phrase_end(at, s_end), bare=False)
                if kind == _NAMED or (kind == _RESOLVE and name.startswith(_PERSON)) or (kind == _BODY and name):
                    return kind, name
                return _BODY, ""  # "by critics": someone the text does not name, not the person before
        return _NONE, ""

    def _subject_of(self, start: int, verb: int) -> tuple[str, str]:
        """The subject of the verb at ``verb`` in the clause from ``start`` when it is a person
        or a body: the name or the role just before it, the sentence's subject for a gerund
        ("Trump lashed out …, accusing her of") or a second verb ("Trump called it …, and on
        Twitter referred to")."""
        text = self.p.text
        written = _TOKEN.match(text, verb)
        coordinated = re.search(
            r"(?:^|[\s,])(?:and|y|e)\s+(?:(?:on|in|at|en|em|no|na)\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s+)?(?:\w+ly\s+)?$",
            text[start:verb],
        )
        if written is not None and _GERUND.search(written.group()) and verb > start:
            own = self._own_subject(verb)
            kind, name = (_NAMED, own) if own else self.sentence_subject(start, verb)
        elif coordinated:
            kind, name = self.sentence_subject(start, start + coordinated.start())
        else:
            # a common noun first: "In Tehran, mourners chanted" is the mourners', not Tehran's
            opened = self._past_opener(start, verb)
            kind, name = self.noun_subject(opened, verb)
            comma = text.rfind(",", opened, verb)
            if not kind and comma > 0:
                opened = comma + 1  # "Outside the court, protesters chanted"
                kind, name = self.noun_subject(opened, verb)
            if not kind:
                kind, name = self.backward(verb, start)
            described = re.fullmatch(r"\s*((?:[A-ZÀ-Þ][\w-]+\s+)+[^\W\d_]+)\s*", text[opened:verb])
            if kind == _BODY and name and described:
                return _NAMED, described.group(1)  # "Chinese authorities": the body as the text names it
        if kind == _NAMED or (kind == _RESOLVE and name.startswith(_PERSON)) or (kind == _BODY and name):
            return kind, name
        return _NONE, ""

    def _apposed_to(self, end: int, start: int) -> str:
        """The person a description ending at ``end`` stands in apposition to: "Mykhailo
        Podolyak, an adviser to Zelensky", "Dmitry Peskov, the Kremlin spokesman", "Peskov,
        Putin's spokesman".  The description opens with a determiner, a possessive or a name's
        "'s" and has no verb; the person is named just before its comma."""
        text = self.p.text
        comma = text.rfind(",", start, end)
        if comma <= start or self.people is None:
            return ""
        chunk = _tokens(text, comma + 1, end)
        if not chunk or len(chunk) > 8 or any(_is_verb(t.group()) or t.group() in '“”"«»()' for t in chunk):
            return ""
        first = chunk[0].group()
        opens = first.lower() in _OPENS or re.match(r"\S+['’]s$", first)
        named = self.p.name_starting_at(chunk[0].start())
        if not opens and not (named is not None and text[named.end : named.end + 2] in ("'s", "’s")):
            return ""
        if not any(fold(t.group()) in _DESCRIBING for t in chunk):
            return ""
        person = self.p.name_ending_at(comma, start)
        return person.text if person is not None and self.is_person(person.text) else ""

    def _apposed_person(self, end: int) -> str:
        """The person named between commas right after ``end``."""
        text = self.p.text
        if text[end : end + 2] != ", ":
            return ""
        name = self.p.name_starting_at(end + 2)
        if name is None or text[name.end : name.end + 1] != "," or self.people is None:
            return ""
        return name.text if name.text in self.people else ""

    def _person_at_end(self, name: str) -> str:
        """The person a run of a place and a name ends with ("Scotland Nicola Sturgeon")."""
        words = name.split()
        if len(words) < 3:
            return ""
        if self.people is not None:
            known = [" ".join(words[i:]) for i in range(1, len(words) - 1) if " ".join(words[i:]) in self.people]
            if known:
                return known[0]
        last = words[-2:]
        return " ".join(last) if all(_PERSON_WORD.fullmatch(w) for w in last) else ""

    def _own_subject(self, verb: int) -> str:
        """A person named just before the gerund is its subject: "with Steve Scalise of
        Louisiana calling …" (not "outside Washington, D.C. saying")."""
        text = self.p.text
        at = len(text[:verb].rstrip())
        if at == verb or text[at - 1 : at] in ",;:":
            return ""
        name = self.p.name_ending_at(at)
        if name is None:
            return ""
        head = re.sub(r"\s+of\s+.*$", "", name.text)  # "Ross Spano of Florida"
        if self.people is not None and (name.text in self.people or head in self.people):
            return head
        looks_like_a_person = 2 <= len(head.split()) <= 3 and all(_PERSON_WORD.fullmatch(w) for w in head.split())
        return head if looks_like_a_person else ""

    # --- people made speakers or subjects, for pronouns and roles -------------------------

    def read(self) -> None:
        """The paragraph's names and sentences; a name right after a role word ("President
        Erdoğan", "Turkish Foreign Minister Mevlüt Çavuşoğlu") is a person's, whatever the Names
        view made of it."""
        self.p.read_names()
        if self.people is None or self.p.titled:
            return
        self.p.titled = True
        for name in self.p.names:
            words = name.text.split()
            looks_like_a_person = len(words) <= 4 and all(
                w[:1].isupper() and w[1:].islower() and w.replace("-", "").isalpha() for w in words
            )  # "Erdoğan", "Mevlüt Çavuşoğlu"; not "Nacional de Políticas Penais"
            previous = _WORD.findall(self.p.text[max(0, name.start - 25) : name.start])
            if not previous or fold(previous[-1]) not in _ROLE_WORDS:
                continue  # the cheap test first: no role word just before
            if looks_like_a_person and name.text not in self.people and not self.role_name(name.text):
                introduced = _introduced_as(self.p, name)
                if introduced and introduced[0] in _ROLE_WORDS:
                    self.people.add(name.text)

    def mentions(self) -> list[tuple[int, str]]:
        if self.p.mentions is not None:
            return self.p.mentions
        self.read()
        found: list[tuple[int, str]] = []
        text = self.p.text
        quoted = [(m.start, m.end) for m in self.p.quoted()]
        for s_start, s_end in self.p.sentences:
            if any(a <= s_start and s_end <= b for a, b in quoted):
                continue  # a sentence inside a quotation says who the speaker talks of
            kind, name = self.sentence_subject(s_start, s_end)
            if kind == _NAMED and self.is_person(name):
                found.append((s_start, name))
            for verb in SPEECH_VERB.finditer(text, s_start, s_end):
                agent = _AGENT.match(text, verb.end(), s_end)
                if _GERUND.search(verb.group()) and text[s_start : verb.start()].rstrip().endswith(","):
                    continue  # "Erdoğan called for cooperation in the Eastern Mediterranean, claiming …"
                if agent:
                    kind, name = self.forward(agent.end(), s_end)
                else:
                    kind, name = self.backward(verb.start(), s_start)
                if kind == _NAMED and self.is_person(name):
                    found.append((verb.start(), name))
            for source in _SOURCE.finditer(text, s_start, s_end):
                kind, name = self.forward(source.end(), s_end)
                if kind == _NAMED and self.is_person(name):
                    found.append((source.start(), name))
        found = sorted(m for m in found if not any(a <= m[0] < b for a, b in quoted))  # not "Moscow must" in a quote
        self.p.mentions = found
        return found


def _is_named_document(text: str, words: str, q_start: int) -> bool:
    """The name of a document or a plan after an article or "of", whoever speaks after it: el
    “Informe sobre el sistema de protección internacional en España”, publicado por …"""
    first = _WORD.match(words)
    previous = _WORD.findall(text[max(0, q_start - 12) : q_start])
    return (
        first is not None
        and first.group()[:1].isupper()
        and fold(first.group()) in _TITLED
        and bool(previous)
        and (fold(previous[-1]) in DETERMINERS or fold(previous[-1]) in OF or fold(previous[-1]) in ("del", "al", "ao"))
        and not re.search(r"[.!?]$", words.strip())
    )


def _is_phrase(text: str, words: str, q_start: int, characterised: bool = False, q_end: int = -1) -> bool:
    """Title Case words (“Operation Shield”), or a term after a verb of naming (not when a
    person or a body is its subject: "the minister termed “…”" gives the minister's words),
    or one word between "the" and "of" (the “independence” of …)."""
    if re.fullmatch(r"\S*\d\S*", words.strip(" .,")):
        return True  # a code or an identifier: “2019-nCoV”, “H1N1”
    tokens = _WORD.findall(words)
    content = [w for w in tokens if fold(w) not in _SMALL_WORDS]
    previous = _WORD.findall(text[max(0, q_start - 30) : q_start])
    the_of = len(tokens) == 1 and bool(previous) and previous[-1] in ("the", "The") and q_end >= 0
    if the_of and not characterised and re.match(r"\s+of\s", text[q_end : q_end + 4]):
        return True  # scare quotes: recognising the “independence” of the districts
    if content and all(w[:1].isupper() for w in content) and not re.search(r"[.!?]$", words.strip()):
        if sum(len(w) > 1 and w.isupper() for w in tokens) >= 3:
            return False  # words written in capitals, shouted or tweeted: “IRAN WILL BE HIT VERY HARD”
        introduced = _INTRODUCED.search(text, max(0, q_start - 30), q_start)
        if introduced and _is_verb(introduced.group(1)) and fold(introduced.group(1)) not in NAMING:
            return False  # “…” after a speech verb and a colon or a comma: Trump tweeted, “Iran Will Be Hit”
        # a title or a name, unless a person or a body gives it as what something is: "X
        # referred to the vote as “The Big Hoax”"
        said_as = previous and (previous[-1].lower() in ("as", "como") or fold(previous[-1]) in UTTERING)
        return not (characterised and said_as)
    naming = bool(previous) and (fold(previous[-1]) in NAMING or " ".join(previous[-2:]).lower() == "known as")
    return naming and not characterised


def find_quotes(
    paragraphs: Iterable[tuple[str, int, str, str]],
    people: set[str] | None = None,
    spans: dict[tuple[str, int], list[NameSpan]] | None = None,
) -> list[Quote]:
    """Every quote of the body ``paragraphs`` — ``(doc_id, n, outlet, text)``, each
    document's in order — with its speaker.  ``people``: the names (as written) of the
    case's people, whom pronouns and roles may stand for (None: any name); ``spans``: each
    paragraph's ``name_spans`` when they were read already (by the Names view)."""
    quotes: list[Quote] = []
    doc: str | None = None
    recent: list[tuple[_Paragraph, _Reader]] = []
    earlier: list[_Paragraph] = []  # the document's paragraphs so far, where a body was named
    said: list[tuple[int, int, str]] = []  # (paragraph number in the document, offset, speaker) of quotes
    left_open: list[Quote] = []  # the parts so far of a quotation left open in the paragraph before
    guessed: set[int] = set()  # the quotes whose speaker is the last one's (no speaker in their sentence)
    index = 0
    doc_people: _People | None = None  # the case's people, and the people this document names after a role
    pending: list[tuple[Quote, int, int]] = []  # a role or a pronoun with nobody before: (quote, paragraph, offset)
    readers: list[_Reader] = []  # the document's paragraphs so far
    for doc_id, n, outlet, text in paragraphs:
        if doc_id != doc:
            _named_after(pending, readers)
            pending, readers = [], []
            doc, recent, said, left_open, index, earlier = doc_id, [], [], [], 0, []
            doc_people = _People(people) if people is not None else None
        index += 1
        para = _Paragraph(text, spans=spans.get((doc_id, n)) if spans is not None else None)
        earlier.append(para)
        matches = quoted_spans(text, goes_on=bool(left_open))
        if not left_open:
            para.keep_quoted(matches)
        reader = _Reader(para, doc_people)
        readers.append(reader)
        recent = [*recent[-LOOK_BACK:], (para, reader)]
        chain, left_open = left_open, []
        if not matches:
            continue
        reader.read()
        found = []
        for match in matches:
            raw = text[match.words_start : match.words_end]
            words = raw.strip(" ,.;:")
            if not _WORD.search(words) or _CODE.search(words):
                continue
            s_start, _ = para.sentence_of(match.start)
            found.append((match, raw, words, s_start, (_NONE, "") if match.runs_on else reader.after(match.end)))
        # The attribution that closes a sentence is its other quotes' too ("“a” … “b”, ha precisado").
        closing = {s_start: attribution for *_, s_start, attribution in found if attribution[0]}
        cut = False  # the quote before was cut where its mark opened again
        for match, raw, words, s_start, attribution in found:
            start = match.words_start + len(raw) - len(raw.lstrip(" ,.;:"))
            runs_on = match.runs_on
            own = attribution[0] != _NONE
            kind, name = attribution if own else reader.before(s_start, match.start)
            if not kind and s_start in closing:
                kind, name = closing[s_start]
            if not kind and not runs_on:
                kind, name = reader.reporting_clause(match.end)
            if not kind and not runs_on:
                kind, name = reader.source_after(match.end)
            if not kind and not runs_on:
                kind, name = reader.announced_after(match.end)
            characterised = False
            if not own and not runs_on:
                by = reader.passive_agent(s_start, match.start, match.end)
                if by[0]:
                    kind, name = by  # "was hailed as “…” by X": X's words, whoever spoke before
                    characterised = bool(name)
            if not kind and not runs_on:
                kind, name = reader.characterised(s_start, match.start)
                characterised = bool(kind)
            explicit = bool(kind)
            # a sentence of its own in quote marks, however short ("“We will win.”", "“Vamos vencer”."
            # with the full stop outside), is someone's words
            after_mark = text[match.end : para.sentence_of(match.start)[1]]
            sentence = (
                match.start - s_start <= 1
                and words[:1].isupper()
                and re.match(r"[.!?]?\s*$", after_mark) is not None
                and (re.search(r"[.!?]$", raw.strip()) is not None or re.match(r"[.!?]", after_mark))
            )
            short = len(_WORD.findall(words)) <= SHORT and not sentence
            # a quotation going on from the paragraph before (opening with the mark again, or
            # with none and its closing mark), or from the part before the mark opened again
            going_on = bool(chain) and (match.start <= 1 or cut)
            if not explicit and going_on:
                kind, name = _NAMED, chain[0].speaker
            elif not explicit and not short and match.start - s_start <= 1:
                kind = _RESOLVE  # a sentence that is a quotation: the last speaker goes on
            phrase = (
                (short and not explicit)
                or (not own and _is_phrase(text, words, match.start, characterised, match.end))
                or _is_named_document(text, words, match.start)
            )
            if phrase and explicit and not own and not characterised and not runs_on:
                # a speech verb earlier in the sentence, and a verb that calls or describes
                # right before the fragment: "X called it a “…”, and referred to it as “…”"
                said_so = reader.characterised(s_start, match.start)
                if said_so[0] and not _is_phrase(text, words, match.start, True):
                    phrase, kind, name = False, *said_so
            speaker = name if kind == _NAMED and not phrase else ""
            if kind == _RESOLVE and not phrase:
                speaker = _resolve(recent, said, index, match.start, doc_people if name.startswith(_PERSON) else None)
                if speaker and name.startswith(_PERSON + ":"):
                    # "the Ukrainian president" is not the last person named when the document
                    # introduced that person with another role: it is the one it introduced so
                    _, role_word, modifiers = name.split(":", 2)
                    speaker = _role_holder(earlier, index, match.start, role_word, modifiers, doc_people, speaker)
            if kind == _BODY and not phrase and name:
                speaker = _body(earlier, index, s_start, name, doc_people)
            end = start + len(words)
            quote = Quote(words, speaker, doc_id, n, outlet, start, end, kind="phrase" if phrase else "quote")
            quotes.append(quote)
            nobody_yet = kind == _RESOLVE and not phrase and not speaker and name.startswith(_PERSON)
            if nobody_yet and not any(who for *_, who in said) and not _anyone_before(readers, match.start):
                pending.append((quote, index, match.start))
            if speaker or (kind == _BODY and not phrase):
                said.append((index, match.start, speaker))  # someone unnamed speaks last: not the person before
            if not explicit:
                guessed.add(id(quote))
            parts = [*chain, quote] if going_on else [quote]
            if going_on and speaker:  # the speaker named at its end is the first parts' too
                for part in chain:
                    if not part.speaker or (own and id(part) in guessed):
                        part.speaker = speaker  # named after the closing mark: not the last person guessed
            chain, cut = (parts, True) if match.form == "cut" else ([], False)
            if match.form == "open":
                left_open = parts
    _named_after(pending, readers)
    _link(quotes)
    return quotes


def _anyone_before(readers: list[_Reader], at: int) -> bool:
    """Whether the document made anyone a speaker or a subject before offset ``at`` of its
    last paragraph."""
    *before, last = readers
    return any(r.mentions() for r in before) or any(offset < at for offset, _ in last.mentions())


def _named_after(pending: list[tuple[Quote, int, int]], readers: list[_Reader]) -> None:
    """A role or a pronoun before anyone is named in its document ("“…,” the President said"
    opening a release): the first person the document makes a speaker or a subject after it,
    within LOOK_BACK paragraphs ("… Volodymyr Zelenskyy noted that …")."""
    for quote, index, at in pending:
        if quote.speaker:
            continue  # a part of a quotation whose speaker was named at its end
        for number in range(index, min(len(readers), index + LOOK_BACK) + 1):
            later = [name for offset, name in readers[number - 1].mentions() if number > index or offset > at]
            if later:
                quote.speaker = later[0]
                break


def _body(earlier: list[_Paragraph], index: int, at: int, nouns: str, people: _People | None) -> str:
    """Who a definite common noun stands for ("the ministry", "the statement", "o tribunal"):
    its last mention before offset ``at`` of paragraph ``index`` (the last of ``earlier``),
    where it is a word of a name that is not a person's ("Ministry of Health", "Supremo
    Tribunal Federal"), or follows a name ("the Biden administration"), or is a document a
    named subject brought in ("The Pentagon said in a statement", "Zelensky issued a
    statement").  When that mention is the bare noun again ("the court" … "the court"), the one
    body of that noun the document names; "" when it names none or several."""
    heads = set(nouns.split())
    last = True  # the last mention is read; before it, only the document's names of that noun
    named: set[str] = set()
    for number in range(index - 1, max(-1, index - 1 - BODY_LOOK_BACK), -1):
        para = earlier[number]
        if not any(head in para.folded for head in heads):
            continue
        limit = at if number == index - 1 else len(para.text)
        hits = [m for m in _WORD.finditer(para.text, 0, limit) if fold(m.group()) in heads]
        if not hits:
            continue
        para.read_names()
        for hit in reversed(hits):
            body = ""
            for name in para.names:
                if (people is not None and name.text in people) or name.start > hit.start():
                    continue
                if hit.start() < name.end:
                    body = _whole_name(para, name)  # "Ministry of Health"
                elif para.text[name.end : hit.start()] == " ":
                    body = para.text[name.start : hit.end()]  # "the Biden administration"
            if last and not body and fold(hit.group()) in DOCUMENTS:
                article = _WORD.findall(para.text[max(0, hit.start() - 4) : hit.start()])
                if article and (fold(article[-1]) in INDEFINITE or article[-1].lower() == "a"):
                    s_start, _ = para.sentence_of(hit.start())
                    kind, issuer = _Reader(para, people).sentence_subject(s_start, hit.start())
                    return issuer if kind == _NAMED else ""  # "Zelensky issued a statement"
            if last and body:
                return body
            last = False
            if body:
                named.add(body)
    return next(iter(named)) if len(named) == 1 else ""


def _whole_name(para: _Paragraph, name: NameSpan) -> str:
    """A body's name with the names its "on", "for", "de" join to it ("United States
    Commission on Presidential Debates", "Office for National Statistics")."""
    joined = re.match(r" (?:on|for|of|de|del|do|da|dos|das) ", para.text[name.end : name.end + 6])
    following = para.name_starting_at(name.end + joined.end()) if joined else None
    return para.text[name.start : following.end] if following is not None else name.text


def _role_holder(
    earlier: list[_Paragraph],
    index: int,
    at: int,
    role: str,
    modifiers: str,
    people: _People | None,
    last: str,
) -> str:
    """Who a role stands for ("the Ukrainian president", "o ministro"), given ``last``, the
    last person named before offset ``at`` of paragraph ``index``: ``last`` when the document
    introduced them with that role (and the ``modifiers``' country, by their first four
    letters) or with no role at all; else the last person it introduced so ("Ukrainian
    President Volodymyr Zelensky", "o ministro da Fazenda, Fernando Haddad"); else ``last``."""
    if people is None:
        return last
    wanted = {fold(m)[:4] for m in _WORD.findall(modifiers) if len(m) > 1}

    def fits(introduced: list[str]) -> bool:
        return role in introduced and (not wanted or any(w[:4] in wanted for w in introduced))

    holder = ""
    last_roles: list[list[str]] = []
    for number in range(index - 1, max(-1, index - 1 - ROLE_LOOK_BACK), -1):
        para = earlier[number]
        para.read_names()
        limit = at if number == index - 1 else len(para.text)
        for name in reversed(para.names):
            if name.end > limit or name.text not in people:
                continue
            introduced = _introduced_as(para, name)
            if not any(w in _INTRODUCING for w in introduced):
                continue
            if name.text == last or name.text in last or last in name.text:
                last_roles.append(introduced)
            elif not holder and fits(introduced):
                holder = name.text
    if not last_roles or any(fits(introduced) for introduced in last_roles):
        return last
    return holder or last


def _introduced_as(para: _Paragraph, name: NameSpan) -> list[str]:
    """The folded words that introduce a name just before it: its role, the role's country
    or office, articles ("the Ukrainian President", "o ministro da Fazenda,")."""
    found: list[str] = []
    for token in reversed(_tokens(para.text, max(0, name.start - 80), name.start)[-8:]):
        written, word = token.group(), fold(token.group())
        if written == "," and not found:
            continue  # "o ministro da Fazenda, Fernando Haddad"
        if written[:1].isupper() or word in _INTRODUCING or word in OF or word in DETERMINERS:
            found.append(word)
        else:
            break
    return found


def _resolve(
    recent: list[tuple[_Paragraph, _Reader]],
    said: list[tuple[int, int, str]],
    index: int,
    at: int,
    people: _People | None = None,
) -> str:
    """The last person made a speaker or a subject before offset ``at`` of paragraph
    ``index`` (the last of ``recent``), within LOOK_BACK paragraphs.  ``people``: for "he",
    "she" or a role, a speaker that is a body ("the Ministry of Foreign Affairs") is passed over."""
    best: tuple[int, int, str] | None = None
    first = index - len(recent) + 1
    for i, (_, reader) in enumerate(recent):
        number = first + i
        for offset, name in reader.mentions():
            if number == index and offset >= at:
                break
            if best is None or (number, offset) > best[:2]:
                best = (number, offset, name)
    for number, offset, name in said:
        if people is not None and name and name not in people:
            continue
        if number >= first and (number < index or offset < at) and (best is None or (number, offset) > best[:2]):
            best = (number, offset, name)
    return best[2] if best else ""


def _words(text: str) -> str:
    return " ".join(fold(w) for w in _WORD.findall(text))


def _link(quotes: list[Quote]) -> None:
    """The same quote in two outlets: linked, and flagged when the words differ.

    Only pairs that share at least half the words of the shorter quote are compared
    character by character, and cheap upper bounds of the similarity come first: comparing
    every pair took 45 s on 65 real articles (162,000 pairs).
    """
    keys = [_words(q.text) for q in quotes]
    sets = [set(key.split()) for key in keys]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if len(key) >= 8:
            for word in sets[i]:
                postings[word].append(i)
    for i, a in enumerate(quotes):
        if len(keys[i]) < 8:
            continue
        shared: Counter[int] = Counter()
        for word in sets[i]:
            shared.update(j for j in postings[word] if j > i)
        for j, count in shared.items():
            b = quotes[j]
            if a.outlet == b.outlet or count * 2 < min(len(sets[i]), len(sets[j])):
                continue
            if keys[i] == keys[j] or _similar(keys[i], keys[j]):
                a.linked.append((b.doc_id, b.n, b.outlet))
                b.linked.append((a.doc_id, a.n, a.outlet))
                if a.text != b.text:
                    a.wording_differs = b.wording_differs = True


def _similar(a: str, b: str) -> bool:
    if 2 * min(len(a), len(b)) < SAME_QUOTE * (len(a) + len(b)):
        return False  # the ratio cannot reach the threshold with lengths this far apart
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= SAME_QUOTE
        and matcher.quick_ratio() >= SAME_QUOTE
        and matcher.ratio() >= SAME_QUOTE
    )
