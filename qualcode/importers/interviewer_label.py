"""Which speaker label is the interviewer: the one the researcher names, else a guess.

The guess: the first label that names the role (``I``, ``I1``, ``Int.``, ``Interviewer``,
``Interviewster``, ``Onderzoeker``, ``Moderator``, ``V``/``Vraag``). Else the speaker the header
names (``Interviewer: Eva Meijer`` makes ``Eva Meijer`` or ``Eva`` the interviewer). Else, among the
speakers whose label does not name the respondent's role (``R``, ``Resp.``, ``Respondent``,
``Geïnterviewde``, ``Deelnemer`` ...), the one with the largest share of turns holding a question
mark; ties go to the shorter average turn, then to whoever spoke first. A transcript with one
speaker has no interviewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from qualcode.domain.transcript import ParsedTranscript, ParsedTurn
from qualcode.importers.errors import TranscriptError

_INTERVIEWER_ROLE = re.compile(r"(?:i|int|interv|interviewers?|interviewster|onderzoeker|moderator|v|vraag)\d*")
_RESPONDENT_ROLE = re.compile(
    r"(?:r|resp|respondente?|geïnterviewde|geinterviewde|deelnemer|participant|antwoord)\d*"
)
_SEPARATORS = re.compile(r"[\s_.]")
_HEADER_KEYS = ("interviewer", "interviewster", "onderzoeker", "moderator")


def interviewer_label(transcript: ParsedTranscript, requested: str | None, path: Path) -> str | None:
    """The interviewer's label as it occurs in the turns; ``requested`` must occur, else an error."""
    turns = transcript.turns
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    if requested is not None:
        return _requested(speakers, requested, path)
    for speaker in speakers:
        if _INTERVIEWER_ROLE.fullmatch(_role_key(speaker)):
            return speaker
    named = _named_in_header(transcript.metadata, speakers)
    if named is not None:
        return named
    candidates = [speaker for speaker in speakers if not _RESPONDENT_ROLE.fullmatch(_role_key(speaker))]
    if len(speakers) < 2 or not candidates:
        return None
    return max(candidates, key=lambda speaker: _interviewer_likeness(transcript.text, turns, speaker, speakers))


def _named_in_header(metadata: dict[str, str], speakers: list[str]) -> str | None:
    names = [metadata[key].casefold() for key in _HEADER_KEYS if metadata.get(key)]
    for name in names:
        for speaker in speakers:
            if speaker.casefold() in (name, name.split()[0]):
                return speaker
    return None


def _requested(speakers: list[str], requested: str, path: Path) -> str:
    if requested in speakers:
        return requested
    folded = [speaker for speaker in speakers if speaker.casefold() == requested.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    found = ", ".join(speakers) if speakers else "none"
    raise TranscriptError(path, f"the interviewer label {requested!r} does not occur; the speakers are: {found}")


def _role_key(label: str) -> str:
    return _SEPARATORS.sub("", label.casefold())


def _interviewer_likeness(
    text: str, turns: Sequence[ParsedTurn], speaker: str, speakers: list[str]
) -> tuple[float, float, int]:
    own = [turn for turn in turns if turn.speaker == speaker]
    questions = sum(1 for turn in own if text.find("?", turn.start, turn.end) >= 0)
    average_length = sum(turn.end - turn.start for turn in own) / len(own)
    return questions / len(own), -average_length, -speakers.index(speaker)
