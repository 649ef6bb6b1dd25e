"""Write a CodebookSpec to the YAML codebook format that ``importers.codebook_file`` reads."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from qualcode.domain.codebook_spec import CodebookSpec, CodeSpec, GroupSpec
from qualcode.export.atomic_files import check_folders, write_files

LONG_TEXT = 70


def _text(value: str):
    return FoldedScalarString(value) if len(value) > LONG_TEXT and "\n" not in value else value


def _code(code: CodeSpec) -> CommentedMap:
    node = CommentedMap(id=code.key, name=code.name)
    for field_name, value in (("description", code.description), ("include", code.inclusion),
                              ("exclude", code.exclusion)):
        if value:
            node[field_name] = _text(value)
    if code.indicators:
        indicators = CommentedSeq(code.indicators)
        indicators.fa.set_flow_style()
        node["indicators"] = indicators
    if code.colour:
        node["colour"] = code.colour
    if code.hotkey:
        node["hotkey"] = code.hotkey
    if code.children:
        node["codes"] = [_code(child) for child in code.children]
    return node


def _group(group: GroupSpec) -> CommentedMap:
    node = CommentedMap(id=group.key, name=group.name)
    if group.description:
        node["description"] = _text(group.description)
    if group.colour:
        node["colour"] = group.colour
    node["codes"] = [_code(code) for code in group.codes]
    return node


def codebook_yaml(spec: CodebookSpec) -> str:
    document = CommentedMap()
    document["codebook"] = spec.title
    if spec.description:
        document["description"] = _text(spec.description)
    document["groups"] = [_group(group) for group in spec.groups]
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def write_codebook_file(spec: CodebookSpec, path: Path) -> None:
    """Write atomically: a half-written codebook file never replaces a good one; ExportError when it cannot."""
    path = Path(path)
    text = codebook_yaml(spec)
    check_folders([path])
    write_files([(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))])
