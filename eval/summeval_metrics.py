"""ROUGE (rouge-score, Porter stemming, F1 x 100) and extract precision for BBC."""
from __future__ import annotations

import re

_scorers: dict[bool, object] = {}


def rouge(pairs: list[tuple[list[str], list[str]]], lsum: bool = True) -> dict[str, float]:
    """Mean R1/R2/RLsum F1 x100 over (summary sentences, reference sentences) pairs; without `lsum`, R1 and R2
    only (ROUGE-Lsum is most of the cost against long references such as BBC's extracts)."""
    from rouge_score import rouge_scorer
    if lsum not in _scorers:
        _scorers[lsum] = rouge_scorer.RougeScorer(["rouge1", "rouge2"] + (["rougeLsum"] if lsum else []),
                                                  use_stemmer=True)
    scorer = _scorers[lsum]
    totals = {"R1": 0.0, "R2": 0.0, "RL": 0.0} if lsum else {"R1": 0.0, "R2": 0.0}
    for summary, reference in pairs:
        s = scorer.score("\n".join(reference), "\n".join(summary))
        totals["R1"] += s["rouge1"].fmeasure
        totals["R2"] += s["rouge2"].fmeasure
        if lsum:
            totals["RL"] += s["rougeLsum"].fmeasure
    n = max(1, len(pairs))
    return {k: 100 * v / n for k, v in totals.items()}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def extract_precision(pairs: list[tuple[list[str], list[str]]]) -> float:
    """Share of chosen sentences that the human extract contains (P@k)."""
    hit = total = 0
    for summary, reference in pairs:
        ref = " " + _norm(" ".join(reference)) + " "
        for s in summary:
            total += 1
            hit += (" " + _norm(s) + " ") in ref
    return hit / total if total else 0.0
