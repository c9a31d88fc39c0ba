"""The load script keeps working: a small run of it against the real app (the full run is a benchmark)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_load_script_runs_sessions_at_once_without_errors(gazetteer):
    run = subprocess.run([sys.executable, "benchmarks/load.py", "--sessions", "3", "--clicks", "2", "--think", "0", "0"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "6 clicks answered" in run.stdout and "errors: 0" in run.stdout
