import subprocess
import sys


def test_the_core_imports_no_ui() -> None:
    code = (
        "import sys, casereader.core, casereader.core.search, casereader.core.related;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
