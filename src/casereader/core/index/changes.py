"""What changed in a case folder since its index's manifest, from sizes and times alone."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.formats import format_for_name
from ..ingest.metadata import CATALOG_NAME, Catalog
from ..ingest.reader import scan
from .manifest import read_json, write_json

_PARSED: dict[str, Catalog] = {}  # the last catalog parsed, by its fingerprint (parsed_catalog)


def parsed_catalog(folder: Path, digest: str, kept: Path | None = None) -> Catalog:
    """``Catalog.load(folder)``, parsed once for each state of the catalog's files
    (``digest``: their ``catalog_hash``): kept in this process, and in ``kept`` (a JSON file
    beside the index, read in ~40 ms).  A 16,657-entry catalog takes 0.45 s to parse: once
    for the document list shown before the first build, again for the build, again for the
    first file changed in each later run.  A parsed catalog is only read, never changed."""
    last = _PARSED.get(digest) if digest else None
    if last is not None:
        return last
    stored = read_json(kept) if kept is not None and digest else {}
    if stored.get("digest") == digest and isinstance(stored.get("documents"), dict):
        catalog = Catalog(
            str(stored.get("name", "")),
            str(stored.get("description", "")),
            stored["documents"],
            str(stored.get("problem", "")),
        )
    else:
        catalog = Catalog.load(folder)
        if kept is not None and digest:  # (no index folder yet, or not writable: parsed again next time)
            with contextlib.suppress(OSError):
                write_json(kept, {"digest": digest, **asdict(catalog)})
    if digest:
        _PARSED.clear()
        _PARSED[digest] = catalog
    return catalog


class CatalogEntries:
    """Each file's catalog fingerprint for an update, parsing the catalog only when it changed
    since the manifest was written or a file is new to the manifest (a 16,657-entry catalog
    took 1 s to parse, on every launch)."""

    def __init__(self, folder: Path, manifest: dict[str, Any], kept: Path | None = None) -> None:
        self.folder = folder
        self.kept = kept
        self.digest = catalog_hash(folder)
        self._known = manifest.get("catalog") == self.digest and isinstance(manifest.get("catalog_problem"), str)
        self._problem = str(manifest.get("catalog_problem", ""))
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = parsed_catalog(self.folder, self.digest, self.kept)
        return self._catalog

    @property
    def problem(self) -> str:
        """Why the catalog (or part of it) was ignored ("" when it was not)."""
        return self._problem if self._known and self._catalog is None else self.catalog.problem

    def state(self) -> tuple[str, str]:
        """What the manifest keeps of the catalog: its fingerprint, and why it was ignored."""
        return self.digest, self.problem

    @property
    def known(self) -> bool:
        """Whether the catalog is the one the manifest was written with (each file's entry is
        then its manifest entry's)."""
        return self._known

    def entry(self, relpath: str, previous: dict[str, Any] | None) -> str:
        if self._known and previous is not None:
            return str(previous.get("entry", ""))
        fmt = format_for_name(relpath.rsplit("/", 1)[-1])
        if fmt is not None and fmt.many:  # the entries of its documents: "list.mbox#3"
            prefix = relpath + "#"
            documents = self.catalog.documents
            found = {k: v for k, v in documents.items() if k == relpath or k.startswith(prefix)}
            return entry_hash({k: entry_hash(v) for k, v in sorted(found.items())}) if found else ""
        return entry_hash(self.catalog.entry(relpath))


#: A file's documents in the manifest: (document path, entry) — one, or several for a mailbox
#: or a web archive (their entries name the file: ``"file": "list.mbox"``).
Previous = list[tuple[str, dict[str, Any]]]


@dataclass
class Plan:
    """What an update has to do, from file sizes and times alone."""

    catalog: CatalogEntries
    unchanged: dict[str, Any] = field(default_factory=dict)  # by document path
    skipped: list[dict[str, Any]] = field(default_factory=list)
    removed: dict[str, Previous] = field(default_factory=dict)  # by file
    # (relative path of the file, path, size/mtime, its documents in the manifest or None)
    work: list[tuple[str, Path, dict[str, Any], Previous | None]] = field(default_factory=list)


def file_of(docpath: str, entry: dict[str, Any]) -> str:
    """The file a manifest entry's document is read from."""
    return str(entry.get("file", docpath))


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


def plan_changes(folder: Path, manifest: dict[str, Any], kept_catalog: Path | None = None) -> Plan:
    """What changed since the manifest, from file sizes and times alone (no reading);
    ``kept_catalog``: where the parsed catalog is kept (see ``parsed_catalog``)."""
    old_files: dict[str, Any] = manifest.get("files", {})
    by_file: dict[str, Previous] = {}
    for docpath, entry in old_files.items():
        if "file" in entry:  # one of several documents of a file
            by_file.setdefault(entry["file"], []).append((docpath, entry))
    old_skipped = {s["path"]: s for s in manifest.get("skipped", [])}
    plan = Plan(catalog=CatalogEntries(folder, manifest, kept_catalog))
    seen: set[str] = set()
    found = scan(folder)
    plan.skipped.extend({"path": s.path, "reason": s.reason} for s in found.skipped)
    known = plan.catalog.known
    for relpath, stat in zip(found.relpaths, found.stats, strict=True):
        seen.add(relpath)
        single = old_files.get(relpath)
        group: Previous | None = [(relpath, single)] if single is not None else by_file.get(relpath)
        previous = group[0][1] if group else None
        if (  # the common case, tested first: what ``same`` finds with the catalog unchanged
            known
            and previous is not None
            and previous.get("size") == stat.st_size
            and previous.get("mtime_ns") == stat.st_mtime_ns
        ):
            plan.unchanged.update(group or [])
            continue
        was_skipped = old_skipped.get(relpath)
        signature = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "entry": plan.catalog.entry(relpath, previous or was_skipped),
        }
        if previous and same(previous, signature):
            plan.unchanged.update(group or [])
        elif was_skipped and same(was_skipped, signature):
            plan.skipped.append(was_skipped)
        else:
            plan.work.append((relpath, folder / relpath, signature, group))
    for docpath, entry in old_files.items():
        if file_of(docpath, entry) not in seen:
            plan.removed.setdefault(file_of(docpath, entry), []).append((docpath, entry))
    plan.work.extend((relpath, folder / relpath, {}, group) for relpath, group in plan.removed.items())
    return plan


#: Changed when the catalog's entries are read differently (2: each entry for its own path
#: only, fields of the wrong type and impossible dates left out).
CATALOG_READING = b"entries-2\0"


def catalog_hash(folder: Path) -> str:
    """The SHA-1 of the case's catalog and of the corrections kept in its data folder ("" when
    there are neither), kept in the manifest."""
    from ..places import data_dir_for

    # How entries are read (``CATALOG_READING``) is part of it: a catalog read another way
    # since the manifest was written is parsed again, and each file's entry compared anew.
    digest = hashlib.sha1(CATALOG_READING)
    found = False
    for path in (folder / CATALOG_NAME, data_dir_for(folder) / CATALOG_NAME):
        try:
            digest.update(path.read_bytes())
            found = True
        except OSError:
            pass
        digest.update(b"\0")
    return digest.hexdigest() if found else ""


def sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
