"""The core's names are imported when first used (``casereader.core.__getattr__``): each public
name must be in its table, resolve, and be the object its module defines; importing the core
loads none of the heavy modules the app's first frame does without."""

from __future__ import annotations

import subprocess
import sys

import casereader.core as core


def test_every_public_name_is_in_the_table_and_resolves() -> None:
    assert sorted(core.__all__) == sorted(core._WHERE)
    for name in core.__all__:
        assert getattr(core, name) is not None, name


def test_importing_the_core_and_the_case_loads_no_heavy_module() -> None:
    code = (
        "import sys, casereader.core; from casereader.core import Case;"
        "heavy = ('casereader.core.sides', 'casereader.core.ingest.formats', 'casereader.core.ingest.fetch',"
        " 'casereader.core.index.case_index', 'whoosh', 'trafilatura', 'py3langid', 'urllib.request');"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
