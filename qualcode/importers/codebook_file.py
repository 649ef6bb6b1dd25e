"""Read a YAML codebook file into a CodebookSpec, reporting errors with their line numbers.

YAML because researchers edit codebooks by hand: long descriptions fold naturally (``>``),
comments survive, and ruamel.yaml keeps the line of every key so an error can point at it.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from ruamel.yaml.reader import ReaderError

from qualcode.domain.codebook_spec import (
    COLOUR_PATTERN,
    HOTKEY_PATTERN,
    KEY_PATTERN,
    CodebookSpec,
    CodeSpec,
    GroupSpec,
)
from qualcode.domain.language import _
from qualcode.importers.resource_limits import LimitError, check_nesting, current_limits, read_regular_file

CODE_FIELDS = {"id", "name", "description", "include", "exclude", "indicators", "colour", "hotkey", "codes"}
GROUP_FIELDS = {"id", "name", "description", "colour", "codes"}
TOP_FIELDS = {"codebook", "description", "groups"}


class CodebookError(Exception):
    """A codebook file is not valid; the message names the file, the line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path, self.line, self.reason = Path(path), line, reason
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {reason}")


def read_codebook_file(path: Path) -> CodebookSpec:
    """Parse and validate a codebook file; raises CodebookError on the first problem found."""
    path = Path(path)
    try:
        text = read_regular_file(path, what="codebook file").decode("utf-8-sig")
    except LimitError as error:
        raise CodebookError(path, None, str(error)) from None
    except FileNotFoundError:
        raise CodebookError(path, None, _("file not found")) from None
    except UnicodeDecodeError as error:
        line = error.object.count(b"\n", 0, error.start) + 1
        raise CodebookError(path, line, _("is not UTF-8 (byte offset {start}); save it as UTF-8").format(start=error.start)) from None
    except OSError as error:
        raise CodebookError(path, None, _("cannot read the file: {value}").format(value=error.strerror or error)) from None
    return parse_codebook(text, path)


def parse_codebook(text: str, path: Path | str = "<codebook>") -> CodebookSpec:
    try:
        _check_nesting(text, path)
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise CodebookError(path, line, _("not valid YAML: {problem}").format(problem=error.problem)) from None
    except ReaderError as error:  # a character YAML does not allow, such as a control character
        line = text.count("\n", 0, error.position) + 1
        character = chr(error.character) if isinstance(error.character, int) else error.character
        raise CodebookError(path, line, _("not valid YAML: character {character!r} is not allowed").format(character=character)) from None
    return _Reader(path).codebook(data)


def _check_nesting(text: str, path: Path | str) -> None:
    """Refuse blocks nested deeper than the limit, from the event stream, before building anything."""
    depth, limit = 0, current_limits().max_depth
    for event in YAML(typ="rt").parse(text):
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > limit:
                try:
                    check_nesting(depth, "its lists and mappings")
                except LimitError as error:
                    raise CodebookError(path, event.start_mark.line + 1, str(error)) from None
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


