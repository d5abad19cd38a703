"""Comparing the sides: figures, names, quotes, coverage, timeline, and related passages
that say what differs and what one side leaves out."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from casereader.core import Case, Ref
from casereader.core.sides import SideViews

from ..conftest import ORINOCO, WOLA
from .conftest import Cli, Ran


@pytest.fixture(scope="module")
def views(seeds_case: Case) -> SideViews:
    return seeds_case.views()


def test_the_no_criminal_record_shares_of_both_outlets_are_one_group_that_disagrees(views: SideViews) -> None:
    """CBS's "75% of those detained had no criminal record" and WOLA's "90 percent of the people
    sent ... have no criminal record" are one claim told differently; the New York Times' "32
    men (12%) ... had criminal charges" counts another thing and is not in their group."""
    group = next(g for g in views.groups if any(f.text == "90 percent" for f in g.figures))
    claims = {(f.outlet, f.text, f.source) for f in group.figures}
    assert ("Orinoco Tribune", "75%", "CBS") in claims and ("WOLA", "90 percent", "") in claims
    assert not {text for _, text, _ in claims} & {"12%", "32 men", "seven"}
    assert group.disagreement and group.outlets == ["Orinoco Tribune", "WOLA"]
    assert "criminal" in group.about
    twelve = next(f for f in views.figures if f.text == "12%")
    grouped = views.group_of(twelve)
    assert grouped is None or not any(f.text == "90 percent" for f in grouped.figures)
    # Dates and list numbers are not figures.
    texts = {f.text for f in views.figures}
    assert not {"20", "18", "2025", "1798", "1."} & texts and "252 Venezuelan citizens" in texts


def test_names_merge_variants_but_not_people_who_share_a_surname(views: SideViews) -> None:
    by_name = {e.name: e for e in views.names}
    assert {"Jorge Rodríguez", "José Luis Rodríguez Zapatero"} <= set(by_name)
    assert "Rodríguez" in by_name["Jorge Rodríguez"].variants
    assert "Rodríguez Zapatero" in by_name["José Luis Rodríguez Zapatero"].variants
    assert "Rodríguez" not in by_name["José Luis Rodríguez Zapatero"].variants
    us = by_name["United States"]
    assert {"US", "U.S."} <= set(us.variants) and set(us.mentions) == {"Orinoco Tribune", "WOLA"}
    assert by_name["Tren de Aragua"].mentions == {"Orinoco Tribune": 1, "WOLA": 2}
    assert by_name["Nayib Bukele"].kind == "person" and by_name["El Salvador"].kind == "place"
    assert "Venezuelan" not in by_name and "March" not in by_name and "Meanwhile" not in by_name


def test_quotes_have_their_speakers(views: SideViews) -> None:
    said = {(q.speaker, q.text) for q in views.quotes}
    assert {
        ("Jorge Rodríguez", "clown"),
        ("Jorge Rodríguez", "an errand boy"),
        ("María Corina Machado", "negotiating with kidnappers is endorsing them"),
        ("Edmundo González", "hostage negotiation"),
        ("Edmundo González", "kidnapper"),
    } <= said
    assert ("", "humanitarian agreement") in said  # scare quotes: no speaker invented


def test_the_timeline_resolves_dates_against_each_document(views: SideViews) -> None:
    events = {(e.date, e.outlet, e.published) for e in views.events}
    assert ("2025-04-20", "WOLA", False) in events  # "the night of April 20", year from the article
    assert ("2025-07-18", "Orinoco Tribune", False) in events  # "Friday, July 18, 2025"
    assert ("2025-03", "Orinoco Tribune", False) in events  # "since March"
    assert ("1798", "WOLA", False) in events  # "the 1798 law"
    assert ("2025-04-25", "WOLA", True) in events and ("2025-07-21", "Orinoco Tribune", True) in events
    dates = [e.date for e in views.events]
    assert dates == sorted(dates)


