"""Document metadata: the case catalog, front matter, bylines and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import TomlError, parse_toml
from ..models import DocMeta
from .dates import month_number, month_pattern

CATALOG_NAME = "catalog.toml"
META_FIELDS = ("title", "outlet", "outlet_description", "author", "date", "updated", "url", "lang", "description")

_MONTH_RE = month_pattern()

_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),  # also "2022-04-19T00:00:01"
    (re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b"), "ymd"),  # 2025/04/23, 2025.04.23
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (
        re.compile(rf"\b(\d{{1,2}})(?:º|o)?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.I),
        "dmy",
    ),
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), "d/m/y"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I), "my"),
    (re.compile(r"\b(\d{4})-(\d{1,2})\b"), "ym"),
]  # fmt: skip


def parse_date(text: str) -> str:
    """The first date found in ``text`` as ISO 8601 ("2025-07-21", or "2025-07"), else ""."""
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groups()
        try:
            if order == "ymd":
                year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
            elif order == "mdy":
                month, day, year = month_number(groups[0]), int(groups[1]), int(groups[2])
            elif order == "dmy":
                day, month, year = int(groups[0]), month_number(groups[1]), int(groups[2])
            elif order == "d/m/y":
                day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
                if month > 12 >= day:  # 04/25/2025 is month first
                    day, month = month, day
            elif order == "my":
                month = month_number(groups[0])
                if month:
                    return f"{int(groups[1]):04d}-{month:02d}"
                continue
            else:
                year, month = int(groups[0]), int(groups[1])
                if 1 <= month <= 12:
                    return f"{year:04d}-{month:02d}"
                continue
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


def normalise_date(value: Any) -> str:
    """A catalog or front-matter date (TOML/YAML date, or text) as ISO 8601."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text if is_calendar_date(text) else ""
    return parse_date(text)


def is_calendar_date(text: str) -> bool:
    """Whether ``2025``, ``2025-07`` or ``2025-07-21`` is a day, month or year of the calendar
    (not ``2025-02-30``, ``2025-13-45`` or ``0000-00-00``)."""
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


_UNITS = {
    "minute": 60, "minuto": 60, "minutos": 60, "min": 60, "mins": 60, "hour": 3600, "hora": 3600, "h": 3600,
    "hr": 3600, "hrs": 3600, "day": 86400, "día": 86400, "dia": 86400, "dias": 86400, "días": 86400,
    "week": 604800, "semana": 604800, "month": 2629800, "mes": 2629800, "mês": 2629800, "meses": 2629800,
    "year": 31557600, "año": 31557600, "ano": 31557600, "años": 31557600, "anos": 31557600,
}  # fmt: skip
_COUNT = r"(\d{1,3}|an?|one|un|una|um|uma)"
_UNIT = (
    r"(minutes?|minutos?|mins?|hours?|horas?|hrs?|h|days?|d[íi]as?|weeks?|semanas?|months?|mes(?:es)?|mês|"
    r"years?|años?|anos?)"
)
_RELATIVE = [
    re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+ago\b", re.I),  # 3 hours ago
    re.compile(rf"\bhace\s+{_COUNT}\s+{_UNIT}\b", re.I),  # hace 2 días
    re.compile(rf"(?:\bhá|\bha)\s+{_COUNT}\s+{_UNIT}\b", re.I),  # há 3 dias
    re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+atrás\b", re.I),  # 2 horas atrás
]
_DAY_WORDS = {"yesterday": 86400, "ayer": 86400, "ontem": 86400, "today": 0, "hoy": 0, "hoje": 0}


