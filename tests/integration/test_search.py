from collections.abc import Callable

import pytest

from casereader.core import Case, QueryError, Ref
from casereader.core.text.analysis import fold

from ..conftest import ORINOCO, WOLA


def marked(hit) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.text[s.start : s.end] for s in hit.spans]


def test_accent_folding_finds_and_highlights_as_written(seeds_case: Case) -> None:
    result = seeds_case.search("Rodriguez")
    assert result.total == 4
    assert all("Rodríguez" in marked(h) for h in result.hits)
    result = seeds_case.search("Maiquetía")  # the text has "Maiquetia"
    assert result.total == 2
    assert marked(result.hits[0]) == ["Maiquetia"]


def test_highlight_offsets_equal_the_query_word_as_written(seeds_case: Case) -> None:
    for query, written in (("bukele", "Bukele"), ("cecot", "CECOT"), ("zapatero", "Zapatero")):
        for hit in seeds_case.search(query).hits:
            assert marked(hit) and set(marked(hit)) <= {written}


def test_stemming_matches_inflected_forms(seeds_case: Case) -> None:
    words = {w.lower() for h in seeds_case.search("negotiation", limit=50).hits for w in marked(h)}
    assert {"negotiations", "negotiation"} <= words
    assert "records" in {w for h in seeds_case.search("record", limit=50).hits for w in marked(h)}


def test_all_words_must_match_by_default_or_widens(seeds_case: Case) -> None:
    both = seeds_case.search("Rodriguez Bukele")
    assert both.total == 1 and both.hits[0].ref == Ref(ORINOCO, 15)
    # Fewer than a page have both words: the paragraphs with one of them follow, marked.
    assert both.some_words_from == 1 and len(both.hits) > 1
    assert both.notes[-1] == "then paragraphs with some of these words"
    for hit in both.hits[1:]:
        assert {"rodriguez", "bukele"} & {fold(w) for w in marked(hit)}
    assert both.to_json()["some_words_from"] == 1
    assert seeds_case.search("Bukele").some_words_from is None  # one word: nothing to widen
    either = seeds_case.search("Rodriguez OR Bukele")
    assert either.total > seeds_case.search("Bukele").total


def test_not_and_minus_exclude(seeds_case: Case) -> None:
    plain = {h.ref for h in seeds_case.search("Bukele", limit=50).hits}
    without = {h.ref for h in seeds_case.search("Bukele -Rodriguez", limit=50).hits}
    assert without == plain - {Ref(ORINOCO, 15)}
    assert without == {h.ref for h in seeds_case.search("Bukele NOT Rodriguez", limit=50).hits}


def test_exact_phrase(seeds_case: Case) -> None:
    result = seeds_case.search('"criminal record"', limit=50)
    assert result.total == 4
    for hit in result.hits:
        assert all(w.lower().startswith("criminal record") for w in marked(hit))
    assert seeds_case.search('"record criminal"').total == 0


def test_prefix_and_stem_aware_prefix(seeds_case: Case) -> None:
    crim = seeds_case.search("crim*", limit=50)
    words = {w.lower() for h in crim.hits for w in marked(h)}
    assert {"criminal", "crime", "crimes"} <= words
    assert seeds_case.search("negotiat*").total >= 8  # stems "negoti" as well


def test_fuzzy(seeds_case: Case) -> None:
    result = seeds_case.search("Bukle~")
    assert result.total == seeds_case.search("Bukele").total
    assert set(marked(result.hits[0])) == {"Bukele"}


def test_field_filters(seeds_case: Case) -> None:
    assert {h.citation.doc_id for h in seeds_case.search("due process outlet:wola", limit=50).hits} == {WOLA}
    assert seeds_case.search("outlet:wola Zapatero").total == 0
    assert seeds_case.search('author:"misión verdad" clown').hits[0].ref == Ref(ORINOCO, 15)
    assert {h.citation.doc_id for h in seeds_case.search("252 date:2025-07", limit=50).hits} == {ORINOCO}
    ranged = seeds_case.search("252 date:[2025-04-01 TO 2025-05-31]", limit=50)
    assert {h.citation.doc_id for h in ranged.hits} == {WOLA}
    assert seeds_case.search("lang:en 252").total == seeds_case.search("252").total
    assert seeds_case.search("lang:es 252").total == 0
    only = seeds_case.search("outlet:wola")
    assert only.total == 13 and all(h.citation.outlet == "WOLA" for h in only.hits)


def test_a_filter_matching_no_document_says_so(seeds_case: Case) -> None:
    result = seeds_case.search("bukele outlet:reuters")
    assert result.total == 0
    assert any("no document has outlet 'reuters'" in n and "WOLA" in n for n in result.notes)


