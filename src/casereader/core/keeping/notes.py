"""What a reader keeps of a case: bookmarks and notes anchored to passages, tags, reading
progress, search history and saved searches.

One SQLite file per case in the user data folder, in WAL mode with full syncs: every edit
is one transaction, so a crash or a kill loses at most the edit in progress and never
corrupts the store, and two app instances on one case each add their notes without losing
the other's.  The file carries its schema version (``PRAGMA user_version``) and is migrated
forward when opened; a store written by a newer casereader is refused with a message.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..citation import Citation
from ..ref import Ref
from .anchor import ANCHORED, Anchor
from .notes_schema import MIGRATIONS, ORDERS, SCHEMA_VERSION, statements

BOOKMARK, NOTE = "bookmark", "note"

HISTORY_KEPT = 500


class StoreError(Exception):
    """The notes store cannot be opened or written; the message says why, in one line."""


@dataclass(frozen=True)
class Note:
    id: int
    kind: str  # BOOKMARK or NOTE
    anchor: Anchor
    text: str  # the note ("" for a bookmark)
    tags: tuple[str, ...]
    citation: Citation  # the passage's source when the note was made (or last checked)
    created: str  # ISO 8601, UTC
    updated: str
    status: str = ANCHORED  # ANCHORED, MOVED or ORPHANED (see core.anchor)
    reason: str = ""

    @property
    def ref(self) -> Ref:
        return self.anchor.ref

    @property
    def quote(self) -> str:
        return self.anchor.exact

    def to_json(self) -> dict[str, Any]:
        """The note as ``note --json`` and ``notes --json`` print it (names fixed for scripts)."""
        c = self.citation
        return {
            "id": self.id,
            "kind": self.kind,
            "ref": str(self.ref),
            "quote": self.quote,
            "whole_paragraph": self.anchor.whole,
            "text": self.text,
            "tags": list(self.tags),
            "status": self.status,
            "reason": self.reason,
            "title": c.title,
            "outlet": c.outlet,
            "author": c.author,
            "date": c.date,
            "url": c.url,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass
class NoteFilter:
    tag: str = ""
    doc_id: str = ""
    query: str = ""  # words, each matched as a prefix, in the note, the quote or the tags
    kinds: tuple[str, ...] = (BOOKMARK, NOTE)
    ids: list[int] = field(default_factory=list)
    order: str = "newest"  # one of ORDERS


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, without '#', commas or spaces inside, lower case, unique, in order."""
    seen: dict[str, None] = {}
    for tag in tags:
        for part in re.split(r"[,\s]+", tag):
            part = part.strip().lstrip("#").lower()
            if part:
                seen.setdefault(part, None)
    return tuple(seen)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_query(words: str) -> str:
    """The user's words as an FTS5 query: each a quoted prefix (from three letters), all required."""
    tokens = re.findall(r"\w+", words)
    # A word of one or two letters as a prefix would match nearly every note: it is matched whole.
    return " ".join(f'"{t}"*' if len(t) >= 3 else f'"{t}"' for t in tokens)


