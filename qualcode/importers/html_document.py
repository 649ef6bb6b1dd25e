"""The text of an .html/.htm transcript (noScribe, Google Docs, Word's "web page"), read with selectolax.

Each block (paragraph, heading, list item, ``div`` ...) and each ``<br>`` starts a line; a table
row is one line, its cells joined by a tab, as in a .docx. Whitespace runs become one space.
Scripts, styles, templates, comments and the ``<head>`` are left out. The file is untrusted: it
is decoded like a text file, never fetches anything (links and images are not followed), and
HTML has no entity definitions to expand; the size limit of ``readers`` applies, and a file whose
elements may nest more than 5,000 deep (opening tags less closing ones, leaving out elements that
need no closing tag) is refused before parsing, as the parser's time grows with the square of the depth.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from qualcode.domain.language import _
from qualcode.importers.errors import TranscriptError
from qualcode.importers.resource_limits import current_limits, over_limit
from qualcode.importers.text_decoding import decode_text

_IGNORED = ["script", "style", "template", "noscript", "head", "iframe", "object", "svg", "math"]
_BLOCKS = frozenset(
    "address article aside blockquote body dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tbody thead tfoot ul".split()
)
_CELLS = frozenset({"td", "th"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Elements without a closing tag, and those the parser closes by itself when the next one opens.
_UNCLOSED = frozenset(
    "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option "
    "thead tbody tfoot colgroup rb rt rp optgroup".split()
)


def html_text(data: bytes, path: Path) -> str:
    """Lines of the document's visible text, in document order."""
    text = decode_text(data, path)
    depth, limit = _depth_bound(text), current_limits().max_html_depth
    if depth > limit:
        raise TranscriptError(path, str(over_limit(f"nests its HTML elements {depth:,} deep", f"{limit:,}",
                                                   "max_html_depth")))
    tree = LexborHTMLParser(text)
    tree.strip_tags(_IGNORED)
    if tree.body is None:
        raise TranscriptError(path, _("is not an HTML document with a body"))
    lines: list[str] = []
    words: list[str] = []
    # An explicit stack instead of recursion: a hostile file may nest elements very deeply.
    stack: list[LexborNode | str] = [tree.body]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # the end of a block
            _flush(words, lines)
            continue
        tag = item.tag
        if tag == "-text":
            words.append(item.text_content or "")
        elif tag == "br":
            _flush(words, lines)
        elif tag == "tr":
            _flush(words, lines)
            lines.append(_row(item))
        elif not tag.startswith("-"):
            if tag in _BLOCKS:
                _flush(words, lines)
                stack.append("end")
            stack.extend(reversed(list(item.iter(include_text=True))))
    _flush(words, lines)
    return "\n".join(lines)


def _depth_bound(text: str) -> int:
    """An upper bound on how deep the elements nest: every opening tag counted, every closing one taken off."""
    depth = deepest = 0
    for closing, name in _TAG.findall(text):
        if name.lower() in _UNCLOSED:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flush(words: list[str], lines: list[str]) -> None:
    line = " ".join("".join(words).split())
    if line:
        lines.append(line)
    words.clear()


def _row(row: LexborNode) -> str:
    cells = [" ".join(cell.text(separator=" ").split()) for cell in row.iter() if cell.tag in _CELLS]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)
