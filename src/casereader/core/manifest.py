"""An index's manifest: what was indexed, read without opening the index (plain JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import DocMeta, DocumentInfo

#: Bump when the schema, the analysis, the paragraph splitting or the manifest's shape
#: changes: old indexes are rebuilt, and their manifests are not read meanwhile.
INDEX_VERSION = 12


def read_manifest(path: Path) -> dict[str, Any]:
    """An index's manifest.json ({} when missing or unreadable: the index is then rebuilt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def documents_from_manifest(manifest: dict[str, Any]) -> list[DocumentInfo]:
    """The documents a manifest of the current version lists, by path ([] for any other)."""
    if manifest.get("version") != INDEX_VERSION:
        return []
    return [
        DocumentInfo(entry["doc_id"], relpath, DocMeta(**entry["meta"]), entry["paragraphs"])
        for relpath, entry in sorted(manifest.get("files", {}).items())
    ]
