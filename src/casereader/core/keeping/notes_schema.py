"""The notes store's schema: its migrations, one per version, and the orders notes are listed in."""

from __future__ import annotations

#: Each script takes the store from version i to i + 1.
MIGRATIONS = (
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('bookmark', 'note')),
        doc_id TEXT NOT NULL, n INTEGER NOT NULL,
        exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, doc_sha1 TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '',
        citation TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL, updated TEXT NOT NULL
    );
    CREATE INDEX notes_by_passage ON notes (doc_id, n);
    CREATE VIRTUAL TABLE notes_text USING fts5 (
        body, exact, tags, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
        INSERT INTO notes_text (rowid, body, exact, tags) VALUES (new.id, new.body, new.exact, new.tags);
    END;
    CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
        INSERT INTO notes_text (notes_text, rowid, body, exact, tags)
            VALUES ('delete', old.id, old.body, old.exact, old.tags);
    END;
    CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
        INSERT INTO notes_text (notes_text, rowid, body, exact, tags)
            VALUES ('delete', old.id, old.body, old.exact, old.tags);
        INSERT INTO notes_text (rowid, body, exact, tags) VALUES (new.id, new.body, new.exact, new.tags);
    END;
    """,
    """
    ALTER TABLE notes ADD COLUMN status TEXT NOT NULL DEFAULT 'anchored';
    ALTER TABLE notes ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    CREATE TABLE seen (doc_id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (doc_id, n)) WITHOUT ROWID;
    CREATE TABLE history (id INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE, at REAL NOT NULL);
    CREATE TABLE saved (query TEXT PRIMARY KEY, at REAL NOT NULL);
    CREATE INDEX notes_by_update ON notes (updated DESC, id DESC);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


#: How notes can be listed: newest first; by outlet, document and place; by first tag.
ORDERS = {
    "newest": "updated DESC, id DESC",
    "document": "json_extract(citation, '$.outlet'), json_extract(citation, '$.title'), doc_id, n, start, id",
    "tag": "tags = '', tags, updated DESC, id DESC",
}


def statements(script: str) -> list[str]:
    """A migration script's statements (triggers hold semicolons, so split on 'END;' too)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        stripped = line.strip()
        if stripped.endswith(";") and (not current.lstrip().upper().startswith("CREATE TRIGGER") or stripped == "END;"):
            statements.append(current.strip())
            current = ""
    return statements
