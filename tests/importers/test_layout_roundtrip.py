"""Property: a generated transcript rendered in each layout reads back as the turns it was made from."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qualcode.importers.labelled_transcript import parse_labelled_text
from qualcode.importers.normalised_text import normalise_text

SPEAKERS = ["Spreker 1", "Spreker 2", "Spreker 3", "I", "R", "Interviewer", "Respondent", "S00", "S01",
            "SPEAKER_00", "Dr. Bakker", "mevrouw Jansen"]
WORDS = (
    "de het een vakgroep ziekenhuis samenwerking regio bestuur specialisten patiënten afspraken overleg "
    "vertrouwen planning wachtlijst collega's maatschap dienst opleiding zorg kwaliteit nieuwe eerste "
    "samen goed lastig vooral eigenlijk wel niet toen daarna misschien hebben waren gingen zagen wilden "
    "moesten kon zou hadden elkaar beter sneller avond week maand jaar één twee drie"
).split()

sentences = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.sampled_from([".", "?", "!", "..."]),
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
turn_contents = st.lists(paragraphs, min_size=1, max_size=3)


@st.composite
def transcripts(draw):
    """[(speaker, paragraphs, time in whole seconds)], times rising, under ten hours."""
    count = draw(st.integers(1, 8))
    gaps = draw(st.lists(st.integers(0, 4000), min_size=count, max_size=count))
    times = [sum(gaps[: index + 1]) for index in range(count)]
    return [(draw(st.sampled_from(SPEAKERS)), draw(turn_contents), time) for time in times]


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _short_clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _blocks(turns, head) -> str:
    return "\n\n".join("\n".join((head(speaker, time), *content)) for speaker, content, time in turns)


RENDERERS = {
    "amberscript": lambda turns: _blocks(turns, lambda speaker, time: f"{speaker} [{_clock(time)}]"),
    "otter": lambda turns: _blocks(turns, lambda speaker, time: f"{speaker}  {_short_clock(time)}"),
    "word": lambda turns: _blocks(turns, lambda speaker, time: f"{_clock(time)} {speaker}"),
    "word-ms": lambda turns: _blocks(turns, lambda speaker, time: f"{_clock(time)}.000 {speaker}"),
    "parentheses": lambda turns: _blocks(turns, lambda speaker, time: f"{speaker} ({_clock(time)})"),
    "labels": lambda turns: "\n\n".join(
        f"{speaker}: [{_clock(time)}] " + "\n".join(content) for speaker, content, time in turns
    ),
    "time-before-label": lambda turns: "\n".join(
        f"[{_clock(time)}] {speaker}: " + "\n".join(content) for speaker, content, time in turns
    ),
    "f4": lambda turns: "\n\n".join(
        f"{speaker}: " + "\n".join(content) + f" #{_clock(time)}-0#" for speaker, content, time in turns
    ),
    "table": lambda turns: "Tijd\tSpreker\tTekst\n" + "\n".join(
        f"{_clock(time)}\t{speaker}\t{' '.join(content)}" for speaker, content, time in turns
    ),
    "table-text-first": lambda turns: "\n".join(
        f"{' '.join(content)}\t{speaker}\t{_clock(time)}" for speaker, content, time in turns
    ),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts(), st.sampled_from(sorted(RENDERERS)))
def test_each_layout_reads_back_the_generated_turns(turns, layout):
    assume(len(turns) >= 2 or not layout.startswith("table"))  # a one-row table is not read as turns
    text = normalise_text(RENDERERS[layout](turns))
    parsed = parse_labelled_text(text, "txt")
    joined = " " if layout.startswith("table") else "\n"
    assert [
        (turn.speaker, "\n".join(text[start:end] for start, end in turn.paragraphs), turn.start_time)
        for turn in parsed.turns
    ] == [(speaker, joined.join(content), float(time)) for speaker, content, time in turns]


@settings(max_examples=40, deadline=None)
@given(transcripts(), st.data())
def test_interjections_read_back_as_turns_of_their_own_speaker(turns, data):
    """Each turn gets an interjection (noScribe's //S: ... // or [S: ...]) after its first sentence."""
    expected, blocks = [], []
    for speaker, content, time in turns:
        other = data.draw(st.sampled_from([name for name in SPEAKERS if name != speaker]))
        first, _, rest = content[0].partition(". ")
        words = data.draw(sentences)
        mark = data.draw(st.sampled_from(["overlap", "bracket"]))
        interjection = f"//{other}: {words} //" if mark == "overlap" else f"[{other}: {words}]"
        before = first + ("." if rest else "")
        after = "\n".join([rest, *content[1:]] if rest else content[1:])
        blocks.append(f"{speaker}: [{_clock(time)}] {before} {interjection} {after}".rstrip())
        blocks.append(f"{other}: [{_clock(time)}] Ja.")  # the interjector also speaks a turn of their own
        expected += [(speaker, before, float(time)), (other, words, None)]
        expected += [(speaker, after, None)] if after else []
        expected.append((other, "Ja.", float(time)))
    text = normalise_text("\n".join(blocks))
    parsed = parse_labelled_text(text, "txt")
    assert [
        (turn.speaker, "\n".join(text[start:end] for start, end in turn.paragraphs), turn.start_time)
        for turn in parsed.turns
    ] == expected