def test_coverage_shows_who_leaves_what_out(views: SideViews) -> None:
    rows = {r.label: r.counts for r in views.coverage}
    assert rows["María Corina Machado"] == {"Orinoco Tribune": 3, "WOLA": 0}
    assert rows["Nayib Bukele"]["WOLA"] > 0 and rows["Nayib Bukele"]["Orinoco Tribune"] > 0


def test_related_passages_say_what_differs_and_what_one_side_leaves_out(seeds_case: Case) -> None:
    found = seeds_case.related_sides(Ref(ORINOCO, 34))
    wola = next(r for r in found.items if r.hit.ref == Ref(WOLA, 6))
    assert wola.reasons[0] == "differs: 75% vs 90 percent"
    assert not any("percent" in r or "%" in r for r in wola.reasons[1:])  # not "shared"
    assert [wola.hit.text[s.start : s.end] for s in wola.differing] == ["90 percent"]
    assert all("90 percent" not in wola.hit.text[s.start : s.end] for s in wola.hit.spans)
    # Pope Leo XIV and the cardinal: only Orinoco Tribune speaks of them.
    nothing = seeds_case.related_sides(Ref(ORINOCO, 20))
    assert nothing.missing == ["WOLA"] and all(r.same_document for r in nothing.items)


def test_each_view_is_a_command_with_json(cli: Cli, cli_seeds: Path) -> None:
    def run(*args: str) -> Ran:
        return cli(*args, columns=160)

    shapes = {"figures": {"groups", "figures"}, "names": {"names"}, "quotes": {"quotes"},
              "coverage": {"outlets", "rows"}, "timeline": {"events"}}  # fmt: skip
    for view, keys in shapes.items():
        proc = run(view, "--json", "--corpus", str(cli_seeds))
        assert proc.returncode == 0, proc.stderr
        assert set(json.loads(proc.stdout)) == keys
    table = run("figures", "--corpus", str(cli_seeds))
    assert "90 percent" in table.stdout and "the figures differ" in table.stdout
    related = json.loads(run("related", f"{ORINOCO}:20", "--json", "--corpus", str(cli_seeds)).stdout)
    assert related["nothing_related_in"] == ["WOLA"]


ES = """Siete detenidos fueron liberados el 3 de marzo de 2025, según la Fiscalía.
El ministro Diosdado Cabello dijo que “no habrá impunidad”.
Cabello afirmó que doce de los detenidos tenían antecedentes.
"""
PT = """Segundo a Polícia Federal, sete presos foram soltos em 5 de março de 2025.
O ex-presidente Luiz Inácio Lula da Silva disse que “a justiça foi feita”.
Lula afirmou que 90 por cento dos presos não tinham antecedentes.
"""
EN = """The former Spanish Prime Minister arrived in Caracas on Monday to mediate the talks.
Zapatero had travelled to the city twice before.
"""


