"""The Textual app (lands with the reader issue)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(folder: Path | None) -> int:
    print(
        "casereader: the reader app is not built yet; use 'casereader search QUERY', "
        "'casereader related REF' and 'casereader docs' meanwhile.",
        file=sys.stderr,
    )
    return 2
