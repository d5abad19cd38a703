"""The user's settings: ``config.toml`` in the user config folder
(``~/.config/casereader/config.toml`` on Linux).  Today it holds the citation template::

    [citation]
    template = '{author} ({date}). "{title}". {outlet}, ¶{paragraph}[. {url}]'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .citation import CitationStyle, TemplateError
from .files import TomlError, read_toml


def config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("casereader") / "config.toml"


@dataclass(frozen=True)
class Settings:
    style: CitationStyle
    problem: str = ""  # what was wrong with the file, in one line ("" when nothing was)
    path: Path | None = None


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (the user's config file by default); defaults, with the
    problem said, when the file cannot be used.  A missing file is not a problem."""
    path = path or config_path()
    try:
        data = read_toml(path)
    except FileNotFoundError:
        return Settings(CitationStyle(), path=path)
    except TomlError as exc:
        return Settings(CitationStyle(), f"{exc}; using the default citation", path)
    section = data.get("citation", {})
    if not isinstance(section, dict):
        return Settings(CitationStyle(), f"{path}: [citation] must be a table; using the default citation", path)
    template = section.get("template")
    if template is None:
        return Settings(CitationStyle(), path=path)
    if not isinstance(template, str) or not template.strip():
        return Settings(CitationStyle(), f"{path}: citation.template must be text; using the default citation", path)
    try:
        return Settings(CitationStyle(template), path=path)
    except TemplateError as exc:
        return Settings(CitationStyle(), f"{path}: {exc}; using the default citation", path)
