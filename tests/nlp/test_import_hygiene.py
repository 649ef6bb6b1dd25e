"""Only qualcode.nlp imports spaCy, and nothing else loads it at start-up (the TUI must start fast)."""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import qualcode

ROOT = Path(qualcode.__file__).parent
SPACY_IMPORT = re.compile(r"^\s*(import spacy\b|from spacy\b)", re.MULTILINE)


def test_no_module_outside_nlp_imports_spacy():
    offenders = [
        str(path.relative_to(ROOT.parent)) for path in ROOT.rglob("*.py")
        if "nlp" not in path.relative_to(ROOT).parts[:1] and SPACY_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert SPACY_IMPORT.search((ROOT / "nlp" / "pipeline_loader.py").read_text())   # the pattern does find imports


def test_importing_everything_but_the_nlp_engine_leaves_spacy_unloaded():
    packages = sorted(f"qualcode.{info.name}" for info in pkgutil.iter_modules([str(ROOT)]))
    modules = [name for name in packages if name != "qualcode.nlp"]
    modules += [f"qualcode.cli.{info.name}" for info in pkgutil.iter_modules([str(ROOT / "cli")])]
    modules += ["qualcode.nlp", "qualcode.nlp.suggestion"]      # light: the TUI may import these for types
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n    importlib.import_module(name)\n"
        "print(json.dumps(sorted(name for name in sys.modules if name == 'spacy' or name.startswith(('spacy.', 'thinc')))))"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                               cwd=ROOT.parent)
    assert "qualcode.cli" in modules and "qualcode.storage" in modules
    assert json.loads(completed.stdout) == []


def test_help_loads_neither_the_store_nor_the_format_libraries():
    """``qualcode --help`` starts fast: SQLAlchemy, numpy and the readers load only for the commands using them."""
    script = (
        "import json, sys\n"
        "sys.argv = ['qualcode', '--help']\n"
        "from qualcode.launcher import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                               cwd=ROOT.parent)
    loaded = set(json.loads(completed.stdout.splitlines()[-1]))
    assert "typer" in loaded
    assert loaded.isdisjoint({"sqlalchemy", "sqlmodel", "numpy", "textual", "spacy", "docx", "openpyxl", "webvtt"})
