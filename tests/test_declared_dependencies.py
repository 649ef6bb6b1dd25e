"""The distributions ``pyproject.toml`` declares are exactly the ones the code imports."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))

DECLARED_BUT_NOT_IMPORTED: dict[str, str] = {}
"""Run-time dependencies that no ``import`` in qualcode/ names, each with the reason it is needed
(a plugin loaded by name, say). Empty: every dependency is imported."""


def normalized(distribution: str) -> str:
    """A distribution name as PEP 503 compares it: ``ruamel.yaml`` and ``ruamel-yaml`` are one."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


def requirement_name(requirement: str) -> str:
    return normalized(re.match(r"[A-Za-z0-9._-]+", requirement).group())


def imported_top_level_names(folder: Path) -> dict[str, set[str]]:
    """Every top-level module name FOLDER's code imports (inside functions too), with the files that do."""
    names: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                names.setdefault(module.partition(".")[0], set()).add(str(path.relative_to(folder.parent)))
    return names


def imported_distributions(folder: Path, local: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The installed distributions FOLDER imports (with the files), and imported names no distribution provides."""
    providers = packages_distributions()
    distributions: dict[str, set[str]] = {}
    unknown: dict[str, set[str]] = {}
    for name, files in imported_top_level_names(folder).items():
        if name in sys.stdlib_module_names or name in local or name == "__future__":
            continue
        if name not in providers:
            unknown[name] = files
        for distribution in providers.get(name, []):
            distributions.setdefault(normalized(distribution), set()).update(files)
    return distributions, unknown


def local_modules(folder: Path) -> set[str]:
    """The modules and packages a folder of scripts or tests imports from itself."""
    return {path.stem for path in folder.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()}


RUNTIME = {requirement_name(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
DEVELOPMENT = {requirement_name(requirement) for requirement in PYPROJECT["dependency-groups"]["dev"]}


def test_qualcode_imports_only_declared_distributions():
    distributions, unknown = imported_distributions(REPOSITORY / "qualcode", {"qualcode"})
    assert unknown == {}, "imported, but no installed distribution provides it"
    undeclared = {name: sorted(files) for name, files in distributions.items() if name not in RUNTIME}
    assert undeclared == {}, "imported by qualcode/ but not in [project].dependencies"


def test_every_runtime_dependency_is_imported():
    distributions, _ = imported_distributions(REPOSITORY / "qualcode", {"qualcode"})
    unused = RUNTIME - set(distributions) - set(DECLARED_BUT_NOT_IMPORTED)
    assert unused == set(), "in [project].dependencies but never imported by qualcode/ (test-only: the dev group)"


def test_tests_and_benchmarks_import_only_declared_distributions():
    for folder in ("tests", "bench"):
        distributions, _ = imported_distributions(REPOSITORY / folder, {"qualcode", "tests"} | local_modules(
            REPOSITORY / folder))
        undeclared = {name: sorted(files) for name, files in distributions.items()
                      if name not in RUNTIME | DEVELOPMENT}
        assert undeclared == {}, f"imported by {folder}/ but declared neither at run time nor in the dev group"


def test_the_check_sees_imports_inside_functions_and_maps_them_to_distributions(tmp_path):
    """The scan is what the assertions above rely on: a lazy import counts, a relative one does not."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text(
        "from __future__ import annotations\nimport json\nfrom . import sibling\n"
        "def later():\n    from docx.shared import Pt\n    import ruamel.yaml\n", encoding="utf-8")
    distributions, unknown = imported_distributions(package, set())
    assert set(distributions) == {"python-docx", "ruamel-yaml"} and unknown == {}
