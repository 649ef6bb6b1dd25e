"""How much any importer may read, unpack and parse, and the checks every reader makes with it.

One policy for every file qualcode imports (transcripts, codebooks, CSV, REFI-QDA): only regular
files, checked before the first byte is read; bounded file size, unpacked size, compression ratio,
XML elements, nesting depth, stored text length and paragraphs. Every refusal names the limit and the setting
that raises it. The limits in force come from ``current_limits()``: the defaults, changed by
``QUALCODE_MAX_...`` environment variables, changed again inside ``using_limits()`` (the command
line's ``--max-file-mb``, ``--max-unpacked-mb`` and ``--max-text-chars``).
"""

from __future__ import annotations

import math
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from qualcode.domain.language import _

MB = 1024 * 1024
ARCHIVE_GROWTH = 20
"""A .qdpx may unpack to this many times its size on disk: REFI-QDA XML packs about 8 to 1, a bomb 1,000 to 1."""
ARCHIVE_GROWTH_CAP_MB = 1_024
"""The most that ``ARCHIVE_GROWTH`` grants; beyond it only ``--max-unpacked-mb`` raises the limit."""

# Limits that have a command-line option; the others are set with their environment variable.
_OPTIONS = {
    "max_file_mb": "--max-file-mb",
    "max_unpacked_mb": "--max-unpacked-mb",
    "max_text_chars": "--max-text-chars",
}