def test_body_text_ranks_before_furniture(seeds_case: Case) -> None:
    result = seeds_case.search("Venezuela", limit=100)
    kinds = [h.kind for h in result.hits]
    assert "body" in kinds and "caption" in kinds
    first_furniture = next(i for i, k in enumerate(kinds) if k != "body")
    assert all(k != "body" for k in kinds[first_furniture:])


def test_source_annotation(seeds_case: Case) -> None:
    hit = seeds_case.search('"only 32 men"').hits[0]
    assert hit.ref == Ref(ORINOCO, 35)
    assert hit.citation.annotation() == "Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35"
    assert hit.citation.title.startswith("The Repatriation of the 252")
    wola = seeds_case.search("refoulement").hits[0]
    assert wola.citation.annotation() == "WOLA · 2025-04-25 · ¶13"


def test_did_you_mean(seeds_case: Case) -> None:
    result = seeds_case.search("Rodrigez Zapatero")
    assert result.suggestion == "Rodríguez Zapatero"
    # The word no paragraph has is named; the paragraphs with the other one are listed.
    assert result.missing_words == ["Rodrigez"]
    assert result.notes[0] == "no paragraph has “Rodrigez” — 2 have the other word"
    assert (result.total, result.some_words_from, result.some_words_total) == (0, 0, 2)
    assert result.hits and all("Zapatero" in h.text for h in result.hits)
    assert seeds_case.search("Rodrigez").total == 0
    assert seeds_case.search("xqzvw").suggestion is None


@pytest.mark.parametrize(
    ("query", "explains"),
    [
        ("(", "never closed"),
        ("bukele)", "no matching"),
        ('"unclosed', "closing quote"),
        ("nofield:a", "unknown field"),
        ("a*", "at least 3 letters"),
        ("*ele", "cannot start with a wildcard"),
        ("bu*ke", "only a trailing *"),
        ("NOT bukele", "NOT only excludes"),
        ("-bukele", "NOT only excludes"),
        ("bukele OR", "OR needs a word"),
        ("AND bukele", "AND needs a word"),
        ("date:[2025 TO", "range"),
        ("date:july", "not a date"),
        ("outlet:", "needs a value"),
        ("outlet: wola", "needs a value"),
        ("x" * 2000, "limit"),
        ("", "nothing to search"),
    ],
)
def test_queries_the_parser_cannot_take_are_explained(seeds_case: Case, query: str, explains: str) -> None:
    with pytest.raises(QueryError) as info:
        seeds_case.search(query)
    assert explains in str(info.value)
    assert "\n" not in str(info.value)


def test_fuzzy_distance_is_capped_and_double_not_is_fine(seeds_case: Case) -> None:
    assert seeds_case.search("bukele~9").total == seeds_case.search("bukele~2").total
    assert seeds_case.search("NOT NOT bukele").total == seeds_case.search("bukele").total


def test_count_per_document(seeds_case: Case) -> None:
    result = seeds_case.search("Bukele", count_docs=True)
    assert sum(result.doc_counts.values()) == result.total
    assert set(result.doc_counts) == {ORINOCO, WOLA}


def test_json_hit_fields(seeds_case: Case) -> None:
    data = seeds_case.search("Cristosal").to_json()
    hit = data["hits"][0]
    for key in (
        "ref",
        "doc_id",
        "paragraph",
        "kind",
        "title",
        "outlet",
        "author",
        "date",
        "url",
        "text",
        "highlights",
        "score",
    ):
        assert key in hit
    start, end = hit["highlights"][0]
    assert hit["text"][start:end] == "Cristosal"


