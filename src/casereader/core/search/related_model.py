"""The weights of the learned ranking of related passages (search/related.py), fitted by
bench/tune_related.py on the tuning halves only (ECB+ dev topics, crosslang tune).  Written
by that script (``--write``); not edited by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

FEATURES = (
    "words",  # found by words
    "words_rr",  # 1 / its rank by words
    "words_score",  # its words score over the best one's
    "strong",  # a phrase, a figure or three words that are not names in common
    "near_rr",  # 1 / its rank by meaning (above the floor)
    "cos",  # cosine of the two passages' meanings
    "cos_gap",  # cos less the best cosine among the candidates
    "doc_cos",  # cosine of the two documents' mean vectors
    "q_doc_cos",  # the compared passage against its document's mean vector
    "cos_x_doc",  # cos times doc_cos
    "other_language",  # in another language than the compared passage
    "names_in_doc",  # the rarity-weighed share of its names the compared passage's document has
    "headline",  # another document's headline
)
# Fitted on 1869 judged passages of the tuning halves (bench/tune_related.py).
MEAN = (
    0.701759,
    0.206419,
    0.444826,
    0.491663,
    0.18838,
    0.570413,
    -0.213428,
    0.721063,
    0.560344,
    0.432277,
    0.118518,
    0.563323,
    0.0612813,
)
SCALE = (
    0.457486,
    0.258804,
    0.355286,
    0.49993,
    0.265409,
    0.191473,
    0.195945,
    0.182661,
    0.175453,
    0.191589,
    0.32322,
    0.370974,
    0.239846,
)
WEIGHTS = (
    0.12011,
    0.0507387,
    0.107649,
    0.266813,
    0.0188437,
    0.9908,
    0.462945,
    -0.0624405,
    -0.357267,
    0.29561,
    -0.00583437,
    0.195475,
    0.128792,
)
BIAS = -0.064056


def score(features: np.ndarray) -> np.ndarray:
    """Each candidate's score, the log-odds that it is related (classes weighed alike in the
    fit); ``features`` one row per candidate."""
    import numpy as np

    scaled = (features - np.asarray(MEAN, dtype=np.float32)) / np.asarray(SCALE, dtype=np.float32)
    result: np.ndarray = scaled @ np.asarray(WEIGHTS, dtype=np.float32) + np.float32(BIAS)
    return result