@dataclass(frozen=True)
class ResourceLimits:
    """The limits, each chosen so that a file under 10 MB never takes more than 500 MB of memory."""

    max_file_mb: int = 20
    """A file read whole: transcript, codebook, CSV, .qdc (a two-hour interview is under 1 MB)."""
    max_archive_mb: int = 512
    """A .qdpx, which may carry audio and video qualcode never unpacks."""
    max_unpacked_mb: int = 50
    """What qualcode unpacks from one .docx, .odt or .qdpx, all members together."""
    max_ratio: int = 100
    """Unpacked/packed size of any member over 1 MB; Word's XML packs about 10 to 1."""
    max_members: int = 20_000
    """Members of one ZIP package."""
    max_xml_elements: int = 500_000
    """XML elements in one package or REFI-QDA file (a long interview has well under 100,000)."""
    max_depth: int = 100
    """Nesting of XML elements, RTF groups and YAML blocks."""
    max_html_depth: int = 5_000
    """Nesting of HTML elements as the tags open and close (HTML leaves many unclosed, so it is counted
    apart from ``max_depth``); parsing time grows with the square of the depth."""
    max_text_chars: int = 2_000_000
    """Characters of one stored text (about 300,000 words; an NVivo sample has 635,000 characters)."""
    max_paragraphs: int = 150_000
    """Paragraphs (lines) stored by one import, all texts of a .qdpx together; each costs about 1 KB."""

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> ResourceLimits:
        """The defaults, with each ``QUALCODE_<FIELD>`` environment variable that is set (a whole number)."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            name = f"QUALCODE_{field.name.upper()}"
            if environ.get(name, "").strip():
                try:
                    values[field.name] = positive(int(environ[name]), name)
                except ValueError:
                    raise LimitError(_("{name} must be a positive whole number, not {value!r}").format(name=name, value=environ[name])) from None
        return cls(**values)

    def changed(self, **values: int | None) -> ResourceLimits:
        """These limits with the given ones replaced (``None`` keeps a limit as it is)."""
        return replace(self, **{name: positive(value, _OPTIONS.get(name, name)) for name, value in values.items()
                                if value is not None})

    def for_archive(self, packed_bytes: int) -> ResourceLimits:
        """These limits for one .qdpx of ``packed_bytes``, whose size says how much it may honestly hold.

        A project's own export grows with its codings (about 700 bytes and 3 elements per coding), so
        the limits on the whole archive (unpacked size, XML elements, paragraphs) grow to
        ``ARCHIVE_GROWTH`` times the archive's size, at most ``ARCHIVE_GROWTH_CAP_MB``, in proportion.
        A zip bomb packs far denser than that and is still refused, as is any member packed more than
        ``max_ratio`` to 1; the limits on one text and on nesting stay as they are.
        """
        grown_mb = min(math.ceil(ARCHIVE_GROWTH * packed_bytes / MB), ARCHIVE_GROWTH_CAP_MB)
        if grown_mb <= self.max_unpacked_mb:
            return self
        factor = grown_mb / self.max_unpacked_mb
        return replace(self, max_unpacked_mb=grown_mb, max_xml_elements=math.ceil(self.max_xml_elements * factor),
                       max_paragraphs=math.ceil(self.max_paragraphs * factor))

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * MB


class LimitError(Exception):
    """An input goes over a resource limit, or is not a regular file; the reason is one line."""


class XmlSyntaxError(Exception):
    """XML counted by ``XmlCounter`` is not well-formed; the reason names the line and column."""


def positive(value: int, name: str) -> int:
    if value < 1:
        raise LimitError(_("{name} must be a positive whole number, not {value}").format(name=name, value=value))
    return value


def raise_hint(field_name: str) -> str:
    """How to raise a limit: its command-line option, or its environment variable."""
    return _("raise it with {option}").format(option=_OPTIONS.get(field_name) or "QUALCODE_" + field_name.upper())


def over_limit(what: str, limit: str, field_name: str) -> LimitError:
    """``what``, over the limit of ``limit`` (raise it with ...)."""
    return LimitError(_("{what}, over the limit of {limit} ({hint})").format(what=what, limit=limit, hint=raise_hint(field_name)))


def megabytes(size: int) -> str:
    """A size in MB, rounded up so that a size over a limit never reads as equal to it."""
    if size < 10 * MB:
        return f"{math.ceil(size * 10 / MB) / 10:,.1f} MB"
    return f"{math.ceil(size / MB):,} MB"


_CURRENT: ContextVar[ResourceLimits | None] = ContextVar("qualcode_resource_limits", default=None)


def current_limits() -> ResourceLimits:
    """The limits in force: those of the innermost ``using_limits``, else the defaults and environment."""
    return _CURRENT.get() or ResourceLimits.from_environment()


@contextmanager
def using_limits(limits: ResourceLimits) -> Iterator[ResourceLimits]:
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def read_regular_file(path: Path, *, what: str = "file", limit: str = "max_file_mb") -> bytes:
    """The bytes of ``path``, refused unless it is a regular file within the size limit ``limit``.

    The type is checked before the file is opened, and again on the opened descriptor, so a
    FIFO, a device such as ``/dev/zero`` or a symlink to one is never read (reading would hang
    or never end). Raises ``LimitError``, or ``OSError`` when the file cannot be read.
    """
    max_bytes = getattr(current_limits(), limit) * MB
    check_regular_file(path, what=what, limit=limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        status = os.fstat(handle.fileno())
        _require_regular(status, what)
        _require_size(status.st_size, limit)
        data = handle.read(max_bytes + 1)
    _require_size(len(data), limit)
    return data


def check_regular_file(path: Path, *, what: str = "file", limit: str = "max_file_mb") -> os.stat_result:
    """``path``'s status, refused unless it is a regular file (a symlink to one is fine) within ``limit``."""
    status = os.stat(path)
    _require_regular(status, what)
    _require_size(status.st_size, limit)
    return status


