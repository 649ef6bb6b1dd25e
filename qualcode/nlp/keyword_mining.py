"""Words that mark a code: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

For each code the words of its coded passages are compared with the words of every other
respondent segment. The prior is the word's share of all the project's text (and the codebook's),
scaled to ``PRIOR_STRENGTH`` pseudo-counts, so a word seen twice in one code's passages does not
outweigh one that the code's passages use far more than the rest of the interviews. A word marks
the code when its z-score is at least ``MIN_Z``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

PRIOR_STRENGTH = 100.0
MIN_Z = 1.96
MAX_KEYWORDS = 60


def marking_words(code_counts: Mapping[str, Counter[str]], all_counts: Counter[str],
                  prior_counts: Counter[str]) -> dict[str, dict[str, float]]:
    """Per code, its marking words with their z-scores, highest first.

    ``code_counts``: word counts of each code's coded passages; ``all_counts``: word counts of
    every respondent segment (coded or not); ``prior_counts``: the background the prior is drawn from.
    """
    prior_total = sum(prior_counts.values())
    if not prior_total:
        return {}
    all_total = sum(all_counts.values())
    result: dict[str, dict[str, float]] = {}
    for code_key, counts in code_counts.items():
        code_total = sum(counts.values())
        rest_total = max(all_total - code_total, 0)
        scores = {}
        for word, count in counts.items():
            alpha = PRIOR_STRENGTH * prior_counts.get(word, 0) / prior_total
            if alpha <= 0:
                alpha = PRIOR_STRENGTH / prior_total
            rest = max(all_counts.get(word, 0) - count, 0)
            in_code = math.log((count + alpha) / (code_total + PRIOR_STRENGTH - count - alpha))
            in_rest = math.log((rest + alpha) / (rest_total + PRIOR_STRENGTH - rest - alpha))
            z = (in_code - in_rest) / math.sqrt(1.0 / (count + alpha) + 1.0 / (rest + alpha))
            if z >= MIN_Z:
                scores[word] = z
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_KEYWORDS]
        if ranked:
            result[code_key] = dict(ranked)
    return result