def relative_age(text: str) -> tuple[int, str] | None:
    """(seconds, the words) for a relative stamp ("3 hours ago", "hace 2 días", "há 1 mês",
    "ayer"); None when the text has none."""
    for pattern in _RELATIVE:
        match = pattern.search(text)
        if match:
            count, unit = match.group(1).casefold(), match.group(2).casefold()
            number = int(count) if count.isdigit() else 1
            seconds = _UNITS.get(unit) or _UNITS.get(unit.rstrip("s")) or 0
            if seconds:
                return number * seconds, match.group()
    match = re.search(r"\b(yesterday|ayer|ontem|today|hoy|hoje)\b", text, re.I)
    if match and len(text) <= 200:
        return _DAY_WORDS[match.group(1).casefold()], match.group()
    return None


_BYLINE = re.compile(
    r"^(?:by|por|de|escrito por|written by)[:\s]\s*(?P<who>[^|–—\n]{2,80}?)"
    r"(?:\s*(?:[|–—]|\s-\s)\s*(?P<rest>.*))?$",
    re.I,
)


def parse_byline(line: str) -> tuple[str, str] | None:
    """("Misión Verdad", "2025-07-21") for "By Misión Verdad – Jul 21, 2025"; None if no byline."""
    text = line.strip()
    if len(text) > 140:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    who = match.group("who").strip().rstrip(",")
    date = parse_date(match.group("rest") or "")
    if not date:
        # "By Jane Doe, July 3, 2025"
        date = parse_date(who)
        if date:
            who = re.split(r",\s*|\s+on\s+", who)[0].strip()
    if not who or len(who.split()) > 8 or not looks_like_names(who):
        return None
    return who, date


# Lower-case words that names and bylines may hold: "María de la Cruz", "Ana y João".
_NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "and",
        "und",
        "et",
        "the",
        "staff",
    ]
)


def looks_like_names(who: str) -> bool:
    """True for "Ana Pérez", "J. Smith and Ana y João Lima", "the Associated Press", "WOLA";
    False for a headline that merely starts with "By" ("By the numbers: how ...")."""
    words = [w.strip(".,;:'’\"()") for w in who.replace("&", " ").split()]
    words = [w for w in words if w]
    if not words or not any(w[0].isupper() for w in words):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words) and not any(
        w.endswith(":") for w in who.split()
    )


@dataclass
class Catalog:
    """A case's ``catalog.toml``: the case's name and per-file metadata overrides."""

    name: str = ""
    description: str = ""
    documents: dict[str, dict[str, str]] = field(default_factory=dict)
    problem: str = ""  # why the catalog could not be read, if it could not

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        """The case folder's catalog, with the corrections made from casereader to a case
        whose folder is not writable (kept in the case's data folder) on top."""
        catalog = cls.read(folder / CATALOG_NAME)
        from ..places import data_dir_for

        overlay = cls.read(data_dir_for(folder) / CATALOG_NAME)
        for relpath, entry in overlay.documents.items():
            catalog.documents[relpath] = {**catalog.documents.get(relpath, {}), **entry}
        if overlay.problem:
            catalog.problem = "; ".join(p for p in (catalog.problem, f"(data folder) {overlay.problem}") if p)
        return catalog

    @classmethod
    def read(cls, path: Path) -> Catalog:
        if not path.is_file():
            return cls()
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = parse_toml(text)
        except (OSError, UnicodeDecodeError, TomlError) as exc:
            return cls(problem=f"{CATALOG_NAME} ignored: {exc}")
        problems: list[str] = []
        case = data.get("case", {})
        if not isinstance(case, dict):
            problems.append(f"[case] must be a table (name = …), not {_shown(case)}")
            case = {}
        documents: dict[str, dict[str, str]] = {}
        listed = data.get("documents") or {}
        if not isinstance(listed, dict):
            problems.append(f"[documents] must be a table of files, not {_shown(listed)}")
            listed = {}
        for name, entry in listed.items():
            if not isinstance(entry, dict):
                problems.append(f"[documents.{_shown(name)}] must be a table (title = …), not {_shown(entry)}")
                continue
            clean: dict[str, str] = {}
            for key, value in entry.items():
                if key not in (*META_FIELDS, "source") or (key == "source" and "outlet" in entry):
                    continue
                field_name = "outlet" if key == "source" else key
                if key in ("date", "updated"):
                    if not isinstance(value, (str, dt.date)):
                        problems.append(
                            f"{_where(text, name, key)}{_shown(name)}.{key} must be a date, not {_shown(value)}"
                        )
                        continue
                    iso = normalise_date(value)
                    if not iso and str(value).strip():
                        problems.append(
                            f"{_where(text, name, key)}{_shown(name)}.{key} {_shown(str(value))} is not a date"
                        )
                        continue
                    clean[key] = iso
                elif isinstance(value, str):
                    clean[field_name] = value
                else:
                    problems.append(f"{_where(text, name, key)}{_shown(name)}.{key} must be text, not {_shown(value)}")
            documents[name] = clean
        problem = f"{CATALOG_NAME}: " + "; ".join(problems) + " (ignored)" if problems else ""
        return cls(
            name=str(case.get("name", "")),
            description=str(case.get("description", "")),
            documents=documents,
            problem=problem,
        )

    @staticmethod
    def case_name(folder: Path) -> str:
        """The ``[case]`` name alone, without parsing a long ``[documents]`` part when the
        case table comes first (a 16,657-entry catalog took 0.5 s to parse whole)."""
        try:
            text = (folder / CATALOG_NAME).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return ""
        head = re.split(r"(?m)^\s*\[\s*\[?\s*documents\b", text, maxsplit=1)[0]
        try:
            case = parse_toml(head).get("case", {})
        except TomlError:
            case = None
        if isinstance(case, dict) and case.get("name"):
            return str(case["name"])
        return Catalog.load(folder).name if len(head) < len(text) else ""

    def entry(self, relpath: str) -> dict[str, str]:
        """The entry for the file at ``relpath`` (relative to the case folder, ``/``-separated):
        the entry of that path only, so ``a.txt`` names the top-level file, never
        ``old/a.txt``."""
        return self.documents.get(relpath) or {}


