"""The query language, parsed by hand so every mistake gets a one-line explanation.

Grammar (words are ANDed unless OR stands between them)::

    query   := or ( "OR" or )*
    or      := unary ( ["AND"] unary )*
    unary   := ("NOT" | "-") unary | ["+"] atom
    atom    := "(" query ")" | FIELD ":" value | value
    value   := "phrase" | [low TO high] | word | prefix* | fuzzy~ | fuzzy~N

The parser produces a small tree of plain dataclasses; :mod:`casereader.core.search.searchable` turns
that tree into Whoosh queries.  Nothing here imports Whoosh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields import field_names, field_spec

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 32  # nested parentheses and NOTs: deeper is a mistake, and would exhaust the stack
MIN_PREFIX = 3
MAX_FUZZY = 2


class QueryError(ValueError):
    """A query casereader cannot run; ``str(error)`` is a one-line explanation."""


@dataclass(frozen=True)
class Word:
    text: str  # as typed
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Filter:
    field: str
    value: str
    phrase: bool = False


@dataclass(frozen=True)
class Range:
    field: str
    low: str
    high: str


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


Node = Word | Phrase | Filter | Range | Not | And | Or


@dataclass
class _Tok:
    kind: str  # WORD, PHRASE, RANGE, LP, RP, OR, AND, NOT, MINUS, PLUS, FIELD
    value: str
    pos: int
    extra: tuple[str, ...] = field(default_factory=tuple)


_RANGE = re.compile(r"[\[{]\s*(?P<low>\S*?)\s+TO\s+(?P<high>\S*?)\s*[\]}]", re.I)
_FIELD = re.compile(r"(?P<name>[A-Za-z_]+):(?=\S)")
_WORD_END = re.compile(r'[\s()"]')


def _lex(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "(":
            toks.append(_Tok("LP", ch, i))
            i += 1
            continue
        if ch == ")":
            toks.append(_Tok("RP", ch, i))
            i += 1
            continue
        if ch in '"“”':
            close = re.compile(r'["“”]').search(text, i + 1)
            if close is None:
                raise QueryError(f"missing closing quote for the phrase starting at {text[i : i + 20]!r}")
            toks.append(_Tok("PHRASE", text[i + 1 : close.start()], i))
            i = close.end()
            continue
        if ch in "[{":
            match = _RANGE.match(text, i)
            if not match:
                raise QueryError("a range is written [low TO high], e.g. date:[2025-04-01 TO 2025-05-31]")
            toks.append(_Tok("RANGE", match.group(), i, (match["low"], match["high"])))
            i = match.end()
            continue
        if ch in "-+" and i + 1 < n and not text[i + 1].isspace():
            toks.append(_Tok("MINUS" if ch == "-" else "PLUS", ch, i))
            i += 1
            continue
        field_match = _FIELD.match(text, i)
        if field_match:
            toks.append(_Tok("FIELD", field_match["name"], i))
            i = field_match.end()
            continue
        end_match = _WORD_END.search(text, i)
        end = end_match.start() if end_match else n
        word = text[i:end]
        kind = {"OR": "OR", "AND": "AND", "NOT": "NOT", "||": "OR", "&&": "AND"}.get(word, "WORD")
        toks.append(_Tok(kind, word, i))
        i = end
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"the query nests parentheses or NOTs more than {MAX_DEPTH} deep")

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "RP":
                raise QueryError("a ')' has no matching '('")
            raise QueryError(f"unexpected {tok.value!r}")
        return node

    def or_expr(self) -> Node:
        nodes = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind in ("RP", "OR"):  # type: ignore[union-attr]
                raise QueryError("OR needs a word on both sides")
            nodes.append(self.and_expr())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def and_expr(self) -> Node:
        nodes: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "RP"):
            if tok.kind == "AND":
                self.take()
                if not nodes:
                    raise QueryError("AND needs a word on both sides")
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", "RP", "AND"):
                    raise QueryError("AND needs a word on both sides")
                continue
            nodes.append(self.unary())
        if not nodes:
            tok = self.peek()
            if tok is None:
                raise QueryError("nothing to search for")
            if tok.kind == "OR":
                raise QueryError("OR needs a word on both sides")
            raise QueryError("empty parentheses")
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def unary(self) -> Node:
        tok = self.take()
        if tok.kind in ("NOT", "MINUS"):
            if self.peek() is None or self.peek().kind in ("OR", "RP", "AND"):  # type: ignore[union-attr]
                raise QueryError(f"{tok.value} needs a word after it")
            self.deeper()
            inner = self.unary()
            self.depth -= 1
            return inner.node if isinstance(inner, Not) else Not(inner)
        if tok.kind == "PLUS":
            if self.peek() is None or self.peek().kind in ("OR", "RP", "AND"):  # type: ignore[union-attr]
                raise QueryError("+ needs a word after it")
            self.deeper()
            node = self.unary()
            self.depth -= 1
            return node
        return self.atom(tok)

    def atom(self, tok: _Tok) -> Node:
        if tok.kind == "LP":
            if self.peek() is None:
                raise QueryError("a '(' is never closed")
            self.deeper()
            node = self.or_expr()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "RP":
                raise QueryError("a '(' is never closed")
            self.take()
            return node
        if tok.kind == "RP":
            raise QueryError("a ')' has no matching '('")
        if tok.kind == "PHRASE":
            return Phrase(tok.value)
        if tok.kind == "RANGE":
            raise QueryError("a range needs a field, e.g. date:[2025-04-01 TO 2025-05-31]")
        if tok.kind == "FIELD":
            return self.field(tok)
        return _word(tok.value)

    def field(self, tok: _Tok) -> Node:
        spec = field_spec(tok.value)
        if spec is None:
            raise QueryError(
                f"unknown field {tok.value + ':'!r}; fields are {field_names()}"
                " (put the word in quotes to search for it as text)"
            )
        name = spec.name
        value = self.peek()
        if value is None or value.kind in ("LP", "RP", "OR", "AND", "NOT", "FIELD"):
            raise QueryError(f"{tok.value}: needs a value, e.g. {spec.example}")
        self.take()
        if value.kind == "RANGE":
            if not spec.date:
                raise QueryError("only date: takes a range")
            low, high = value.extra
            for end in (low, high):
                if end not in ("", "*") and not re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", end):
                    raise QueryError(f"{end!r} is not a date; write 2025, 2025-07 or 2025-07-21")
            return Range(name, low.strip("*"), high.strip("*"))
        if value.kind in ("MINUS", "PLUS"):
            raise QueryError(f"{tok.value}: needs a value, e.g. {spec.example}")
        if spec.date and not re.fullmatch(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", value.value):
            raise QueryError(f"{value.value!r} is not a date; write 2025, 2025-07 or 2025-07-21")
        return Filter(name, value.value, phrase=value.kind == "PHRASE")


def _word(text: str) -> Word:
    spec = field_spec(text[:-1]) if text.endswith(":") else None
    if spec is not None:
        raise QueryError(f"{text} needs a value right after the colon, e.g. {spec.example}")
    if text.startswith(("*", "?")):
        raise QueryError(f"{text!r}: a word cannot start with a wildcard; write its first letters, e.g. crim*")
    fuzzy = 0
    prefix = False
    match = re.fullmatch(r"(?P<w>.*?)~(?P<d>\d*)", text)
    if match and match["w"]:
        text = match["w"]
        distance = int(match["d"]) if match["d"] else 1
        if distance < 1:
            raise QueryError(f"{text}~{match['d']}: a fuzzy distance is 1 or 2")
        fuzzy = min(distance, MAX_FUZZY)
    if "*" in text or "?" in text:
        core = text.rstrip("*")
        if "*" in core or "?" in core:
            raise QueryError(f"{text!r}: only a trailing * is supported (prefix search, e.g. negotiat*)")
        if fuzzy:
            raise QueryError(f"{text!r}: a word cannot be both a prefix (*) and fuzzy (~)")
        letters = re.sub(r"[\W_]", "", core)
        if len(letters) < MIN_PREFIX:
            raise QueryError(f"{text!r}: a prefix needs at least {MIN_PREFIX} letters before the *")
        text, prefix = core, True
    return Word(text, prefix=prefix, fuzzy=fuzzy)


# Characters that hide inside a word pasted from a page (a soft hyphen, a zero-width space, a
# word joiner, a BOM): taken out before parsing, as ingestion takes them out of the text, so
# "Bo\u00adlívar" is "Bolívar".  Joiners that shape scripts (ZWJ, ZWNJ) stay.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def without_invisible(text: str) -> str:
    """The query without the invisible characters that split words."""
    return text.translate(_INVISIBLE)


def parse(text: str, max_chars: int = MAX_QUERY_CHARS) -> Node:
    """Parse a query; raise QueryError with a one-line explanation when it can't be run."""
    text = without_invisible(text)
    if len(text) > max_chars:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {max_chars}")
    if "\x00" in text:
        raise QueryError("the query contains a NUL character")
    node = _Parser(_lex(text)).parse()
    if not _has_positive(node):
        raise QueryError("NOT only excludes: add a word or a field to search for, e.g. bukele NOT outlet:wola")
    return node


