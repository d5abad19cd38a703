"""Language of a document when no metadata gives it: py3langid, offline, model in the package.

Restricted to the languages a case is likely to mix (the model's 97 would mistake a short
Portuguese paragraph for Galician); below a minimum of text, or without a confident answer,
the language stays unknown and the document is folded but not stemmed.
"""

from __future__ import annotations

import threading
from typing import Any

CANDIDATES = ["en", "es", "pt", "fr", "de", "it", "nl", "ca"]
MIN_CHARS = 40
MIN_CONFIDENCE = 0.80

_lock = threading.Lock()
_identifier: Any = None


def _get() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(CANDIDATES)
            identifier._full_model = None  # the 97-language tables (28 MB) are not used again
            _identifier = identifier
        return _identifier


def detect(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or "" when it cannot be told."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return ""
    lang, confidence = _get().classify(sample)
    return str(lang) if confidence >= MIN_CONFIDENCE else ""