def _where(text: str, name: str, key: str) -> str:
    """ "line N: " for a problem's message ("" when the line cannot be told).  Looked for only
    when there is a problem: each look scans the catalog's lines, and done for every key of a
    50,000-entry catalog it took the parse from seconds to hours."""
    line = _line_of(text, name, key)
    return f"line {line}: " if line else ""


def _line_of(text: str, name: str, key: str) -> int:
    """The line (from 1) where ``key`` of the catalog entry ``name`` is set; 0 when it cannot
    be told (a message then names the entry and the key alone)."""
    lines = text.splitlines()
    quoted = (f'"{name}"', f"'{name}'", f".{name}]", f"{name} =", f"{name}=")
    start = next((i for i, line in enumerate(lines) if any(q in line for q in quoted)), -1)
    if start < 0:
        return 0
    assignment = re.compile(rf"(^|[{{,\s]){re.escape(key)}\s*=")
    for i in range(start, len(lines)):
        if i > start and lines[i].lstrip().startswith("["):
            return 0
        if assignment.search(lines[i] if i > start else lines[i].split("=", 1)[-1] if "{" in lines[i] else ""):
            return i + 1
    return 0


def _shown(value: object) -> str:
    """A TOML value as the message quotes it: one short line."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def merge_meta(layers: list[tuple[str, dict[str, str]]]) -> DocMeta:
    """Fill each field from the first layer (catalog, front matter, text, file name) having it.
    A field the catalog names is decided there, even when empty: ``author = ""`` says the
    piece names no author, and no later layer fills one in."""
    meta = DocMeta()
    for origin, values in layers:
        for key in META_FIELDS:
            if key in meta.origins:
                continue
            value = (values.get(key) or "").strip()
            if value or (origin == "catalog" and key in values):
                setattr(meta, key, value)
                meta.origins[key] = origin
    for key in [k for k, origin in meta.origins.items() if not getattr(meta, k)]:
        del meta.origins[key]  # an emptied field says nothing of where it came from
    return meta
