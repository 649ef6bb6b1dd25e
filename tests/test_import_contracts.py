"""The import-linter contracts in pyproject.toml hold: layers one way, textual only in tui, spaCy only in nlp."""

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    completed = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--no-logo"],
                               cwd=REPOSITORY, capture_output=True, text=True, timeout=240)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " 0 broken" in completed.stdout
