"""Merging names and keeping them apart: the rule the Sides screen's ``m`` and ``x`` apply to
the case's aliases (``core/sides/aliases.py``), and the file it is written to."""

from __future__ import annotations

from pathlib import Path

from casereader.core import Aliases, merge_names, split_names
from casereader.core.sides.aliases import load_aliases, save_aliases


def test_merging_adds_the_variants_once_and_never_the_name_itself() -> None:
    aliases = Aliases(same={"Marco Rubio": ["Rubio"]})
    said = merge_names(aliases, "Marco Rubio", ["Rubio", "Secretary Rubio", "Marco Rubio"])
    assert aliases.same == {"Marco Rubio": ["Rubio", "Secretary Rubio"]}
    assert said == "Rubio, Secretary Rubio, Marco Rubio merged into Marco Rubio"
    merge_names(aliases, "Nayib Bukele", ["Bukele"])  # a name with no variants yet
    assert aliases.same["Nayib Bukele"] == ["Bukele"]


def test_merging_undoes_keeping_apart_between_those_names_only() -> None:
    aliases = Aliases(different=[("Marco Rubio", "Rubio"), ("Rubio", "Marco Rubio"), ("Jorge Rodríguez", "Rodríguez")])
    merge_names(aliases, "Marco Rubio", ["Rubio"])
    assert aliases.different == [("Jorge Rodríguez", "Rodríguez")]


def test_keeping_apart_takes_the_variant_out_of_every_list_and_says_so() -> None:
    aliases = Aliases(same={"Marco Rubio": ["Richard Grenell", "Rubio"], "Richard Grenell Sr.": ["Richard Grenell"]})
    said = split_names(aliases, "Marco Rubio", ["Richard Grenell"])
    assert aliases.same == {"Marco Rubio": ["Rubio"], "Richard Grenell Sr.": []}
    assert aliases.different == [("Marco Rubio", "Richard Grenell")]
    assert aliases.kept_apart("marco rubio", "Richard Grenell")
    assert said == "Richard Grenell kept apart from Marco Rubio"


def test_merged_then_kept_apart_is_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    aliases = load_aliases(path)  # no file yet: nothing declared
    merge_names(aliases, "Marco Rubio", ["Richard Grenell"])
    save_aliases(path, aliases)
    assert load_aliases(path).same == {"Marco Rubio": ["Richard Grenell"]}
    aliases = load_aliases(path)
    split_names(aliases, "Marco Rubio", ["Richard Grenell"])
    save_aliases(path, aliases)
    again = load_aliases(path)
    assert again.same == {"Marco Rubio": []} and again.different == [("Marco Rubio", "Richard Grenell")]
