"""The index's schema: one Whoosh document per paragraph, one text field per analysis language."""

from __future__ import annotations

from whoosh import fields as wfields

from . import whoosh_ext
from .analysis import STEMMED_LANGUAGES, UNSTEMMED

LANG_KEYS = (*STEMMED_LANGUAGES, UNSTEMMED)


def text_field(lang_key: str) -> str:
    return f"text_{lang_key}"


def make_schema() -> wfields.Schema:
    text_fields = {text_field(key): whoosh_ext.text_field_type(key) for key in LANG_KEYS}
    return wfields.Schema(
        ref=wfields.ID(stored=True, unique=True),
        doc=wfields.ID(stored=True),
        kind=wfields.ID(stored=True),
        n=wfields.STORED(),
        start=wfields.STORED(),
        end=wfields.STORED(),
        text=wfields.STORED(),
        **text_fields,
    )