def _require_regular(status: os.stat_result, what: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise LimitError(_("is a folder, not a {what}").format(what=what))
    if not stat.S_ISREG(status.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(status.st_mode)
                else "a device" if stat.S_ISCHR(status.st_mode) or stat.S_ISBLK(status.st_mode)
                else "a socket" if stat.S_ISSOCK(status.st_mode) else "a special file")
        raise LimitError(_("is {kind}, not a regular file; qualcode reads only regular files").format(kind=kind))


def _require_size(size: int, limit: str) -> None:
    max_mb = getattr(current_limits(), limit)
    if size > max_mb * MB:
        raise over_limit(_("is {size}").format(size=megabytes(size)), _("{max_mb:,} MB").format(max_mb=max_mb), limit)


def check_text_length(length: int, what: str = "its text") -> None:
    """Refuse a stored text longer than the limit."""
    limit = current_limits().max_text_chars
    if length > limit:
        raise over_limit(_("{what} is {length:,} characters").format(what=what, length=length), _("{limit:,} characters").format(limit=limit), "max_text_chars")


def check_paragraphs(count: int, what: str = "its text has") -> None:
    """Refuse an import that would store more paragraphs than the limit."""
    limit = current_limits().max_paragraphs
    if count > limit:
        raise over_limit(_("{what} {count:,} paragraphs").format(what=what, count=count), _("{limit:,} paragraphs").format(limit=limit), "max_paragraphs")


def check_nesting(depth: int, what: str) -> None:
    """Refuse ``what`` nested ``depth`` levels deep when that is deeper than the limit."""
    limit = current_limits().max_depth
    if depth > limit:
        raise LimitError(_("{what} nest deeper than the limit of {limit} levels ({hint})").format(what=what, limit=limit, hint=raise_hint('max_depth')))


class PackageReader:
    """Unpacks members of one ZIP package within the limits, counting what it has unpacked.

    Declared sizes are checked first, but never trusted: every member is unpacked in blocks and
    counted as it comes, so a member that lies about its size is stopped at the limit.
    """

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.limits = current_limits()
        self.unpacked = 0
        infos = archive.infolist()
        if len(infos) > self.limits.max_members:
            raise over_limit(_("has {count:,} members").format(count=len(infos)), f"{self.limits.max_members:,}", "max_members")

    def check_declared(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse ``infos`` before unpacking them when their declared sizes, with what is unpacked already, are too big."""
        declared = self.unpacked + sum(info.file_size for info in infos)
        if declared > self.limits.max_unpacked_bytes:
            raise over_limit(_("unpacks to {declared}").format(declared=megabytes(declared)), _("{max_unpacked_mb:,} MB").format(max_unpacked_mb=self.limits.max_unpacked_mb),
                             "max_unpacked_mb")
        for info in infos:
            self._check_ratio(info.filename, info.file_size, info.compress_size)

    def blocks(self, info: zipfile.ZipInfo, block_size: int = 1 << 16) -> Iterator[bytes]:
        """The member's bytes in blocks; LimitError as soon as it goes over a limit."""
        size = 0
        with self.archive.open(info) as handle:
            while block := handle.read(block_size):
                size += len(block)
                self.unpacked += len(block)
                if self.unpacked > self.limits.max_unpacked_bytes:
                    raise LimitError(_("unpacks to more than the limit of {max_unpacked_mb:,} MB ({hint})").format(max_unpacked_mb=self.limits.max_unpacked_mb, hint=raise_hint('max_unpacked_mb')))
                self._check_ratio(info.filename, size, info.compress_size)
                yield block

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.blocks(info))

    def _check_ratio(self, name: str, size: int, packed: int) -> None:
        if size > MB and size > self.limits.max_ratio * max(packed, 1):
            ratio = size // max(packed, 1)
            raise over_limit(_("member {name!r} is packed {ratio:,} to 1 (a zip bomb?)").format(name=name, ratio=ratio),
                             _("{max_ratio} to 1").format(max_ratio=self.limits.max_ratio), "max_ratio")


# What zipfile raises on a damaged member while unpacking it.
DAMAGED_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError)


