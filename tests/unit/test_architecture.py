"""The shape of the code: a core with no UI, one typed way into it, layers that hold."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
import typing
from pathlib import Path

import casereader.core as core

SRC = Path(core.__file__).resolve().parents[1]  # src/casereader
UI_FILES = [p for p in SRC.rglob("*.py") if "core" not in p.relative_to(SRC).parts]


def test_the_core_imports_no_ui() -> None:
    code = (
        "import sys, casereader.core, casereader.core.search.searchable, casereader.core.search.related;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _core_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import of casereader.core or below in a file."""
    package = ".".join(("casereader", *path.relative_to(SRC).parent.parts))
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names = [alias.name for alias in node.names]
            if module == "casereader" and "core" in names:
                found.append(("casereader.core", ["*module*"]))
            elif module.startswith("casereader.core"):
                found.append((module, names))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names if a.name.startswith("casereader.core"))
    return found


def test_the_cli_and_the_app_import_only_the_cores_public_names() -> None:
    assert len(UI_FILES) > 10  # the TUI, the CLI, display
    public = set(core.__all__)
    problems = []
    for path in UI_FILES:
        for module, names in _core_imports(path):
            if module != "casereader.core":
                problems.append(f"{path.relative_to(SRC)} imports {module}")
            else:
                problems.extend(f"{path.relative_to(SRC)} imports {n}" for n in names if n not in public)
    assert problems == []


def test_the_architecture_check_catches_an_import_from_below_the_core(tmp_path: Path) -> None:
    # The check above is only worth something if it sees such an import.
    bad = SRC / "tui" / "widgets" / "reader.py"
    tree = _core_imports(bad)
    assert ("casereader.core", ["Case", "DocumentInfo", "Highlighter", "Paragraph", "Ref", "Span"]) in tree
    sample = SRC / "tui" / "widgets" / "_probe_for_test.py"
    sample.write_text("from ...core.search.searchable import Searchable\n", encoding="utf-8")
    try:
        assert _core_imports(sample) == [("casereader.core.search.searchable", ["Searchable"])]
    finally:
        sample.unlink()


def test_no_any_where_the_ui_meets_the_core() -> None:
    """Every field of the records the core hands out has a real type."""
    for name in core.__all__:
        value = getattr(core, name)
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            names = {**vars(sys.modules[value.__module__]), **vars(core), "QueryPlan": core.QueryPlan}
            hints = typing.get_type_hints(value, names)
            loose = [f for f, hint in hints.items() if hint is typing.Any]
            assert loose == [], f"{name} has fields typed Any: {loose}"


def test_the_layers_hold() -> None:
    """The import contracts of pyproject.toml (the CLI over the app over the core; inside the
    core, the case over search, sides and keeping, over the index, over ingestion; Whoosh only
    through the index's engine) — what CI's lint-imports checks, run here too."""
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=SRC.parents[1])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "0 broken" in proc.stdout
