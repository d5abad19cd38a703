"""The quick mojibake pre-check never hides mojibake that ftfy would repair."""

import pytest
from ftfy.badness import is_bad

from casereader.core.ingest.encoding import _SUSPECT, repair_mojibake

TEXTS = [
    "José Pérez dijo “hola” – sí, el 75% de los 252 venezolanos",
    "São Paulo, 12 de outubro — ação e reação",
    "Straße über Öl; naïve café",
    "Привет мир",
    "Ελληνικά",
    "日本語のテキスト",
    "½ cup ± 3° — “quoted”",
]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "mac_roman", "cp437", "iso-8859-2", "cp1250"])
def test_text_saved_through_a_wrong_encoding_passes_the_pre_check(encoding: str) -> None:
    for text in TEXTS:
        try:
            garbled = text.encode("utf-8").decode(encoding)
        except UnicodeDecodeError:
            continue
        if is_bad(garbled):
            assert _SUSPECT.search(garbled), (encoding, garbled)


def test_repairs_still_happen_and_clean_text_is_left_alone() -> None:
    garbled = "â€œThe Evil Deadâ€\x9d, said JosÃ© PÃ©rez"
    fixed, note = repair_mojibake(garbled)
    assert fixed == "“The Evil Dead”, said José Pérez" and "mojibake repaired" in note
    for text in TEXTS:
        assert repair_mojibake(text) == (text, "")
