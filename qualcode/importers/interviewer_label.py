"""Which speaker label is the interviewer: the one the researcher names, else a guess with its evidence.

The guess: the first label that names the role (``I``, ``I1``, ``Int.``, ``Interviewer``,
``Interviewster``, ``Onderzoeker``, ``Moderator``, ``V``/``Vraag``). Else the speaker the header
names (``Interviewer: Eva Meijer`` makes ``Eva Meijer`` or ``Eva`` the interviewer). Else, among the
speakers whose label does not name the respondent's role (``R``, ``Resp.``, ``Respondent``,
``Geïnterviewde``, ``Deelnemer`` ...), whoever asks the questions (see ``speaker_questions``). A
transcript with one speaker has no interviewer.
"""

from __future__ import annotations

import re
from pathlib import Path

from dataclasses import dataclass

from qualcode.domain.language import _
from qualcode.domain.transcript import ParsedTranscript
from qualcode.importers.errors import TranscriptError
from qualcode.importers.speaker_questions import question_asker

_INTERVIEWER_ROLE = re.compile(r"(?:i|int|interv|interviewers?|interviewster|onderzoeker|moderator|v|vraag)\d*")
_RESPONDENT_ROLE = re.compile(
    r"(?:r|resp|respondente?|geïnterviewde|geinterviewde|deelnemer|participant|antwoord)\d*"
)
_SEPARATORS = re.compile(r"[\s_.]")
_HEADER_KEYS = ("interviewer", "interviewster", "onderzoeker", "moderator")


@dataclass(frozen=True)
class InterviewerGuess:
    """The interviewer's label (None: no interviewer) and, for a person, why."""

    label: str | None
    evidence: str


def interviewer_label(transcript: ParsedTranscript, requested: str | None, path: Path) -> str | None:
    """The interviewer's label as it occurs in the turns; ``requested`` must occur, else an error."""
    return interviewer_guess(transcript, requested, path).label


def interviewer_guess(transcript: ParsedTranscript, requested: str | None, path: Path) -> InterviewerGuess:
    """``interviewer_label`` with the evidence for it."""
    turns = transcript.turns
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    if requested is not None:
        return InterviewerGuess(_requested(speakers, requested, path), "as given")
    if len(speakers) < 2:
        return InterviewerGuess(None, "one speaker, no interviewer")
    for speaker in speakers:
        if _INTERVIEWER_ROLE.fullmatch(_role_key(speaker)):
            return InterviewerGuess(speaker, "the label names the role")
    named = _named_in_header(transcript.metadata, speakers)
    if named is not None:
        return InterviewerGuess(named, "the header names the interviewer")
    candidates = [speaker for speaker in speakers if not _RESPONDENT_ROLE.fullmatch(_role_key(speaker))]
    if not candidates:
        return InterviewerGuess(None, "every label names a respondent")
    asker = question_asker(transcript.text, turns, candidates)
    return InterviewerGuess(asker.speaker, asker.evidence)


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
    raise TranscriptError(path, _("the interviewer label {requested!r} does not occur; the speakers are: {found}").format(requested=requested, found=found))


def _role_key(label: str) -> str:
    return _SEPARATORS.sub("", label.casefold())
