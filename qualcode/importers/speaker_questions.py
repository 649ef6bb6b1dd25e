"""Who asks the questions: per speaker their turns, words and questions, and the likeliest interviewer.

A turn is a question when it ends in ``?``; it asks something when it holds a ``?`` anywhere or
opens a sentence with a Dutch question word (``hoe``, ``wat``, ``waarom``, ``kunt`` ...). The
interviewer is the speaker with the largest share of question turns, a quarter of the share of
asking turns added; ties go to the shorter turns, then to whoever spoke first. The guess is sure
when the interviewer's share of questions leads the next speaker's by at least 0.2 and their turns
are not longer, or, with few questions on both sides, when their turns are at most half as long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qualcode.domain.transcript import ParsedTurn

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_CLOSING = " \t\n\"'”’»)]"
_QUESTION_OPENER = re.compile(
    r"(?:^|[.!?]\s+)(?i:hoe|wat|waarom|wanneer|waar|wie|welke?|waardoor|waarmee|hoeveel|kun|kunt|kan|kon|zou"
    r"|zouden|heb|hebt|heeft|hadden|had|ben|bent|is|zijn|was|waren|vind|vindt|denk|denkt|merk|merkt|herken"
    r"|herkent|speelt|gaat|klopt|mag|moet|wil|wilt)\b"
)
_LEAD = 0.2


@dataclass(frozen=True)
class SpeakerStatistics:
    """How much one speaker says and asks."""

    speaker: str
    turns: int
    words: int
    questions: int
    asking: int

    @property
    def words_per_turn(self) -> float:
        return self.words / self.turns if self.turns else 0.0

    @property
    def question_share(self) -> float:
        return self.questions / self.turns if self.turns else 0.0

    def score(self) -> float:
        return self.question_share + 0.25 * (self.asking / self.turns if self.turns else 0.0)


@dataclass(frozen=True)
class QuestionAsker:
    """The likeliest interviewer, the evidence in words, and whether the evidence is clear."""

    speaker: str | None
    evidence: str
    sure: bool


def speaker_statistics(turn_texts: Iterable[tuple[str, str]]) -> list[SpeakerStatistics]:
    """Statistics per speaker of (speaker, words) pairs, in the order the speakers first speak."""
    counts: dict[str, list[int]] = {}
    for speaker, words in turn_texts:
        tally = counts.setdefault(speaker, [0, 0, 0, 0])
        tally[0] += 1
        tally[1] += sum(1 for _ in _WORD.finditer(words))
        tally[2] += words.rstrip(_CLOSING).endswith("?")
        tally[3] += "?" in words or _QUESTION_OPENER.search(words) is not None
    return [SpeakerStatistics(speaker, *tally) for speaker, tally in counts.items()]


def question_asker(text: str, turns: Sequence[ParsedTurn], candidates: Sequence[str]) -> QuestionAsker:
    """Which of ``candidates`` asks the questions in ``turns`` (spans into ``text``)."""
    everyone = speaker_statistics((turn.speaker, text[turn.start : turn.end]) for turn in turns)
    order = [stats.speaker for stats in everyone]
    ranked = sorted(
        (stats for stats in everyone if stats.speaker in candidates),
        key=lambda stats: (-stats.score(), stats.words_per_turn, order.index(stats.speaker)),
    )
    if not ranked:
        return QuestionAsker(None, "no candidate speaks", False)
    leader = ranked[0]
    others = [stats for stats in everyone if stats.speaker != leader.speaker]
    runner_up = max(others, key=lambda stats: stats.score()) if others else None
    sure = runner_up is not None and _clear(leader, runner_up)
    evidence = f"{_describe(leader)}" + "".join(f"; {_describe(stats)}" for stats in others)
    if not sure:
        evidence = f"unsure: {evidence}"
    return QuestionAsker(leader.speaker, evidence, sure)


def _clear(leader: SpeakerStatistics, runner_up: SpeakerStatistics) -> bool:
    if leader.question_share - runner_up.question_share >= _LEAD:
        return leader.words_per_turn <= runner_up.words_per_turn
    return leader.words_per_turn <= 0.5 * runner_up.words_per_turn and leader.score() >= runner_up.score()


def _describe(stats: SpeakerStatistics) -> str:
    return (
        f"{stats.speaker}: {stats.questions} of {stats.turns} turns end in '?', "
        f"{stats.words_per_turn:.0f} words a turn"
    )
