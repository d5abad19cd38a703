"""Everything that reaches into Whoosh's internals, in one place.

casereader uses Whoosh's public API for indexing and searching; the pieces here go further,
each for a measured reason, and each depends on how whoosh-reloaded 2.7.5 works inside:

- :class:`CasePositions` writes the Positions posting format's bytes without building a Token
  per word (most of the indexing time of a large case);
- :class:`CaseCodec` writes posting blocks whose ids and weights are read without unpickling
  the positions (most of the time of an AND or NOT with a common word);
- :class:`ArrayOr` picks Whoosh's array union matcher for ORs of many terms;
- :class:`BodyFirst` is a scoring collector (body paragraphs before furniture, counts per
  document, cancellation);
- :func:`segments`, :func:`terms_within`, :func:`first_matches`, :func:`term_docnums` and
  :func:`posting_ids` (the last two a posting block at a time) read segment by segment;
- :func:`top` and :func:`bm25_view` score with another weighting over the same reader (and
  :func:`top_or`, an OR of terms scored a term at a time, as ``top`` scores it, and
  :func:`collect_or`, which gives a prefix's or a fuzzy word's matches to a collector so);
- the ``skip_to`` patch bisects a posting block instead of walking it;
- :mod:`.flush` writes a segment's postings without reading a field length per posting, and
  :mod:`.pool` gathers them a term at a time in arrays (fewer spills, no sort of postings);
- :mod:`.lengths` reads each segment's paragraph lengths once, not a byte per scored posting;
- :func:`merge_segments`, :func:`cancel_writer` and :func:`remove_orphans` keep the index's
  files to what its committed segments use.

:func:`install` checks the installed Whoosh against the versions these were tested with and
applies the patch; the index calls it when it opens, never as an import side effect.  The
dependency is capped to the tested versions in ``pyproject.toml``.
"""

from __future__ import annotations

from importlib import metadata

# The public Whoosh names the index and search use: every import of Whoosh is in this package.
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter, LockError

from .codec import CaseCodec
from .flush import apply_fast_flush
from .format import CasePositions, CaseTokenizer, text_field_type
from .lengths import apply_lengths_in_memory
from .pool import apply_term_pool
from .search import (
    ArrayOr,
    BodyFirst,
    BudgetSpent,
    PooledBM25F,
    TopRanked,
    apply_skip_to,
    bm25_view,
    doc_numbers,
    first_matches,
    generation,
    posting_ids,
    restore_skip_to,
    segments,
    term_docnums,
    terms_within,
)
from .termwise import collect_or, or_scores, or_terms, top, top_or
from .writing import (
    WorkerDied,
    apply_quiet_subwriters,
    cancel_writer,
    failed_workers,
    is_parallel,
    merge_segments,
    remove_orphans,
    watch_workers,
)

__all__ = [
    "ArrayOr",
    "BodyFirst",
    "BudgetSpent",
    "CaseCodec",
    "CasePositions",
    "CaseTokenizer",
    "IndexWriter",
    "LockError",
    "PooledBM25F",
    "Searcher",
    "TimeLimit",
    "TimeLimitCollector",
    "TopRanked",
    "UnsupportedWhoosh",
    "WorkerDied",
    "apply_skip_to",
    "bm25_view",
    "cancel_writer",
    "check_version",
    "collect_or",
    "doc_numbers",
    "failed_workers",
    "first_matches",
    "generation",
    "install",
    "is_parallel",
    "merge_segments",
    "or_scores",
    "or_terms",
    "posting_ids",
    "remove_orphans",
    "restore_skip_to",
    "segments",
    "term_docnums",
    "terms_within",
    "text_field_type",
    "top",
    "top_or",
    "watch_workers",
    "whoosh_index",
    "wq",
]

TESTED_VERSIONS = ("2.7.5",)


class UnsupportedWhoosh(RuntimeError):
    """The installed Whoosh is not a version casereader was tested with."""


def whoosh_version() -> str:
    try:
        return metadata.version("whoosh-reloaded")
    except metadata.PackageNotFoundError:  # another Whoosh package
        return "not whoosh-reloaded"


def check_version() -> None:
    """Raise UnsupportedWhoosh with a one-line explanation unless the installed Whoosh is tested."""
    found = whoosh_version()
    if found not in TESTED_VERSIONS:
        raise UnsupportedWhoosh(
            f"casereader works with whoosh-reloaded {', '.join(TESTED_VERSIONS)} and {found} is installed; "
            "run 'uv sync' in the casereader folder to install the tested version"
        )


_installed = False


def install() -> None:
    """Check the Whoosh version and apply the patches, once per process."""
    global _installed
    if not _installed:
        check_version()
        apply_skip_to()
        apply_quiet_subwriters()
        apply_fast_flush()
        apply_term_pool()
        apply_lengths_in_memory()
        _installed = True