class XmlCounter:
    """Streams XML through expat, counting elements, nesting and character data, holding none of it.

Character data that is only whitespace is layout (indentation between elements) and does not count.

    Refuses a DOCTYPE (no office or REFI-QDA file has one), so entities cannot expand either;
    without ``refuse_doctype`` it leaves that to the caller's parser. ``count`` takes one document
    as blocks of bytes; elements and characters add up over every document counted, so one
    counter bounds a whole package. ``what`` names the totals in messages (``the package``),
    ``part`` the document that nests too deep or is not well-formed.
    """

    def __init__(self, what: str = "its XML", *, refuse_doctype: bool = True) -> None:
        self.limits = current_limits()
        self.what = self.part = what
        self.refuse_doctype = refuse_doctype
        self.elements = 0
        self.characters = 0
        self.depth = 0
        self.declares_doctype = False
        """Whether a document counted declared a DTD or entities (seen only without ``refuse_doctype``)."""
        self._parser: expat.XMLParserType | None = None

    def start(self) -> None:
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        declared = self._doctype if self.refuse_doctype else self._note_doctype
        parser.StartDoctypeDeclHandler = declared
        parser.EntityDeclHandler = declared
        parser.buffer_text = True
        self._parser, self.depth = parser, 0

    def feed(self, block: bytes, final: bool = False) -> None:
        if self._parser is None:
            self.start()
        try:
            self._parser.Parse(block, final)
        except expat.ExpatError as error:
            raise XmlSyntaxError(_("{part} is not well-formed XML (line {line}, column {column}): {error}").format(part=self.part, line=error.lineno, column=error.offset + 1, error=expat.ErrorString(error.code))) from None
        if final:
            self._parser = None

    def count(self, blocks: Iterator[bytes] | list[bytes]) -> None:
        """Count one whole document given as blocks of bytes."""
        self.start()
        for block in blocks:
            self.feed(block)
        self.feed(b"", final=True)

    def tree(self, data: bytes, block_size: int = 1 << 16) -> Element:
        """Parse one document into an ElementTree, counting as it is built, in blocks: the limits stop
        it as soon as they are passed, as in ``count``, without a pass of its own.

        Only for a document the caller knows has no DOCTYPE: ElementTree's parser would expand
        entities. Text counts per text node (``count`` counts expat's blocks of it). Raises
        ``ParseError`` when the document is not well-formed, after counting what came before.
        """
        parser = ElementTree.XMLPullParser(events=("start", "end"))
        self.depth = 0
        self._open: list[Element] = []  # the elements open after the last event counted
        self._closed: Element | None = None  # the element that event closed; None when it opened one
        root = None
        try:
            for first in range(0, len(data), block_size):
                parser.feed(data[first : first + block_size])
                root = self._count_events(parser, root)
            parser.close()
        except ParseError:
            self._count_events(parser, root)  # what came before the error may pass a limit first
            raise
        return self._count_events(parser, root)

    def _count_events(self, parser: ElementTree.XMLPullParser, root: Element | None) -> Element | None:
        """Count what the parser has read since last asked, in document order; the root, once seen.

        The text before an element (its parent's text or its previous sibling's tail) is complete
        when the element starts, and the last text inside an element when it ends. One loop with the
        counts in local names: a 150-interview project has 200,000 events, and a method call for each
        cost a tenth of its import.
        """
        open_elements, closed = self._open, self._closed
        elements, characters = self.elements, self.characters
        max_elements, max_characters = self.limits.max_xml_elements, self.limits.max_text_chars
        max_depth = self.limits.max_depth
        try:
            for event, element in parser.read_events():
                if open_elements:
                    text = open_elements[-1].text if closed is None else closed.tail
                    if text and not text.isspace():  # layout between elements is not text
                        characters += len(text)
                        if characters > max_characters:
                            raise self._too_much_text()
                if event == "start":
                    elements += 1
                    if elements > max_elements:
                        raise self._too_many_elements()
                    open_elements.append(element)
                    if len(open_elements) > max_depth:
                        check_nesting(len(open_elements), f"the XML elements of {self.part}")
                    if root is None:
                        root = element
                    closed = None
                else:
                    open_elements.pop()
                    closed = element
        finally:
            self.elements, self.characters, self.depth, self._closed = elements, characters, len(open_elements), closed
        return root

    def _start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        self.depth += 1
        if self.elements > self.limits.max_xml_elements:
            raise self._too_many_elements()
        if self.depth > self.limits.max_depth:
            check_nesting(self.depth, f"the XML elements of {self.part}")

    def _end(self, name: str) -> None:
        self.depth -= 1

    def _text(self, data: str) -> None:
        if data.isspace():
            return  # layout between elements, not text; the unpacked size bounds it
        self.characters += len(data)
        if self.characters > self.limits.max_text_chars:
            raise self._too_much_text()

    def _too_many_elements(self) -> LimitError:
        return LimitError(_("{what} has more XML elements than the limit of {max_xml_elements:,} ({hint})").format(what=self.what, max_xml_elements=self.limits.max_xml_elements, hint=raise_hint('max_xml_elements')))

    def _too_much_text(self) -> LimitError:
        return LimitError(_("{what} holds more text than the limit of {max_text_chars:,} characters ({hint})").format(what=self.what, max_text_chars=self.limits.max_text_chars, hint=raise_hint('max_text_chars')))

    def _note_doctype(self, *_: object) -> None:
        self.declares_doctype = True

    def _doctype(self, *_ignored: object) -> None:
        raise LimitError(_("{part} declares a DTD or entities (<!DOCTYPE>); refused, as it could expand entities or read other files").format(part=self.part))
