"""The fields a query may name, as one table: the parser, its error messages and the help
screen all read it, so a new field is one row here and its filter in ``compile.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    description: str  # what the field filters on, for the help screen and error messages
    example: str  # a query using it, shown when the field is written without a value
    aliases: tuple[str, ...] = ()
    date: bool = False  # values are dates (2025, 2025-07, 2025-07-21) and ranges of them


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("outlet", "the outlet that published the document", "outlet:wola", ("source",)),
    FieldSpec("author", "the document's author", 'author:"misión verdad"', ("by",)),
    FieldSpec("title", "words of the document's title", "title:spectacle"),
    FieldSpec(
        "date",
        "a year, month or day (2025-07-21), or [2025-04-01 TO 2025-05-31]",
        "date:2025-07",
        date=True,
    ),
    FieldSpec("lang", "the document's language code (en, es, pt...)", "lang:en", ("language",)),
    FieldSpec("doc", "a document id, as search results show it", "doc:004_2e854cc63dbf4071", ("id",)),
    FieldSpec("kind", "body, heading, caption, tagline, byline, credit or title", "kind:heading"),
)

_BY_NAME = {name: spec for spec in FIELDS for name in (spec.name, *spec.aliases)}


def field_spec(name: str) -> FieldSpec | None:
    """The field a query names, by its name or an alias, in any case."""
    return _BY_NAME.get(name.lower())


def field_names() -> str:
    """``outlet, author, title, …`` for error messages."""
    return ", ".join(spec.name for spec in FIELDS)