def test_spanish_and_portuguese_number_words_names_quotes_and_dates(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "es.txt").write_text(ES, encoding="utf-8")
    (folder / "pt.txt").write_text(PT, encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    figures = {(f.text, f.value) for f in views.figures}
    assert ("Siete detenidos", 7.0) in figures and ("sete presos", 7.0) in figures and ("doce", 12.0) in figures
    assert ("90 por cento", 90.0) in figures
    names = {e.name: e for e in views.names}
    assert "Cabello" in names["Diosdado Cabello"].variants
    assert "Lula" in names["Luiz Inácio Lula da Silva"].variants
    said = {(q.speaker, q.text) for q in views.quotes}
    assert ("Diosdado Cabello", "no habrá impunidad") in said
    assert ("Luiz Inácio Lula da Silva", "a justiça foi feita") in said
    dates = {e.date for e in views.events if not e.published}
    assert {"2025-03-03", "2025-03-05"} <= dates


def test_declared_aliases_merge_names_and_widen_search(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    assert [h.ref.n for h in case.search("Zapatero").hits] == [2]
    (folder / "aliases.toml").write_text(
        '[same]\n"José Luis Rodríguez Zapatero" = ["Zapatero", "the former Spanish Prime Minister"]\n', encoding="utf-8"
    )
    result = case.search("Zapatero")
    assert sorted(h.ref.n for h in result.hits) == [1, 2] and result.query == "Zapatero"
    entry = next(e for e in case.views().names if e.name == "José Luis Rodríguez Zapatero")
    assert {"Zapatero", "the former Spanish Prime Minister"} <= set(entry.variants) and entry.total == 2
    # Kept apart again from the app's "x": written back, and the names split.
    aliases = case.aliases()
    aliases.same["José Luis Rodríguez Zapatero"].remove("Zapatero")
    aliases.different.append(("José Luis Rodríguez Zapatero", "Zapatero"))
    case.save_aliases(aliases)
    assert "[different]" in (folder / "aliases.toml").read_text(encoding="utf-8")
    names = {e.name for e in case.views().names}
    assert "Zapatero" in names


def test_a_broken_aliases_file_is_named_and_the_views_still_built(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "aliases.toml").write_text("[same\n", encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    assert views.problems and "aliases.toml cannot be read" in views.problems[0] and views.names
    assert case.search("Zapatero").hits  # search is not broken by it either


def test_views_are_cached_with_the_index_and_rebuilt_when_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "es.txt").write_text(ES, encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    first = case.views()
    assert (tmp_path / "index" / "views.pickle").is_file()
    again = Case(folder, tmp_path / "index", tmp_path / "data")
    again.update()
    assert gc.isenabled()
    assert [f.text for f in again.views().figures] == [f.text for f in first.figures]
    assert gc.isenabled()  # read with the collector paused, and it runs again after
    (folder / "es.txt").write_text(ES + "Ocho presos más salieron después.\n", encoding="utf-8")
    again.update()
    assert "Ocho presos" in {f.text for f in again.views().figures}


def test_the_same_quote_in_two_outlets_is_linked_and_a_changed_wording_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The minister said that «the talks will resume in Geneva next week» and the deal cost $6 million.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "“The talks will resume in Geneva next week,” said the minister, who denied paying US$ 6 million.\n",
        encoding="utf-8",
    )
    (folder / "catalog.toml").write_text(
        '[documents."a.txt"]\noutlet = "Alpha"\n[documents."b.txt"]\noutlet = "Beta"\n', encoding="utf-8"
    )
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    alpha = next(q for q in views.quotes if q.outlet == "Alpha")
    beta = next(q for q in views.quotes if q.outlet == "Beta")
    assert [o for _, _, o in alpha.linked] == ["Beta"] and [o for _, _, o in beta.linked] == ["Alpha"]
    assert alpha.wording_differs and beta.wording_differs  # "the talks" / "The talks"
    money = {(f.outlet, f.value, f.unit) for f in views.figures}
    assert ("Alpha", 6e6, "money") in money and ("Beta", 6e6, "money") in money


def test_numbers_in_no_convention_are_not_figures_and_break_nothing() -> None:
    """A real post (rOpenSci/2022-02-01-pkgcheck-action.pt.md) holds "1.077.718.63": the figures view
    crashed on it and the related pane showed the error; now it is passed over."""
    from casereader.core.sides.figures import find_figures

    text = "Downloads reached 1.077.718.63 and then 3.2.1.4, while 1,234,567 people paid 12,5 euros; 45% agreed."
    found = {(f.value, f.unit) for f in find_figures([("doc", 1, "Outlet", text)])}
    assert (1234567.0, "count") in found and (12.5, "money") in found and (45.0, "percent") in found
    assert not any(value in (1077718.63, 1.077, 3.2, 718.63) for value, _ in found)


def test_related_passages_do_not_wait_for_views_being_built(seeds_copy: Path, tmp_path: Path) -> None:
    """After a change the views are built again (95 s at 200,000 ¶): the related passages
    come at once, marked as not yet compared, and compared once the views are there."""
    folder = tmp_path / "seeds"  # a copy of its own: a file is changed below
    shutil.copytree(seeds_copy, folder)
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    assert case.ready_views() is None  # never built: not built on the spot
    quick = case.related_sides(Ref(ORINOCO, 34), wait=False)
    assert quick.comparing and quick.items and quick.missing == []
    assert [r.hit.ref for r in quick.items] == [r.hit.ref for r in case.related(Ref(ORINOCO, 34), limit=10)]
    compared = case.related_sides(Ref(ORINOCO, 34))
    assert not compared.comparing
    assert case.ready_views() is not None
    assert not case.related_sides(Ref(ORINOCO, 34), wait=False).comparing
    # Another process reads them from the index folder without building them.
    again = Case(folder, tmp_path / "index", tmp_path / "data")
    again.update()
    ready = again.ready_views()
    assert ready is not None and len(ready.figures) == len(case.views().figures)
    # A changed file: not ready until built again; an old file's key does not pass for it.
    with sorted(folder.glob("*.txt"))[0].open("a", encoding="utf-8") as handle:
        handle.write("\n\nA later note on the 252 men.\n")
    again.update()
    assert again.ready_views() is None
    assert again.views().figures
    assert again.ready_views() is not None


def test_views_cached_by_an_older_version_are_built_again(seeds_copy: Path, tmp_path: Path) -> None:
    case = Case(seeds_copy, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    (tmp_path / "index" / "views.pickle").write_bytes(pickle.dumps(("some key", views)))  # (key, views) in one
    again = Case(seeds_copy, tmp_path / "index", tmp_path / "data")
    again.update()
    assert again.ready_views() is None
    assert len(again.views().figures) == len(views.figures)


def test_a_large_case_builds_its_views_in_a_process_of_their_own(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The views of a large case are built by another process (the app's own neither holds
    the build's memory nor waits on it): the same views as built here."""
    import casereader.core.sides.cache as cache_module
    from casereader.core import sides
    from casereader.core.sides.cache import KeptViews

    here = Case(seeds_copy, tmp_path / "here-index", tmp_path / "data")
    here.update()
    expected = here.views()
    monkeypatch.setattr(cache_module, "VIEWS_APART", 10)  # the seeds as a large case (read when the views are)
    build = sides.build_views

    def not_here(*args: object, **kwargs: object) -> SideViews:
        raise AssertionError("built in this process")

    monkeypatch.setattr(sides, "build_views", not_here)
    case = Case(seeds_copy, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    assert [(f.doc_id, f.n, f.text) for f in views.figures] == [(f.doc_id, f.n, f.text) for f in expected.figures]
    assert [e.name for e in views.names] == [e.name for e in expected.names]
    # When the other process cannot build them, they are built here.
    monkeypatch.setattr(sides, "build_views", build)
    monkeypatch.setattr(KeptViews, "build_apart", lambda self, *paths: False)
    again = Case(seeds_copy, tmp_path / "index-2", tmp_path / "data")
    again.update()
    assert len(again.views().figures) == len(expected.figures)


def test_closing_the_case_stops_the_process_building_its_views(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting the app does not leave a process building views for a minute after it."""
    import threading
    import time

    import casereader.core.sides.cache as cache_module

    monkeypatch.setattr(cache_module, "VIEWS_APART", 10)
    case = Case(seeds_copy, tmp_path / "index", tmp_path / "data")
    case.update()
    monkeypatch.setattr(subprocess, "Popen", _sleeping(subprocess.Popen))  # a build taking 60 s
    failed: list[BaseException] = []

    def views() -> None:
        try:
            case.views()
        except RuntimeError as exc:
            failed.append(exc)

    worker = threading.Thread(target=views)
    started = time.monotonic()
    worker.start()
    time.sleep(0.5)
    case.close()
    worker.join(10)
    assert not worker.is_alive() and time.monotonic() - started < 10
    assert failed and "closed" in str(failed[0])  # not built here instead, after the close


def _sleeping(popen: type[subprocess.Popen[bytes]]) -> Callable[..., subprocess.Popen[bytes]]:
    def start(command: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        return popen(["/bin/sleep", "60"], **kwargs)  # type: ignore[call-overload]

    return start
