"""What an importer hands to the store: the stored text and its speaker turns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedTurn:
    """One speaker turn. ``start``/``end`` span the spoken content only (no label, no timestamp).

    ``paragraphs`` are (start, end) spans inside the turn, one per non-empty line of content.
    """

    speaker: str
    start: int
    end: int
    paragraphs: tuple[tuple[int, int], ...]
    start_time: float | None = None


@dataclass(frozen=True)
class ParsedTranscript:
    """A transcript as read from one file, before it is stored.

    ``text`` is NFC-normalised with ``\\n`` line ends and is what the store keeps verbatim.
    ``metadata`` holds header fields (``title``, ``respondent``, ``datum``, ``duur`` ...),
    keys lower-case. ``layout`` says how the turns were recognised (``Amberscript-style: speaker
    line, then text``); ``interviewer_evidence`` why ``interviewer_label`` was chosen.
    """

    text: str
    turns: tuple[ParsedTurn, ...]
    source_format: str
    metadata: dict[str, str] = field(default_factory=dict)
    interviewer_label: str | None = None
    case_label: str | None = None
    layout: str = ""
    interviewer_evidence: str = ""
