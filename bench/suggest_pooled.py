"""Suggestions on the four held-out interviews when the project also holds other interviews coded with the
same codebook, as a research group's pooled project does.

Builds pooled projects in a temporary folder from the held-out set (``tests/data/heldout``), the eight
tuning interviews (``tests/data/tuning``) and the sample's four interviews coded by ``eva``, each with
the sample codebook and every coding under one coder, ``team``. Then scores only the held-out
interviews, leave-one-document-out, each learning from every other coded document of the project,
and prints cold (codebook only) and warm (learned) precision@1 and recall@3 for coded turns. Nothing
is tuned here: the scoring is the suggester's as it stands, so the held-out set stays unseen.

    uv run python bench/suggest_pooled.py
    uv run python bench/suggest_pooled.py --keep /tmp/pooled   # keep the projects, for the command line:
    uv run qualcode evaluate-suggestions -p /tmp/pooled/held-out+tuning+sample --coder team \\
        -d interview-h1-orthopedie-manager,interview-h2-mdl-verpleegkundig-specialist,...
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from pathlib import Path

from qualcode.importers.readers import SUPPORTED_SUFFIXES
from qualcode.nlp.pipeline_loader import load_pipeline
from qualcode.nlp.project_suggestions import evaluate_coder
from qualcode.project_setup import set_up_project
from qualcode.storage.coders import list_coders

ROOT = Path(__file__).resolve().parent.parent
CODER = "team"
# Each set: its folder (laid out as a project, transcripts/ and transcripts/codings/) and its coder's codings.
HELDOUT = ("held-out", ROOT / "tests" / "data" / "heldout", "heldout.csv")
TUNING = ("tuning", ROOT / "tests" / "data" / "tuning", "tuning.csv")
SAMPLE = ("sample", ROOT, "eva.csv")
POOLS = (("held-out alone", (HELDOUT,)), ("+ tuning", (HELDOUT, TUNING)), ("+ sample", (HELDOUT, SAMPLE)),
         ("+ both", (HELDOUT, TUNING, SAMPLE)))


def pooled_folder(into: Path, sets) -> Path:
    """A project folder with the sample codebook, the sets' transcripts and their codings, all under CODER.

    Cases are left out: suggestions do not read them, and the sets' case tables have different columns.
    """
    (into / "codebooks").mkdir(parents=True)
    for path in (ROOT / "codebooks").glob("*.yaml"):
        shutil.copyfile(path, into / "codebooks" / path.name)
    (into / "transcripts" / "codings").mkdir(parents=True)
    for label, folder, codings in sets:
        for path in (folder / "transcripts").iterdir():
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                shutil.copyfile(path, into / "transcripts" / path.name)
        with (folder / "transcripts" / "codings" / codings).open(newline="", encoding="utf-8") as source, \
                (into / "transcripts" / "codings" / f"{label}.csv").open("w", newline="", encoding="utf-8") as copy:
            reader = csv.DictReader(source)
            writer = csv.DictWriter(copy, fieldnames=reader.fieldnames)
            writer.writeheader()
            writer.writerows({**row, "coder": CODER} for row in reader)
    return into


def heldout_documents() -> list[str]:
    with (HELDOUT[1] / "transcripts" / "codings" / HELDOUT[2]).open(newline="", encoding="utf-8") as source:
        return list(dict.fromkeys(row["document"] for row in csv.DictReader(source)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build the pooled projects in this (new) folder and keep them")
    arguments = parser.parse_args()
    pipeline = load_pipeline(None, environ={}, preferred=())
    scored = heldout_documents()
    print(f"pipeline: {pipeline.info.name}; scoring the {len(scored)} held-out interviews, leave-one-document-out,"
          f" coder {CODER!r}")
    print(f"{'project':<16}{'learns from':>12}{'codings':>10}{'turns':>7}{'cold P@1':>10}{'cold R@3':>10}"
          f"{'warm P@1':>10}{'warm R@3':>10}{'seconds':>9}   threshold shows (coded, right, uncoded)")
    with tempfile.TemporaryDirectory(prefix="qualcode-pooled-") as scratch:
        base = arguments.keep if arguments.keep is not None else Path(scratch)
        for name, sets in POOLS:
            folder = pooled_folder(base / "+".join(label for label, _, _ in sets), sets)
            started = time.perf_counter()
            store, setup = set_up_project(folder)
            try:
                coder_id = next(coder.id for coder in list_coders(store) if coder.name == CODER)
                report = evaluate_coder(store, pipeline, coder_id, documents=scored)
            finally:
                store.close()
            seconds = time.perf_counter() - started
            cold, warm, shown = report.cold.overall, report.warm.overall, report.abstain
            print(f"{name:<16}{report.coded_documents - 1:>6} docs{setup.codings:>10}{report.warm.segments:>7}"
                  f"{cold.precision_at_1:>10.2f}{cold.recall_at_3:>10.2f}{warm.precision_at_1:>10.2f}"
                  f"{warm.recall_at_3:>10.2f}{seconds:>9.1f}   {shown.coded_shown} of {shown.coded}, "
                  f"{shown.shown_right}, {shown.uncoded_shown} of {shown.uncoded}")
            print(f"{'':<16}(top code right on {warm.top1_correct} of {warm.top1} turns warm, {cold.top1_correct}"
                  f" of {cold.top1} cold; {warm.found_in_top3} of {warm.coded} codes in the top three warm, "
                  f"{cold.found_in_top3} cold)")


if __name__ == "__main__":
    main()