class _Reader:
    def __init__(self, path: Path | str):
        self.path = path
        self.seen_keys: dict[str, int] = {}
        self.seen_hotkeys: dict[str, str] = {}

    def fail(self, node, key, reason: str):
        raise CodebookError(self.path, _line(node, key), reason)

    def codebook(self, data) -> CodebookSpec:
        if not isinstance(data, CommentedMap):
            raise CodebookError(self.path, 1, _("a codebook is a mapping with 'codebook' and 'groups'"))
        self.unknown_fields(data, TOP_FIELDS, "codebook")
        groups = data.get("groups")
        if not isinstance(groups, CommentedSeq) or not groups:
            self.fail(data, "groups", "'groups' must be a non-empty list")
        return CodebookSpec(
            title=self.text(data, "codebook"),
            description=self.text(data, "description"),
            groups=tuple(self.group(groups, index) for index in range(len(groups))),
        )

    def group(self, parent: CommentedSeq, index: int) -> GroupSpec:
        node = parent[index]
        if not isinstance(node, CommentedMap):
            raise CodebookError(self.path, _item_line(parent, index), _("each group is a mapping with 'id' and 'name'"))
        self.unknown_fields(node, GROUP_FIELDS, "group")
        key = self.key(node, prefix=None)
        return GroupSpec(
            key=key,
            name=self.required_text(node, "name"),
            description=self.text(node, "description"),
            colour=self.colour(node),
            codes=self.codes(node, key),
        )

    def codes(self, node: CommentedMap, parent_key: str) -> tuple[CodeSpec, ...]:
        codes = node.get("codes")
        if codes is None:
            return ()
        if not isinstance(codes, CommentedSeq):
            self.fail(node, "codes", "'codes' must be a list")
        return tuple(self.code(codes, index, parent_key) for index in range(len(codes)))

    def code(self, parent: CommentedSeq, index: int, parent_key: str) -> CodeSpec:
        node = parent[index]
        if not isinstance(node, CommentedMap):
            raise CodebookError(self.path, _item_line(parent, index), _("each code is a mapping with 'id' and 'name'"))
        self.unknown_fields(node, CODE_FIELDS, "code")
        key = self.key(node, prefix=parent_key)
        return CodeSpec(
            key=key,
            name=self.required_text(node, "name"),
            description=self.text(node, "description"),
            inclusion=self.text(node, "include"),
            exclusion=self.text(node, "exclude"),
            indicators=self.indicators(node),
            colour=self.colour(node),
            hotkey=self.hotkey(node, key),
            children=self.codes(node, key),
        )

    def unknown_fields(self, node: CommentedMap, allowed: set[str], what: str) -> None:
        for field_name in node:
            if field_name not in allowed:
                self.fail(node, field_name, f"unknown {what} field {field_name!r} (allowed: {', '.join(sorted(allowed))})")

    def key(self, node: CommentedMap, prefix: str | None) -> str:
        key = self.required_text(node, "id")
        if not KEY_PATTERN.match(key):
            self.fail(node, "id", f"id {key!r} must be lower-case words joined by '-' and '/'")
        if prefix is not None and not key.startswith(prefix + "/"):
            self.fail(node, "id", f"code id {key!r} must start with {prefix + '/'!r}")
        if key in self.seen_keys:
            self.fail(node, "id", f"id {key!r} is used twice (first on line {self.seen_keys[key]})")
        self.seen_keys[key] = _line(node, "id")
        return key

    def text(self, node: CommentedMap, field_name: str) -> str:
        value = node.get(field_name)
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(node, field_name, f"'{field_name}' must be text")
        return " ".join(str(value).split()) if field_name in {"name", "id"} else str(value).strip()

    def required_text(self, node: CommentedMap, field_name: str) -> str:
        value = self.text(node, field_name)
        if not value:
            line = _line(node, field_name) if field_name in node else node.lc.line + 1
            raise CodebookError(self.path, line, _("'{field_name}' is missing or empty").format(field_name=field_name))
        return value

    def indicators(self, node: CommentedMap) -> tuple[str, ...]:
        value = node.get("indicators")
        if value is None:
            return ()
        if not isinstance(value, CommentedSeq) or not all(isinstance(term, str) and term.strip() for term in value):
            self.fail(node, "indicators", "'indicators' must be a list of words")
        return tuple(dict.fromkeys(term.strip().lower() for term in value))

    def colour(self, node: CommentedMap) -> str | None:
        value = self.text(node, "colour")
        if value and not COLOUR_PATTERN.match(value):
            self.fail(node, "colour", f"colour {value!r} must look like #1f77b4")
        return value.lower() or None

    def hotkey(self, node: CommentedMap, key: str) -> str | None:
        value = self.text(node, "hotkey").lower()
        if not value:
            return None
        if not HOTKEY_PATTERN.match(value):
            self.fail(node, "hotkey", f"hotkey {value!r} must be a digit or a function key (f1-f12); letters are the app's")
        if value in self.seen_hotkeys:
            self.fail(node, "hotkey", f"hotkey {value!r} is already bound to {self.seen_hotkeys[value]}")
        self.seen_hotkeys[value] = key
        return value


def _line(node: CommentedMap, key) -> int:
    try:
        return node.lc.key(key)[0] + 1
    except (KeyError, TypeError):
        return node.lc.line + 1


def _item_line(sequence: CommentedSeq, index: int) -> int:
    try:
        return sequence.lc.item(index)[0] + 1
    except (KeyError, TypeError, IndexError):
        return sequence.lc.line + 1
