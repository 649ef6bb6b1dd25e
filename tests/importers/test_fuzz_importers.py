"""Fuzzing every importer with broken versions of valid files: each is imported or refused in one line.

Hypothesis truncates, flips bytes, duplicates or inflates ZIP members and nests deeply, in valid
samples of every kind qualcode imports (transcripts in seven formats, a codebook, cases and
codings CSV, a .qdpx and a .qdc). In this process, under lowered limits so that inflating a file
by a few MB trips them: every file is imported or refused with one line, and a refusal leaves the
project byte-identical. Through the command line, in a child process, under the default limits: a
batch of such files never shows a traceback, refuses each in one line with exit status 1, and
stays under 500 MB.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.importers.cases_csv import import_cases
from qualcode.importers.codebook_file import CodebookError, read_codebook_file
from qualcode.importers.codings_csv import import_codings
from qualcode.importers.csv_reading import CsvFileError
from qualcode.importers.refi_errors import RefiError
from qualcode.importers.refi_import import import_refi
from qualcode.importers.resource_limits import ResourceLimits, using_limits
from qualcode.importers.transcript_import import import_transcript
from qualcode.storage.codebook_store import apply_codebook_spec
from qualcode.storage.errors import ProjectError
from qualcode.storage.project_store import ProjectStore
from tests.importers.hostile_files import (
    Sample,
    flipped,
    member_duplicated,
    member_inflated,
    nested,
    project_snapshot,
    refusal_lines,
    run_qualcode,
    samples,
    truncated,
)
from tests.project_factory import small_project

MEMORY_LIMIT_MB = 500
SMALL_LIMITS = ResourceLimits(max_file_mb=2, max_unpacked_mb=4, max_xml_elements=100_000, max_text_chars=200_000)


@functools.cache
def _samples() -> tuple[Sample, ...]:
    return tuple(samples())


def mutate(sample: Sample, how: str, numbers: list[int]) -> bytes:
    """``sample``'s bytes broken in the way ``how`` names, steered by ``numbers``."""
    data, first = sample.data, numbers[0]
    match how:
        case "truncate":
            return truncated(data, first)
        case "flip":
            return flipped(data, list(zip(numbers, numbers[1:] + [0xFF], strict=False)))
        case "duplicate":
            return member_duplicated(data, first)
        case "inflate":
            return member_inflated(data, first, 1 + first % 8, elements=first % 2 == 0)
        case "grow":
            return data + b" x" * ((1 + first % 4) * 512 * 1024)
        case "nest":
            return nested(data, (50, 150, 5_000)[first % 3])
    raise AssertionError(how)


def _mutations(sample: Sample) -> list[str]:
    zip_only = ["duplicate", "inflate"] if sample.is_zip else ["grow"]
    return ["truncate", "flip", "nest", *zip_only]


@st.composite
def hostile_files(draw) -> tuple[Sample, str, bytes]:
    sample = draw(st.sampled_from(_samples()))
    how = draw(st.sampled_from(_mutations(sample)))
    numbers = draw(st.lists(st.integers(min_value=0, max_value=2**31), min_size=1, max_size=6))
    return sample, how, mutate(sample, how, numbers)


def import_in_process(store: ProjectStore, sample: Sample, path: Path) -> str | None:
    """Import ``path`` as its sample's command does; the refusal's message, or None when it was imported."""
    try:
        match sample.command:
            case ("import",):
                outcome = import_transcript(store, path)
                return outcome.message if outcome.status == "refused" else None
            case ("codebook", "import"):
                apply_codebook_spec(store, read_codebook_file(path))
            case ("cases", "import"):
                import_cases(store, path)
            case ("codings", "import"):
                import_codings(store, path)
            case ("exchange", "import"):
                import_refi(store, path)
    except (CodebookError, CsvFileError, RefiError, ProjectError) as error:
        return str(error)
    return None


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> tuple[Path, ProjectStore]:
    folder = tmp_path_factory.mktemp("fuzz") / "project"
    return folder, small_project(folder)


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=hostile_files())
def test_every_importer_imports_or_refuses_in_one_line_and_a_refusal_changes_nothing(fuzz_project, tmp_path, case):
    folder, store = fuzz_project
    sample, how, data = case
    path = tmp_path / f"{how}-{sample.name}"
    path.write_bytes(data)
    before = project_snapshot(folder)
    with using_limits(SMALL_LIMITS):
        refusal = import_in_process(store, sample, path)
    if refusal is not None:
        assert refusal.strip() and "\n" not in refusal and "Traceback" not in refusal, refusal
        assert project_snapshot(folder) == before, f"{how} {sample.name}: refused ({refusal}) but changed the project"


def _batch(count_per_sample: int, seed: int = 16) -> list[tuple[Sample, str, bytes]]:
    """The same mutations, drawn from a seeded generator, sized for the default limits."""
    rng = random.Random(seed)
    batch = []
    for sample in _samples():
        hows = _mutations(sample)
        for number in range(count_per_sample):
            how = hows[number % len(hows)]
            numbers = [rng.randrange(2**31) for _ in range(rng.randrange(1, 6))]
            if how == "inflate":
                data = member_inflated(sample.data, numbers[0], 60, elements=numbers[0] % 2 == 0)
            else:
                data = mutate(sample, how, numbers)
            batch.append((sample, how, data))
    return batch


@pytest.mark.timeout(240)
def test_the_command_line_refuses_a_batch_of_broken_files_cleanly_within_bounded_memory(tmp_path):
    folder = tmp_path / "project"
    small_project(folder).close()
    batch = _batch(count_per_sample=5)
    transcripts, others = [], []
    for number, (sample, how, data) in enumerate(batch):
        path = tmp_path / "files" / f"{number:02d}-{how}-{sample.name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        (transcripts if sample.command == ("import",) else others).append((sample, path))

    run = run_qualcode("import", *(str(path) for _, path in transcripts), "-p", str(folder), cwd=tmp_path)
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert run.peak_mb < MEMORY_LIMIT_MB, f"peak {run.peak_mb:.0f} MB"
    refused = refusal_lines(run.stderr)
    assert all(line.startswith("refused: ") for line in refused), run.stderr
    assert {line.split(": ", 2)[1] for line in refused} <= {str(path) for _, path in transcripts}
    assert len(refused) == len({line.split(": ", 2)[1] for line in refused})  # one line per refused file
    assert run.exit_code == (1 if refused else 0)
    assert f"{len(refused)} refused" in run.stdout

    # A child per file takes seconds to start, so only the most hostile file of each other kind.
    most_hostile = {sample.name: (sample, path) for sample, path in others
                    if f"-{'inflate' if sample.is_zip else 'nest'}-" in path.name}
    for sample, path in most_hostile.values():
        before = project_snapshot(folder)
        run = run_qualcode(*sample.command, str(path), "-p", str(folder), cwd=tmp_path)
        assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
        assert run.peak_mb < MEMORY_LIMIT_MB, f"{path.name}: peak {run.peak_mb:.0f} MB"
        assert run.exit_code in (0, 1), run.stderr
        if run.exit_code == 1:
            lines = refusal_lines(run.stderr)
            assert len(lines) == 1 and lines[0].startswith(f"error: {path}"), run.stderr
            assert project_snapshot(folder) == before
