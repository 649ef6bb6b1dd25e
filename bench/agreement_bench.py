"""Agreement speed: character-level per-code kappa, and Krippendorff's alpha beside the krippendorff package.

Run: uv run python bench/agreement_bench.py
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from importlib.metadata import version

import krippendorff
import numpy as np

from qualcode.agreement import (
    bootstrap_interval,
    character_mask,
    count_presence,
    krippendorff_alpha,
    presence_agreement,
)

CHARACTERS = 500_000
CODES = 20
CHARACTER_TARGET_SECONDS = 0.5
UNITS, CODERS, MISSING = 2_000, 5, 0.10
REPEATS = 7


def best_of(function: Callable[[], object], repeats: int = REPEATS, loops: int = 1) -> float:
    """The fastest of ``repeats`` timings, in seconds per call."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(loops):
            function()
        timings.append((time.perf_counter() - start) / loops)
    return min(timings)


def random_spans(rng: np.random.Generator, count: int) -> list[tuple[int, int]]:
    starts = rng.integers(0, CHARACTERS - 1_000, count)
    return [(int(s), int(s + length)) for s, length in zip(starts, rng.integers(20, 800, count), strict=True)]


def coder_b_spans(rng: np.random.Generator, spans_a: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Coder B keeps most of A's spans with shifted edges, drops some and adds others."""
    kept = [
        (max(0, start + int(rng.integers(-40, 40))), min(CHARACTERS, end + int(rng.integers(-40, 40))))
        for start, end in spans_a
        if rng.random() < 0.8
    ]
    return [(s, e) for s, e in kept if s < e] + random_spans(rng, len(spans_a) // 5)


def character_level_kappa(spans: list[tuple[list, list]]) -> list:
    return [
        presence_agreement(count_presence(character_mask(CHARACTERS, a), character_mask(CHARACTERS, b)))
        for a, b in spans
    ]


def bench_character_level() -> None:
    rng = np.random.default_rng(2024)
    spans = []
    for _ in range(CODES):
        spans_a = random_spans(rng, int(rng.integers(20, 200)))
        spans.append((spans_a, coder_b_spans(rng, spans_a)))
    masks = [(character_mask(CHARACTERS, a), character_mask(CHARACTERS, b)) for a, b in spans]

    total = best_of(lambda: character_level_kappa(spans))
    counting = best_of(lambda: [presence_agreement(count_presence(a, b)) for a, b in masks])
    counts = [count_presence(a, b) for a, b in masks]
    bootstrap = best_of(lambda: [bootstrap_interval(c, seed=1) for c in counts], repeats=3)
    results = character_level_kappa(spans)
    kappas = [r.kappa.value for r in results if r.kappa.defined]
    pooled = presence_agreement(sum(counts[1:], counts[0]))

    print(f"(a) Character-level per-code kappa: 2 coders, {CHARACTERS:,} characters, {CODES} codes")
    verdict = "OK" if total <= CHARACTER_TARGET_SECONDS else "TOO SLOW"
    print(
        f"    spans -> masks -> 2x2 counts -> percent/kappa/alpha: {total:.4f} s total "
        f"(target <= {CHARACTER_TARGET_SECONDS} s) {verdict}"
    )
    print(f"    of which counting + measures from boolean arrays:    {counting:.4f} s")
    print(f"    bootstrap 95% interval, 2,000 resamples per code:     {bootstrap:.4f} s")
    print(
        f"    per-code kappa {min(kappas):.3f}..{max(kappas):.3f}; pooled kappa {pooled.kappa.value:.4f}, "
        f"alpha {pooled.alpha.value:.4f}, agreement {pooled.percent_agreement.value:.4f}"
    )


def reliability_matrix(rng: np.random.Generator, values: int) -> np.ndarray:
    truth = rng.integers(1, values + 1, size=(UNITS, 1))
    noise = rng.integers(1, values + 1, size=(UNITS, CODERS))
    matrix = np.where(rng.random((UNITS, CODERS)) < 0.7, truth, noise).astype(float)
    matrix[rng.random((UNITS, CODERS)) < MISSING] = np.nan
    return matrix


def compare_alpha(level: str, matrix: np.ndarray, values: int) -> str:
    """One table line: our alpha and krippendorff's, timed on a matrix and on a list of rows."""
    rows = [[None if np.isnan(v) else int(v) for v in row] for row in matrix]
    by_coder = matrix.T
    ours = best_of(lambda: krippendorff_alpha(matrix, level=level), loops=20)
    ours_rows = best_of(lambda: krippendorff_alpha(rows, level=level), loops=20)
    theirs = best_of(lambda: krippendorff.alpha(by_coder, level_of_measurement=level), loops=20)
    theirs_rows = best_of(
        lambda: krippendorff.alpha(np.array(rows, dtype=float).T, level_of_measurement=level), loops=20
    )
    value = krippendorff_alpha(rows, level=level).value
    reference = krippendorff.alpha(by_coder, level_of_measurement=level)
    agree = "agree" if abs(value - reference) < 1e-10 else "DIFFER"
    return (
        f"    {level:<9} {values:>6} {ours * 1e3:>15.3f} {theirs * 1e3:>12.3f} {ours / theirs:>6.2f} "
        f"{ours_rows * 1e3:>14.3f} {theirs_rows * 1e3:>12.3f} {ours_rows / theirs_rows:>6.2f}  "
        f"{value:.6f} / {reference:.6f} {agree}"
    )


def bench_krippendorff_alpha() -> None:
    rng = np.random.default_rng(7)
    print(
        f"(b) Krippendorff's alpha: {UNITS:,} units x {CODERS} coders, {MISSING:.0%} missing "
        f"(best of {REPEATS}, ms per call)"
    )
    print(
        "    (array: both get the same numpy matrix with NaN for missing, units x coders vs coders x units;"
    )
    print("     rows: both start from a list of rows with None, krippendorff after np.array(rows, float).T)")
    print(
        f"    {'level':<9} {'values':>6} {'array: qualcode':>15} {'krippendorff':>12} {'ratio':>6} "
        f"{'rows: qualcode':>14} {'krippendorff':>12} {'ratio':>6}  alpha qualcode / krippendorff"
    )
    for level, values in (("nominal", 5), ("interval", 7)):
        print(compare_alpha(level, reliability_matrix(rng, values), values))
    print("    ratio = qualcode time / krippendorff time (target <= 1)")


def main() -> None:
    print(
        f"qualcode agreement bench: Python {platform.python_version()}, numpy {np.__version__}, "
        f"krippendorff {version('krippendorff')}"
    )
    bench_character_level()
    bench_krippendorff_alpha()


if __name__ == "__main__":
    main()
