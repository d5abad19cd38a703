"""What changed in a case folder since its index's manifest, from sizes and times alone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ingest import scan
from .metadata import CATALOG_NAME, Catalog


@dataclass
class Plan:
    """What an update has to do, from file sizes and times alone."""

    catalog: str
    unchanged: dict[str, Any] = field(default_factory=dict)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    removed: dict[str, Any] = field(default_factory=dict)
    # (relative path, path, size/mtime, previous manifest entry or None)
    work: list[tuple[str, Path, dict[str, Any], Any]] = field(default_factory=list)


def same(entry: dict[str, Any], signature: dict[str, Any]) -> bool:
    """Same size, time and catalog entry: a file whose catalog entry changed is read again,
    the others are not (a correction to one document re-reads that document alone)."""
    return bool(
        entry.get("size") == signature["size"]
        and entry.get("mtime_ns") == signature["mtime_ns"]
        and entry.get("entry", "") == signature.get("entry", "")
    )


def entry_hash(entry: dict[str, str]) -> str:
    """A catalog entry's fingerprint ("" when the catalog says nothing of the file)."""
    if not entry:
        return ""
    return hashlib.sha1(json.dumps(entry, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def plan_changes(folder: Path, manifest: dict[str, Any], catalog: Catalog | None = None) -> Plan:
    """What changed since the manifest, from file sizes and times alone (no reading);
    ``catalog`` is the case's, when the caller has already read it."""
    old_files: dict[str, Any] = manifest.get("files", {})
    old_skipped = {s["path"]: s for s in manifest.get("skipped", [])}
    plan = Plan(catalog=catalog_hash(folder))
    catalog = catalog if catalog is not None else Catalog.load(folder)
    seen: set[str] = set()
    found = scan(folder)
    plan.skipped.extend({"path": s.path, "reason": s.reason} for s in found.skipped)
    for path in found.files:
        relpath = path.relative_to(folder).as_posix()
        seen.add(relpath)
        try:
            stat = path.stat()
        except OSError as exc:
            plan.skipped.append({"path": relpath, "reason": f"cannot be read ({exc.strerror})"})
            continue
        signature = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "entry": entry_hash(catalog.entry(relpath))}
        previous = old_files.get(relpath)
        was_skipped = old_skipped.get(relpath)
        if previous and same(previous, signature):
            plan.unchanged[relpath] = previous
        elif was_skipped and same(was_skipped, signature):
            plan.skipped.append(was_skipped)
        else:
            plan.work.append((relpath, path, signature, previous))
    plan.removed = {r: e for r, e in old_files.items() if r not in seen}
    plan.work.extend((relpath, folder / relpath, {}, entry) for relpath, entry in plan.removed.items())
    return plan


def catalog_hash(folder: Path) -> str:
    """The catalog's SHA-1 ("" when the case has none), kept in the manifest."""
    path = folder / CATALOG_NAME
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
