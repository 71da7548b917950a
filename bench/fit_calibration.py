"""Fit the offline checker's coverage thresholds on the fit split only, and write them.

Run: ``.venv/bin/python bench/fit_calibration.py``. The fit split is the project's tuning cases
(tests/data/factcheck) and the fit half of the public SummEdits news items (../shared/
factcheck-dev, salesforce/factualNLG, Apache-2.0; split by article with
``split_by_document``). The held-out cases and the report half are never read here; report on
them with ``bench/factcheck.py``. Writes ``articles/factcheck/calibration.json``.

Two grid searches: the ``unsupported`` pair maximises the mean balanced accuracy of flags on
the two fit sets; then the ``review`` pair maximises it counting "needs review" as a flag, so
the low-priority tier catches what the flags miss at the least cost in false reviews.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.factcheck import calibration, offline  # noqa: E402
from articles.factcheck.evaluation import (  # noqa: E402
    evaluate,
    evaluate_summaries,
    load_cases,
    load_summaries,
    split_by_document,
)

DATA = ROOT / "tests" / "data" / "factcheck"
SUMMEDITS = ROOT.parent / "shared" / "factcheck-dev" / "summedits_news_dev.json"


def score(values: calibration.Calibration, cases, summaries, strict: bool) -> float:
    offline.CALIBRATION = values
    own = evaluate(cases)
    public = evaluate_summaries(summaries)
    if strict:
        public = public.as_strict()
        correct, errors = own.correct, own.errors
        recall = sum(o.tier != "pass" for o in errors) / len(errors)
        false = sum(o.tier != "pass" for o in correct) / len(correct)
    else:
        recall, false = own.recall, own.false_flag_rate
    return ((recall + 1 - false) / 2 + public.balanced_accuracy) / 2


def main() -> None:
    cases = load_cases(DATA)
    fit, _ = split_by_document(load_summaries(SUMMEDITS))
    best = calibration.Calibration(review_weight=99, review_share=1.0)
    best_score = -1.0
    for weight, share in itertools.product((1.5, 2.0, 2.5, 3.0, 4.0), (0.2, 0.3, 0.4, 0.5)):
        trial = replace(best, unsupported_weight=weight, unsupported_share=share)
        value = score(trial, cases, fit, strict=False)
        print(f"unsupported weight {weight} share {share}: {value:.4f}")
        if value > best_score:
            best, best_score = trial, value
    flags_score = best_score
    best_score = -1.0
    chosen = best
    for weight, share in itertools.product((0.5, 1.0, 1.5, 2.0), (0.1, 0.15, 0.2, 0.3)):
        if weight > best.unsupported_weight:
            continue
        trial = replace(best, review_weight=weight, review_share=share)
        value = score(trial, cases, fit, strict=True)
        print(f"review weight {weight} share {share}: {value:.4f}")
        if value > best_score:
            chosen, best_score = trial, value
    calibration.save(
        chosen,
        {
            "by": "bench/fit_calibration.py",
            "cases": "tests/data/factcheck (tuning cases)",
            "public": "SummEdits news, fit half of split_by_document (salesforce/factualNLG, "
            "Apache-2.0)",
            "objective": "mean balanced accuracy over the two sets",
            "flags_score": round(flags_score, 4),
            "review_score": round(best_score, 4),
        },
    )
    print(f"wrote {calibration.PATH}: {chosen}")


if __name__ == "__main__":
    main()
