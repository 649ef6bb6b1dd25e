"""The Dutch catalogue holds a translation of every string the code marks with ``_`` or ``ngettext``.

The messages are extracted from qualcode/ as ``pybabel extract`` does (the keywords in
pyproject.toml); a message that is missing from ``nl/LC_MESSAGES/qualcode.po``, untranslated or
fuzzy fails, and so does a translation whose ``{placeholders}`` differ from the English ones (it
would raise or lose a value when formatted). Run ``uv run pybabel extract`` and ``uv run pybabel
update`` and translate what they add (README, "Languages").
"""

from __future__ import annotations

import ast
import string
import tomllib
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po

from qualcode.domain.catalogue import catalogue_path
from qualcode.domain.language import DUTCH, _, current_language, ngettext, set_language

REPOSITORY = Path(__file__).resolve().parents[1]
SETTINGS = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]


def marked_messages() -> dict[str | tuple[str, str], str]:
    """Every message marked in qualcode/, singular or (singular, plural), with the first place it is marked."""
    keywords = parse_keywords(SETTINGS["extract_messages"]["keywords"].split())
    found: dict[str | tuple[str, str], str] = {}
    for file_name, line, message, _comments, _context in extract_from_dir(
            REPOSITORY / "qualcode", keywords=keywords, comment_tags=()):
        found.setdefault(message, f"qualcode/{file_name}:{line}")
    return found


def catalogue() -> dict[str, object]:
    with catalogue_path(DUTCH, ".po").open("rb") as file:
        return {message.id: message for message in read_po(file) if message.id}


def fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def test_every_marked_message_has_a_dutch_translation():
    translated = catalogue()
    missing = []
    for message, place in marked_messages().items():
        entry = translated.get(message)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{place}: {message!r}")
    assert not missing, f"{len(missing)} message(s) without a Dutch translation:\n" + "\n".join(missing)


def test_translations_keep_the_placeholders_of_the_english_text():
    wrong = []
    for message in catalogue().values():
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        dutch = message.string if isinstance(message.string, tuple) else (message.string,)
        for source, translation in zip(english, dutch):
            if translation and fields(source) != fields(translation):
                wrong.append(f"{source!r} -> {translation!r}")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_translates_at_run_time():
    assert current_language() == "en"
    assert _("Code") == "Code" and _("Quit") == "Quit"
    set_language(DUTCH)
    assert _("Quit") == "Stoppen"
    assert ngettext("{count} file in {folder}", "{count} files in {folder}", 2) == "{count} bestanden in {folder}"
    assert _("a text no one marked") == "a text no one marked"


def test_no_translation_is_called_inside_an_f_string():
    """Babel does not look inside f-strings, so such a message never reaches the catalogue (or this test)."""
    hidden = []
    for path in sorted((REPOSITORY / "qualcode").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden += [f"{path.relative_to(REPOSITORY)}:{call.lineno}" for text in ast.walk(tree)
                   if isinstance(text, ast.JoinedStr) for call in ast.walk(text)
                   if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("_", "ngettext")]
    assert not hidden, "_() inside an f-string:\n" + "\n".join(hidden)


def binds_underscore(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when ``_`` is a parameter or assigned in FUNCTION's own scope (not in a nested one)."""
    parameters = function.args
    names = [*parameters.posonlyargs, *parameters.args, *parameters.kwonlyargs, parameters.vararg, parameters.kwarg]
    if any(parameter is not None and parameter.arg == "_" for parameter in names):
        return True
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp)
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, nested):
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def test_no_function_hides_the_translation_function():
    """A function that names a local ``_`` and calls ``_()`` calls the local instead (or fails before it is set)."""
    hidden = []
    for path in sorted((REPOSITORY / "qualcode").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden += [f"{path.relative_to(REPOSITORY)}:{function.lineno} {function.name}" for function in ast.walk(tree)
                   if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and binds_underscore(function)
                   and any(isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "_"
                           for call in ast.walk(function))]
    assert not hidden, "these bind _ and call _():\n" + "\n".join(hidden)


def test_a_clone_compiles_the_catalogue_once_into_the_cache(tmp_path, monkeypatch):
    """Without a packaged .mo the .po is compiled into $XDG_CACHE_HOME/qualcode; a damaged cache is compiled again."""
    from qualcode.domain import catalogue as catalogues

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(catalogues, "catalogue_path", lambda language, suffix: (
        tmp_path / "missing.mo" if suffix == ".mo" else catalogue_path(language, suffix)))
    assert catalogues.load_catalogue(DUTCH).gettext("Quit") == "Stoppen"
    cached, = (tmp_path / "qualcode").iterdir()
    cached.write_bytes(b"not a catalogue")
    assert catalogues.load_catalogue(DUTCH).gettext("Quit") == "Stoppen"
    assert cached.read_bytes().startswith(b"\xde\x12\x04\x95")  # the .mo magic number, written again
