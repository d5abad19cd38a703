"""The case's ``aliases.toml``: names the user declares the same, and names kept apart.

    # aliases.toml, in the case folder (or the case's data folder when the case folder is
    # read-only)
    [same]
    "José Luis Rodríguez Zapatero" = ["Zapatero", "the former Spanish Prime Minister"]

    [different]
    "Jorge Rodríguez" = ["Rodríguez Zapatero"]

Used by the Names view (variants merged, names kept apart) and by search (a search for any
variant finds the others).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..files import TomlError, read_toml, write_atomic
from .names import Aliases

FILE = "aliases.toml"


def aliases_path(folder: Path, data_dir: Path) -> Path:
    """Where the case's aliases are read and written: the case folder's file when it exists
    or the folder is writable, else the data folder's."""
    in_case = folder / FILE
    if in_case.exists() or os.access(folder, os.W_OK):
        return in_case
    return data_dir / FILE


def load_aliases(path: Path) -> Aliases:
    try:
        data = read_toml(path)
    except FileNotFoundError:
        return Aliases()
    except TomlError as exc:
        return Aliases(problem=f"{exc}; names are merged without it")
    aliases = Aliases()
    same, different = data.get("same", {}), data.get("different", {})
    if not isinstance(same, dict) or not isinstance(different, dict):
        return Aliases(problem=f"{path}: [same] and [different] must be tables of names; names are merged without it")
    for name, variants in same.items():
        if isinstance(variants, str):
            variants = [variants]
        if isinstance(variants, list) and all(isinstance(v, str) for v in variants):
            aliases.same[str(name)] = [v for v in variants if v.strip()]
        else:
            aliases.problem = f"{path}: same.{name} must be a list of names"
    for name, others in different.items():
        if isinstance(others, str):
            others = [others]
        if isinstance(others, list) and all(isinstance(v, str) for v in others):
            aliases.different.extend((str(name), other) for other in others)
        else:
            aliases.problem = f"{path}: different.{name} must be a list of names"
    return aliases


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def save_aliases(path: Path, aliases: Aliases) -> None:
    """Write ``aliases`` to ``path`` (atomically: a crash leaves the old file or the new one)."""
    lines = ["# Names casereader treats as one, and names it keeps apart (see the README).", "", "[same]"]
    for name, variants in sorted(aliases.same.items()):
        lines.append(f"{_toml_string(name)} = [{', '.join(_toml_string(v) for v in variants)}]")
    lines += ["", "[different]"]
    apart: dict[str, list[str]] = {}
    for a, b in aliases.different:
        apart.setdefault(a, []).append(b)
    for name, others in sorted(apart.items()):
        lines.append(f"{_toml_string(name)} = [{', '.join(_toml_string(v) for v in others)}]")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "\n".join(lines) + "\n")


def expand_query(query: str, aliases: Aliases) -> str:
    """``query`` with each declared name (or variant) it mentions widened to all of them:
    ``Zapatero`` -> ``(Zapatero OR "José Luis Rodríguez Zapatero" OR "the former Spanish
    Prime Minister")``.  Quoted phrases and field values are left as written.

    The words the user typed stay as typed; every other variant is added as a quoted phrase,
    its quote marks taken out, so no variant brings query syntax the user never typed
    (``Fox:News`` a field, ``TdA)`` a parenthesis, ``NOT`` an operator).  An operator typed
    in the query (``bukele NOT rodriguez``) is never taken for a variant."""
    for canonical, variants in aliases.same.items():
        members = sorted({canonical, *variants}, key=len, reverse=True)
        for member in members:
            pattern = re.compile(rf"(?<![\w\"':]){re.escape(member)}(?![\w\"'])", re.IGNORECASE)
            match = next((m for m in pattern.finditer(query) if _widenable(query, m)), None)
            if match is None:
                continue
            typed = match.group()
            others = [phrase for m in members if m != member and (phrase := _phrase(m))]
            if not others:
                break
            forms = " OR ".join([f'"{typed}"' if " " in typed else typed, *others])
            query = query[: match.start()] + f"({forms})" + query[match.end() :]
            break
    return query


_OPERATORS = ("AND", "OR", "NOT", "TO")
_QUOTES = re.compile(r'["“”]')


def _widenable(query: str, match: re.Match[str]) -> bool:
    """A match of a variant in the query that is a word the user searches for: not inside a
    quoted phrase, not an operator."""
    return not (_QUOTES.sub('"', query[: match.start()]).count('"') % 2) and match.group() not in _OPERATORS


def _phrase(variant: str) -> str:
    """A variant as a quoted phrase of the query language ("" when it has no word at all)."""
    words = " ".join(_QUOTES.sub(" ", variant).split())
    return f'"{words}"' if re.search(r"\w", words) else ""


def merge_names(aliases: Aliases, name: str, variants: list[str]) -> str:
    """Declare ``variants`` the same as ``name`` (in place): they join ``name``'s variants and
    any ``different`` pair between them and ``name`` is dropped.  Returns what was done, in words."""
    kept = aliases.same.setdefault(name, [])
    kept.extend(v for v in variants if v not in kept and v != name)
    aliases.different = [(a, b) for a, b in aliases.different if not ({a, b} & set(variants) and {a, b} & {name})]
    return f"{', '.join(variants)} merged into {name}"


def split_names(aliases: Aliases, name: str, variants: list[str]) -> str:
    """Keep ``variants`` apart from ``name`` (in place): they leave every ``same`` list and are
    declared ``different`` from ``name``.  Returns what was done, in words."""
    for others in aliases.same.values():
        for variant in variants:
            if variant in others:
                others.remove(variant)
    aliases.different.extend((name, v) for v in variants)
    return f"{', '.join(variants)} kept apart from {name}"
