"""What a search means for the reader's notes (``core/search/query.py``: ``note_words``): the
words it asks for, read by the query parser, so a note query means one thing everywhere."""

from __future__ import annotations

import pytest

from casereader.core import note_words


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("bukele", "bukele"),
        ('"only 32 men" Cristosal', "only 32 men Cristosal"),
        ("crim* Zapatero~1 Zapatro~2", "crim Zapatero Zapatro"),
        ("bukele outlet:wola date:[2025-04-01 TO 2025-05-31]", "bukele"),  # filters are about documents
        ("bukele -cecot", "bukele"),
        ("bukele NOT cecot", "bukele"),  # the word after NOT is excluded too
        ("bukele NOT (cecot OR prison)", "bukele"),
        ("(bukele OR rubio) AND +cecot", "bukele rubio cecot"),
        ("NOT NOT bukele", "bukele"),  # excluded twice is asked for
        ("outlet:wola", ""),
        ("bukele (", ""),  # a query that cannot run looks for no notes
        ("", ""),
    ],
)
def test_note_words_are_the_words_the_search_asks_for(query: str, words: str) -> None:
    assert note_words(query) == words