class NoteStore:
    """The notes, bookmarks, reading progress and searches of one case."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()  # one connection, shared by the app's workers
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
            self._check()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._damaged(exc)) from exc
        except OSError as exc:
            raise StoreError(f"the notes store {path} cannot be created ({exc.strerror})") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _damaged(self, problem: object) -> str:
        return (
            f"the notes store {self.path} is damaged ({problem}); nothing was read from it or written to it."
            " Move the file aside (a new store is then started) or put back a copy"
        )

    def _check(self) -> None:
        """Refuse a damaged file at once (SQLite's quick check: every page and index entry
        read, ~10 ms for 10,000 notes), before a note is written into it."""
        problems = [str(row[0]) for row in self._db.execute("PRAGMA quick_check(3)").fetchall()]
        if problems != ["ok"]:
            raise StoreError(self._damaged("; ".join(problems)[:200]))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is kept, or none of it."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"the notes store {self.path} cannot be written ({exc})") from exc
            except sqlite3.DatabaseError as exc:  # damage found only now
                raise StoreError(self._damaged(exc)) from exc

    def _read(self, sql: str, args: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, tuple(args)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise StoreError(self._damaged(exc)) from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the notes store {self.path} was written by a newer casereader"
                f" (schema {version}, this one reads {SCHEMA_VERSION})"
            )
        while version < SCHEMA_VERSION:
            self._db.execute("BEGIN IMMEDIATE")
            current = self._db.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated it
            if current == version:
                for statement in statements(MIGRATIONS[version]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
            self._db.execute("COMMIT")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]

    @property
    def version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])

    # --- notes and bookmarks ---------------------------------------------------------------

    def add(
        self,
        kind: str,
        anchor: Anchor,
        citation: Citation,
        text: str = "",
        tags: Iterable[str] = (),
        status: str = ANCHORED,
        reason: str = "",
    ) -> Note:
        now = _now()
        with self._write() as db:
            cursor = db.execute(
                'INSERT INTO notes (kind, doc_id, n, exact, prefix, suffix, start, "end", doc_sha1, body, tags,'
                " citation, created, updated, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    kind,
                    *_anchor_row(anchor),
                    text,
                    " ".join(clean_tags(tags)),
                    _citation_json(citation),
                    now,
                    now,
                    status,
                    reason,
                ),
            )
            note_id = cursor.lastrowid
        assert note_id is not None
        note = self.get(note_id)
        assert note is not None
        return note

    def update(
        self, note_id: int, text: str | None = None, tags: Iterable[str] | None = None, kind: str | None = None
    ) -> Note | None:
        with self._write() as db:
            row = db.execute("SELECT body, tags, kind FROM notes WHERE id = ?", (note_id,)).fetchone()
            if row is None:
                return None
            body = row[0] if text is None else text
            tag_text = row[1] if tags is None else " ".join(clean_tags(tags))
            db.execute(
                "UPDATE notes SET body = ?, tags = ?, kind = ?, updated = ? WHERE id = ?",
                (body, tag_text, kind or row[2], _now(), note_id),
            )
        return self.get(note_id)

    def reanchor(self, note_id: int, anchor: Anchor, status: str, reason: str, citation: Citation | None) -> None:
        """Record where a note's quote is now (or that it is orphaned) after the case changed."""
        with self._write() as db:
            db.execute(
                'UPDATE notes SET doc_id = ?, n = ?, exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?,'
                " doc_sha1 = ?, status = ?, reason = ? WHERE id = ?",
                (*_anchor_row(anchor), status, reason, note_id),
            )
            if citation is not None:
                db.execute("UPDATE notes SET citation = ? WHERE id = ?", (_citation_json(citation), note_id))

    def delete(self, note_id: int) -> bool:
        with self._write() as db:
            return db.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount > 0

    def get(self, note_id: int) -> Note | None:
        found = self.notes(NoteFilter(ids=[note_id]))
        return found[0] if found else None

    def at(self, ref: Ref) -> list[Note]:
        """The notes and bookmarks on paragraph ``ref``."""
        rows = self._read(f"SELECT {_COLUMNS} FROM notes WHERE doc_id = ? AND n = ? ORDER BY id", (ref.doc_id, ref.n))
        return [_note(row) for row in rows]

    def marked(self) -> dict[Ref, set[str]]:
        """Every paragraph with a bookmark or a note: its kinds."""
        marks: dict[Ref, set[str]] = {}
        for doc_id, n, kind in self._read("SELECT doc_id, n, kind FROM notes WHERE status != 'orphaned'"):
            marks.setdefault(Ref(str(doc_id), int(n)), set()).add(str(kind))
        return marks

    def notes(self, where: NoteFilter | None = None, limit: int | None = None) -> list[Note]:
        """Notes and bookmarks narrowed and ordered by ``where`` (newest first by default)."""
        where = where or NoteFilter()
        clauses, args = self._where(where)
        if clauses is None:
            return []
        sql = f"SELECT {_COLUMNS} FROM notes WHERE {' AND '.join(clauses)} ORDER BY {ORDERS[where.order]}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_note(row) for row in self._read(sql, args)]

    def count(self, where: NoteFilter | None = None) -> int:
        """How many notes and bookmarks ``where`` selects (all of them by default)."""
        clauses, args = self._where(where or NoteFilter())
        if clauses is None:
            return 0
        return int(self._read(f"SELECT count(*) FROM notes WHERE {' AND '.join(clauses)}", args)[0][0])

    def anchor_states(self) -> list[tuple[int, str, str, str]]:
        """Each note's id, document, the document's SHA-1 when its anchor was last checked,
        and its status: what deciding which anchors to check again needs."""
        return [
            (int(i), str(d), str(h), str(s))
            for i, d, h, s in self._read("SELECT id, doc_id, doc_sha1, status FROM notes")
        ]

    def _where(self, where: NoteFilter) -> tuple[list[str] | None, list[object]]:
        clauses = [f"kind IN ({','.join('?' * len(where.kinds))})"]
        args: list[object] = list(where.kinds)
        if where.tag:
            clauses.append("(' ' || tags || ' ') LIKE ?")
            args.append(f"% {clean_tags([where.tag])[0] if clean_tags([where.tag]) else where.tag} %")
        if where.doc_id:
            clauses.append("doc_id = ?")
            args.append(where.doc_id)
        if where.ids:
            clauses.append(f"id IN ({','.join('?' * len(where.ids))})")
            args.extend(where.ids)
        match = _fts_query(where.query)
        if where.query.strip() and not match:
            return None, []
        if match:
            clauses.append("id IN (SELECT rowid FROM notes_text WHERE notes_text MATCH ?)")
            args.append(match)
        return clauses, args

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many notes carry it, most used first."""
        counts: dict[str, int] = {}
        for (text,) in self._read("SELECT tags FROM notes WHERE tags != ''"):
            for tag in str(text).split():
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    # --- reading progress --------------------------------------------------------------------

    def mark_seen(self, refs: Iterable[Ref]) -> None:
        rows = [(r.doc_id, r.n) for r in refs]
        if rows:
            with self._write() as db:
                db.executemany("INSERT OR IGNORE INTO seen (doc_id, n) VALUES (?, ?)", rows)

    def seen(self) -> set[Ref]:
        return {Ref(str(d), int(n)) for d, n in self._read("SELECT doc_id, n FROM seen")}

    # --- searches ------------------------------------------------------------------------------

    def remember_query(self, query: str) -> None:
        """Add a search to the history (once: searching it again moves it to the end)."""
        query = query.strip()
        if not query:
            return
        with self._write() as db:
            db.execute(
                "INSERT INTO history (query, at) VALUES (?, ?) ON CONFLICT (query) DO UPDATE SET at = excluded.at",
                (query, time.time()),
            )
            db.execute(
                "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY at DESC LIMIT ?)", (HISTORY_KEPT,)
            )

    def history(self) -> list[str]:
        """Past searches, oldest first."""
        return [str(q) for (q,) in self._read("SELECT query FROM history ORDER BY at, id")]

    def save_query(self, query: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO saved (query, at) VALUES (?, ?)", (query.strip(), time.time()))

    def saved_queries(self) -> list[str]:
        return [str(q) for (q,) in self._read("SELECT query FROM saved ORDER BY at")]


_COLUMNS = (
    'id, kind, doc_id, n, exact, prefix, suffix, start, "end", doc_sha1, body, tags, citation, created, updated,'
    " status, reason"
)


def _anchor_row(anchor: Anchor) -> tuple[object, ...]:
    return (
        anchor.doc_id,
        anchor.n,
        anchor.exact,
        anchor.prefix,
        anchor.suffix,
        anchor.start,
        anchor.end,
        anchor.doc_sha1,
    )


def _citation_json(citation: Citation) -> str:
    fields = ("title", "outlet", "author", "date", "url", "lang")
    data: dict[str, object] = {name: getattr(citation, name) for name in fields}
    if citation.page:  # a PDF's paragraph: its page is cited too
        data["page"] = citation.page
    return json.dumps(data, ensure_ascii=False)


@functools.lru_cache(maxsize=4096)
def _citation_fields(text: str) -> tuple[str, ...]:
    """A stored citation's fields (many notes share one: parsed once)."""
    try:
        meta = json.loads(text)
    except ValueError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    return tuple(str(meta.get(name, "")) for name in ("title", "outlet", "author", "date", "url", "lang"))


@functools.lru_cache(maxsize=4096)
def _citation_page(text: str) -> int:
    """The page a stored citation names (0: none)."""
    try:
        page = json.loads(text).get("page", 0)
    except (ValueError, AttributeError):
        return 0
    return page if isinstance(page, int) and not isinstance(page, bool) and page > 0 else 0


def _note(row: tuple[Any, ...]) -> Note:
    (
        note_id,
        kind,
        doc_id,
        n,
        exact,
        prefix,
        suffix,
        start,
        end,
        sha1,
        body,
        tags,
        citation,
        created,
        updated,
        status,
        reason,
    ) = row
    anchor = Anchor(str(doc_id), int(n), str(exact), str(prefix), str(suffix), int(start), int(end), str(sha1))
    title, outlet, author, date, url, lang = _citation_fields(str(citation))
    cite = Citation(anchor.doc_id, anchor.n, title, outlet, author, date, url, lang, _citation_page(str(citation)))
    return Note(
        int(note_id),
        str(kind),
        anchor,
        str(body),
        tuple(str(tags).split()),
        cite,
        str(created),
        str(updated),
        str(status),
        str(reason),
    )