def _has_positive(node: Node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(n) for n in node.nodes)
    if isinstance(node, Or):
        return all(_has_positive(n) for n in node.nodes)
    return True


@dataclass(frozen=True)
class QueryPlan:
    """A query parsed once.  Field filters ANDed at its top are applied as document sets;
    the rest is scored.  ``plain_words`` are the words typed as they are (not prefixes,
    fuzzy or excluded): 'did you mean' looks for them in the case."""

    text: str
    node: Node
    filters: tuple[Filter | Range, ...]
    rest: Node | None
    plain_words: tuple[Word, ...]


def plan(text: str, max_chars: int = MAX_QUERY_CHARS) -> QueryPlan:
    """Parse a query into a plan; raise QueryError with a one-line explanation when it can't.
    ``max_chars``: larger for a query widened by the case's aliases (the user typed less)."""
    node = parse(text, max_chars)
    filters, rest = _split_filters(node)
    words = tuple(_plain_words(rest, True)) if rest is not None else ()
    return QueryPlan(text, node, tuple(filters), rest, words)


def _split_filters(node: Node) -> tuple[list[Filter | Range], Node | None]:
    """Field filters ANDed at the top of a query, and the rest."""
    if isinstance(node, Filter | Range):
        return [node], None
    if isinstance(node, And):
        filters = [n for n in node.nodes if isinstance(n, Filter | Range)]
        rest = [n for n in node.nodes if not isinstance(n, Filter | Range)]
        if filters and rest and any(not isinstance(n, Not) for n in rest):
            return filters, rest[0] if len(rest) == 1 else And(tuple(rest))
        if filters and not rest:
            return filters, None
    return [], node


def _plain_words(node: Node, positive: bool) -> list[Word]:
    if isinstance(node, And | Or):
        return [w for n in node.nodes for w in _plain_words(n, positive)]
    if isinstance(node, Not):
        return _plain_words(node.node, not positive)
    if isinstance(node, Word) and positive and not node.prefix and not node.fuzzy:
        return [node]
    return []


def note_words(text: str) -> str:
    """The words a search asks for, to look for in the reader's notes: its words and phrases
    (a prefix or a fuzzy word by its letters as typed), without field filters or what it
    excludes; "" for a query that cannot run.  The notes are matched by these words (each as
    a prefix, see ``NoteFilter.query``), in the app and on the command line alike."""
    try:
        node = parse(text)
    except QueryError:
        return ""
    return " ".join(_searched_words(node, True))


def _searched_words(node: Node, positive: bool) -> list[str]:
    if isinstance(node, And | Or):
        return [w for n in node.nodes for w in _searched_words(n, positive)]
    if isinstance(node, Not):
        return _searched_words(node.node, not positive)
    if not positive:
        return []
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Phrase):
        return node.text.split()
    return []  # a field filter or a range: about the documents, not the notes' words
