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
# Fitted on 1857 judged passages of the tuning halves (bench/tune_related.py).
MEAN = (
    0.701777,
    0.206331,
    0.444563,
    0.491577,
    0.188335,
    0.570592,
    -0.213622,
    0.722352,
    0.560524,
    0.43316,
    0.118798,
    0.564038,
    0.0613944,
)
SCALE = (
    0.457478,
    0.258717,
    0.355256,
    0.499929,
    0.265326,
    0.191676,
    0.196063,
    0.18051,
    0.175638,
    0.191118,
    0.323551,
    0.370874,
    0.240052,
)
WEIGHTS = (
    0.119853,
    0.0504896,
    0.111252,
    0.264354,
    0.0165001,
    0.988187,
    0.462794,
    -0.0439627,
    -0.367772,
    0.299548,
    -0.011502,
    0.191574,
    0.125352,
)
BIAS = -0.0631511


def score(features: np.ndarray) -> np.ndarray:
    """Each candidate's score, the log-odds that it is related (classes weighed alike in the
    fit); ``features`` one row per candidate."""
    import numpy as np

    scaled = (features - np.asarray(MEAN, dtype=np.float32)) / np.asarray(SCALE, dtype=np.float32)
    result: np.ndarray = scaled @ np.asarray(WEIGHTS, dtype=np.float32) + np.float32(BIAS)
    return result