def test_literal_markup_is_searchable_text(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.txt": "The [bold]markup[/bold] and \x1b[31mred\x1b[0m words stay as text here.\n"})
    hit = case.search("markup").hits[0]
    assert "[bold]markup[/bold]" in hit.text and "\x1b[31m" in hit.text


def test_a_cancelled_search_stops(make_case: Callable[..., Case]) -> None:
    from casereader.core import SearchCancelled

    lines = "\n".join(f"Line {i} mentions the prison and the men held there." for i in range(600))
    case = make_case({"long.txt": lines})
    assert case.search("prison").total == 600
    with pytest.raises(SearchCancelled):
        case.search("prison", cancelled=lambda: True)


def test_ligatures_and_non_breaking_spaces_are_found_and_highlighted_as_written(make_case: Callable[..., Case]) -> None:
    case = make_case(
        {
            "a.txt": "The ﬁnal report said 252\u00a0men were sent to CECOT on March\u00a015.\n"
            "A second paragraph, with nothing to find in it at all, closes the article.\n"
        }
    )
    hit = case.search("final").hits[0]
    assert [hit.text[s.start : s.end] for s in hit.spans] == ["ﬁnal"]
    hit = case.search('"252 men"').hits[0]
    assert [hit.text[s.start : s.end] for s in hit.spans] == ["252\u00a0men"]
    assert case.search('"march 15"').total == 1


def test_acronyms_with_and_without_dots_are_one_word(seeds_case: Case) -> None:
    # WOLA writes "U.S.", Orinoco Tribune "US": either query finds both sides, alike.
    plain = seeds_case.search("US", limit=50, count_docs=True)
    dotted = seeds_case.search("U.S.", limit=50, count_docs=True)
    assert set(plain.doc_counts) == {ORINOCO, WOLA} and plain.doc_counts == dotted.doc_counts
    wola = next(h for h in plain.hits if h.citation.doc_id == WOLA)
    assert "U.S." in [wola.text[s.start : s.end] for s in wola.spans]  # marked whole, dots and all


def test_words_that_never_meet_show_the_paragraphs_with_most_of_them(seeds_case: Case) -> None:
    result = seeds_case.search("who mediated")
    assert result.hits[0].ref == Ref(ORINOCO, 19)  # "participated as a mediator"
    # The count is honest: no paragraph matches, and the ones with some of the words are said.
    assert result.notes[0] == f"no paragraph has all 2 words — {result.some_words_total} have some"
    assert result.total == 0 and result.some_words_from == 0 and result.some_words_total == len(result.hits) > 0
    assert result.to_json()["some_words_from"] == 0 and result.to_json()["total"] == 0
    assert result.query == "who mediated"
    # A word the case does not have: named, with 'did you mean' and the other word's paragraphs.
    typo = seeds_case.search("who mediatd")
    assert typo.missing_words == ["mediatd"] and typo.suggestion and typo.suggestion.startswith("who mediat")
    assert seeds_case.search("whoo mediatd").total == 0  # none of the words: 'did you mean' alone
    # Words that meet nowhere within the filter: the widening stays within it too.
    filtered = seeds_case.search(f"doc:{ORINOCO} Bukele mediated")  # both sides name Bukele
    assert filtered.notes[0].startswith("no paragraph has all 2 words — ")  # the filter is no word
    assert filtered.hits and all(hit.citation.doc_id == ORINOCO for hit in filtered.hits)


def test_the_form_typed_and_words_close_together_rank_first(make_case: Callable[..., Case]) -> None:
    case = make_case(
        {
            "a.txt": "The prison near the capital held the men for months without any trial at all.\n",
            "b.txt": "Venezuela holds nearly one thousand political prisoners, the report says today.\n",
            "c.md": "---\nlang: es\n---\n\nEl período de sesiones terminó sin acuerdo entre los partidos.\n\n"
            "Un periodista de la capital preguntó por el acuerdo entre los partidos.\n",
            "d.txt": "Bukele spoke first at the long press conference in the capital city. "
            "The reporters then asked many other questions, and much later an offer came.\n",
            "e.txt": "The offer Bukele made to Maduro was rejected within hours by Caracas.\n",
        }
    )
    assert case.search("prisoners").hits[0].ref.doc_id == "b"  # "prison" matches too, after
    assert [h.ref.doc_id for h in case.search("prison").hits] == ["a", "b"]
    periodista = case.search("periodista").hits
    assert len(periodista) == 2 and periodista[0].text.startswith("Un periodista")  # not "período"
    assert case.search("Bukele offer").hits[0].ref.doc_id == "e"  # the words together, first


def test_filters_select_the_paragraphs_whoosh_finds_after_files_change(make_case: Callable[..., Case]) -> None:
    """Filters read through the paragraph -> document map give the sets a Whoosh query on
    the documents gives, deleted paragraphs left out (filters alone are counted exactly)."""
    import random

    from whoosh import query as wq

    from casereader.core.search.compile import Compiler
    from casereader.core.search.query import plan

    def body(name: str) -> str:  # articles of their own words (no two are near-duplicates)
        rng = random.Random(name)
        words = [f"{name}w{rng.randrange(10**6)}" for _ in range(40)]
        return "\n\n".join(" ".join(rng.sample(words, 12)) + " about CECOT." for _ in range(6))

    files = {f"{name}.txt": f"Title {name}\n\n{body(name)}" for name in ("a1", "a2", "b1", "b2", "c1")}
    catalog = "".join(
        f'[documents."{n}.txt"]\noutlet = "{"Alpha News" if n[0] == "a" else "Beta Daily"}"\n'
        f'date = "2025-0{i + 1}-10"\n'
        for i, n in enumerate(("a1", "a2", "b1", "b2", "c1"))
    )
    case = make_case(files, catalog=catalog)
    (case.folder / "a2.txt").write_text("Title a2\n\nOnly one paragraph now, about CECOT.", encoding="utf-8")
    case.update()  # a2's old paragraphs are deleted in their segment
    queries = [
        "outlet:alpha",
        "outlet:beta date:2025-03",
        "date:[2025-02 TO 2025-04] kind:body",
        "doc:b2",
        "kind:title",
    ]
    searchable = case._searcher()
    for text in queries:
        planned = plan(text)
        with case.index.searcher() as searcher:
            compiler = Compiler(case.index, searcher)
            ours = searchable._filter_docs(searcher, compiler, planned.filters)
            wanted = wq.And([compiler.filter(f, scored=False) for f in planned.filters]).normalize()
            assert ours == set(searcher.docs_for_query(wanted)), text
        assert case.search(text).total == len(ours), text
    assert case.search("outlet:alpha").total == 7 + 2  # a1: its title and six paragraphs; a2: title and one


def test_a_word_lights_and_finds_its_forms_not_another_languages_word(make_case: Callable[..., Case]) -> None:
    # "ban" is the Spanish stem of "baños" and the Portuguese one of "banir": in a case whose
    # English paragraphs say "ban", those are other words, neither found nor lit by it.
    case = make_case(
        {
            "en.md": "---\nlang: en\n---\n\nTurkey lifted the ban on Wikipedia after the court ruled.\n\n"
            "Two more bans followed, and the site was banned again in the spring.\n",
            "es.md": "---\nlang: es\n---\n\nLos baños de la prisión no tenían agua durante el verano.\n",
            "pt.md": "---\nlang: pt\n---\n\nO governo quer banir o site depois da decisão do tribunal.\n",
        }
    )
    result = case.search("ban", limit=20)
    lit = {h.text[s.start : s.end] for h in result.hits for s in h.spans}
    assert lit == {"ban", "bans", "banned"}
    assert {h.ref.doc_id for h in result.hits} == {"en"} and result.total == 2
    # The reader's highlighter (the whole documents) marks the same words.
    assert result.highlighter is not None
    assert result.highlighter.spans("Los baños de la prisión", "es") == []
    assert result.highlighter.spans("O governo quer banir o site", "pt") == []
    # A word the case has only in Spanish is still found there by its stem.
    assert {h.ref.doc_id for h in case.search("baño").hits} == {"es"}
    assert [h.text[s.start : s.end] for h in case.search("baño").hits for s in h.spans] == ["baños"]


def test_alias_variants_never_bring_query_syntax_the_user_did_not_type(make_case: Callable[..., Case]) -> None:
    case = make_case(
        {
            "a.txt": "Fox News aired the interview with the gang leader on Monday night.\n",
            "b.txt": "The Tren de Aragua (TdA) was named a terrorist group by the administration.\n",
            "c.txt": "Officials did NOT comment on the report about the gang's finances.\n",
        }
    )
    many = ", ".join(f'"Variant number {i}"' for i in range(300))  # thousands of characters widened
    (case.folder / "aliases.toml").write_text(
        "[same]\n"
        '"Fox News" = ["Fox:News", "FOX"]\n'
        '"Tren de Aragua" = ["TdA)", "TdA", "Say \\"Aragua\\""]\n'
        '"denial" = ["NOT"]\n'
        f'"gang" = [{many}]\n',
        encoding="utf-8",
    )
    assert {h.ref.doc_id for h in case.search("FOX").hits} == {"a"}  # "Fox:News" is no field
    assert {h.ref.doc_id for h in case.search("TdA").hits} == {"b"}  # "TdA)" closes nothing
    assert {h.ref.doc_id for h in case.search("denial").hits} == {"c"}  # "NOT" is no operator
    result = case.search("gang")  # a long list of variants: no "the query is too long"
    assert {h.ref.doc_id for h in result.hits} == {"a", "c"}
    # An operator the user typed is never taken for the variant "NOT".
    assert {h.ref.doc_id for h in case.search("gang NOT finances").hits} == {"a"}
    # The user's own mistakes are still said as such.
    with pytest.raises(QueryError, match="never closed"):
        case.search("gang (")


def test_a_soft_hyphen_or_zero_width_space_in_a_word_is_taken_out(seeds_case: Case) -> None:
    plain = seeds_case.search("Cristosal")
    for hidden in ("Cristo\u00adsal", "Cristo\u200bsal", "\u2060Cristosal"):
        result = seeds_case.search(hidden)
        assert [h.ref for h in result.hits] == [h.ref for h in plain.hits] and result.total == plain.total
        assert result.suggestion is None and result.query == hidden  # as typed
