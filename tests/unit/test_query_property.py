from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casereader.core import Case, QueryError
from casereader.core.search.query import parse

QUERY_ALPHABET = st.sampled_from(
    [*list('abcxyzé ÁRÍ"()[]{}*?~:-+^!&|\\/'), "AND", "OR", "NOT", "TO", "date:", "outlet:", "nofield:", " "]
)


@given(st.text(max_size=80))
@settings(max_examples=400)
def test_parser_never_fails_except_with_query_error(text: str) -> None:
    try:
        parse(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)


@given(st.lists(QUERY_ALPHABET, max_size=25).map("".join))
@example("]OR a")  # 9 paragraphs have both words; 27 with some of them follow, not counted
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_fails_except_with_query_error(seeds_case: Case, text: str) -> None:
    try:
        result = seeds_case.search(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        # The paragraphs with only some of the words follow the counted ones and are not counted.
        counted = result.hits if result.some_words_from is None else result.hits[: result.some_words_from]
        assert result.total >= len(counted)
