"""Fact-check benchmark: accuracy on the labeled sets and speed on a large generated article.

Run with ``.venv/bin/python bench/factcheck.py [--backend offline] [--show]``. Prints, for the
project's tuning cases (tests/data/factcheck) and its held-out sets frozen before tuning
(tests/data/factcheck_heldout, factcheck_heldout2 ... factcheck_heldout15): recall on the erroneous
sentences, the false-flag rate on the correct ones and recall per error class. For the public
SummEdits news items in ../shared/factcheck-dev (salesforce/factualNLG, Apache-2.0), split by
article into a fit half and a report half: balanced accuracy, recall and false-flag rate at
summary level. Then claims checked per second, and the time to check a ~1,000-word draft
against ten ~1,000-word sources.
``--show`` lists every misjudged sentence with the checker's reasons.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.factcheck import check_text  # noqa: E402
from articles.factcheck.evaluation import (  # noqa: E402
    OK,
    Evaluation,
    Summary,
    evaluate,
    evaluate_summaries,
    load_cases,
    load_summaries,
    split_by_document,
)
from articles.factcheck.text import norm  # noqa: E402
from articles.factcheck.types import VERDICTS  # noqa: E402
from articles.llm import Model  # noqa: E402
from articles.text.source import SourceText  # noqa: E402

DATA = ROOT / "tests" / "data" / "factcheck"
# The held-out sets, each frozen before the checker was tuned on anything after it (its
# README records its first run), oldest first.
HELD_OUT = [
    ("Held-out cases, frozen before tuning", "factcheck_heldout"),
    ("Second held-out set, written later and frozen", "factcheck_heldout2"),
    ("Third held-out set, written later still and frozen", "factcheck_heldout3"),
    ("Fourth held-out set, written later and frozen", "factcheck_heldout4"),
    ("Fifth held-out set, written later and frozen", "factcheck_heldout5"),
    ("Sixth held-out set, written later and frozen", "factcheck_heldout6"),
    ("Seventh held-out set, written later and frozen", "factcheck_heldout7"),
    ("Eighth held-out set, written later and frozen", "factcheck_heldout8"),
    ("Ninth held-out set, written later and frozen", "factcheck_heldout9"),
    ("Tenth held-out set, written later and frozen", "factcheck_heldout10"),
    ("Eleventh held-out set, written later and frozen", "factcheck_heldout11"),
    ("Twelfth set (held out until its first run; tuned on from 2026-12-05)", "factcheck_heldout12"),
    ("Thirteenth held-out set, written later and frozen", "factcheck_heldout13"),
    ("Fourteenth held-out set, written later and frozen", "factcheck_heldout14"),
    ("Fifteenth held-out set, written later and frozen", "factcheck_heldout15"),
    ("Sixteenth held-out set, the last written and frozen", "factcheck_heldout16"),
]
SUMMEDITS = ROOT.parent / "shared" / "factcheck-dev" / "summedits_news_dev.json"

_FIRST = (
    "Lena Paul Greta Amir Owen Ruth Tomasz Dana Priya Tom Marisol Hannah Victor Beatriz".split()
)
_LAST = "Ortiz Sato Lindqvist Haddad Brandt Okafor Wren Whitcombe Raman Kessler Vega Cole".split()
_PLACES = "Harwick Dunmore Millbrook Ashford Ferris Calder Brennock Eastvale Pinemarch".split()
_NOUNS = "budget plan bridge school clinic road station shelter contract survey report".split()
_VERBS = "approved rejected delayed expanded reviewed funded closed reopened inspected".split()
_MONTHS = "January February March April May June July August September October".split()


def generated_sources(count: int = 10, words: int = 1000, seed: int = 7) -> list[SourceText]:
    """Deterministic news-like sources of about ``words`` words each."""
    rng = random.Random(seed)
    sources = []
    for n in range(count):
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < words:
            sentences.append(_sentence(rng))
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        sources.append(
            SourceText(
                index=n + 1,
                title=f"Generated source {n + 1}",
                text="\n\n".join(paragraphs),
                published=datetime(2025, 3, 10 + n % 5),
            )
        )
    return sources


def _sentence(rng: random.Random) -> str:
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    place = rng.choice(_PLACES)
    noun = rng.choice(_NOUNS)
    kind = rng.randrange(6)
    if kind == 0:
        return (
            f"The {place} council {rng.choice(_VERBS)} the {noun} on "
            f"{rng.choice(_MONTHS)} {rng.randint(1, 28)} by a vote of {rng.randint(4, 9)} to "
            f"{rng.randint(0, 3)}."
        )
    if kind == 1:
        return (
            f'"We {rng.choice(_VERBS)} the {noun} because residents asked for it," {person} said.'
        )
    if kind == 2:
        a = rng.randint(100, 9000)
        return (
            f"Spending on the {noun} in {place} rose to ${a / 10:.1f} million from "
            f"${rng.randint(50, a) / 10:.1f} million last year."
        )
    if kind == 3:
        return f"{person} said the {noun} would not be {rng.choice(_VERBS)} until the review ends."
    if kind == 4:
        return (
            f"About {rng.randint(20, 900)} residents attended a meeting in {place}, and "
            f"{rng.randint(5, 19)} of them spoke."
        )
    return f"Officials in {place} said the {noun} could be {rng.choice(_VERBS)} next year."


def generated_draft(sources: list[SourceText], words: int = 1000, seed: int = 11) -> str:
    """A draft built from source sentences, some altered, of about ``words`` words."""
    rng = random.Random(seed)
    pool = [s for source in sources for s in source.text.replace("\n\n", " ").split(". ")]
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        sentence = rng.choice(pool).rstrip(".") + "."
        if rng.random() < 0.3:
            sentence = sentence.replace("would not", "will").replace("could", "will")
        if rng.random() < 0.2:
            sentence = sentence.replace("1", "7", 1)
        out.append(sentence)
    return "\n\n".join(" ".join(out[i : i + 3]) for i in range(0, len(out), 3))


_QUOTATION = re.compile(r'"([^"]{12,})"|“([^”]{12,})”')


def _misquotes(item: Summary) -> bool:
    """Whether a summary puts in quotation marks words its article does not have."""
    article = " ".join(item.document.replace("“", '"').replace("”", '"').lower().split())
    for m in _QUOTATION.finditer(item.summary):
        quoted = " ".join((m.group(1) or m.group(2)).lower().split()).strip(" ,.")
        if quoted not in article:
            return True
    return False


def report_cases(title: str, result: Evaluation, show: bool) -> None:
    errors, correct = result.errors, result.correct
    cases = sorted({o.case for o in result.outcomes})
    print(
        f"{title}: {len(cases)} cases, {len(result.outcomes)} sentences "
        f"({len(errors)} erroneous, {len(correct)} correct), {result.claims} claims"
    )
    print(
        f"  recall on erroneous sentences: {result.recall:.3f} "
        f"({sum(o.flagged for o in errors)}/{len(errors)})"
    )
    print(
        f"  false-flag rate on correct ones: {result.false_flag_rate:.3f} "
        f"({sum(o.flagged for o in correct)}/{len(correct)})"
    )
    print(
        "  low-priority 'needs review' (not counted above): "
        f"{result.review_rate(True):.3f} of erroneous, {result.review_rate(False):.3f} of correct"
    )
    tiers = Counter(v for o in result.outcomes for v in o.verdicts)
    print("  claims per verdict tier: " + ", ".join(f"{v} {tiers[v]}" for v in VERDICTS))
    print("  recall per error class:")
    for label, (hit, total) in result.per_class().items():
        print(f"    {label:<16} {hit}/{total}  {hit / total:.2f}")
    if show:
        for o in result.outcomes:
            if o.flagged != (o.label != OK):
                print(f"\n  [{o.label}] {'flagged' if o.flagged else 'passed'}: {o.sentence}")
                for verdict, reason in zip(o.verdicts, o.reasons, strict=True):
                    print(f"      {verdict}: {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="offline", choices=("offline", "llm"))
    parser.add_argument("--show", action="store_true", help="list misjudged sentences")
    args = parser.parse_args()
    if args.backend == "llm":
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        django.setup()
        from newsroom.llm import configured_model

        with configured_model() as model:
            run(args, model)
    else:
        run(args, None)


def run(args: argparse.Namespace, model: Model | None) -> None:
    cases = load_cases(DATA)
    result = evaluate(cases, backend=args.backend, model=model)
    report_cases("Tuning cases (tests/data/factcheck)", result, args.show)
    for case in cases:
        if case.note:
            print(f"  note, {case.name}: {case.note}")
    for title, name in HELD_OUT:
        folder = ROOT / "tests" / "data" / name
        if folder.is_dir():
            held_out = evaluate(load_cases(folder), backend=args.backend, model=model)
            report_cases(title, held_out, args.show)
            result.claims += held_out.claims
            result.seconds += held_out.seconds
    if SUMMEDITS.exists():
        fit, reported = split_by_document(load_summaries(SUMMEDITS))
        print("SummEdits news (public, human-labeled; summary level; split by article):")
        for name, items in (("fit half", fit), ("report half", reported)):
            summary = evaluate_summaries(items, backend=args.backend, model=model)
            inconsistent, consistent = summary.counts()
            strict = summary.as_strict()
            print(
                f"  {name}: {len({i.document for i in items})} articles, {inconsistent} "
                f"inconsistent + {consistent} consistent summaries\n"
                f"    flags: balanced accuracy {summary.balanced_accuracy:.3f}, recall "
                f"{summary.recall:.3f}, false-flag rate {summary.false_flag_rate:.3f}\n"
                f"    flags or 'needs review': balanced accuracy {strict.balanced_accuracy:.3f}, "
                f"recall {strict.recall:.3f}, false-flag rate {strict.false_flag_rate:.3f}"
            )
            print(
                f"    speed: {summary.claims} claims in {summary.seconds:.2f} s "
                f"(each summary against its ~700-word article, index built per summary)"
            )
            agreed = [i for i in items if not _misquotes(i)]
            summary = evaluate_summaries(agreed, backend=args.backend, model=model)
            inconsistent, consistent = summary.counts()
            print(
                f"    leaving out the {len(items) - len(agreed)} summaries quoting words their "
                f"article does not have (an error by the newsroom's standard, labeled "
                f"consistent or not by the benchmark): {inconsistent} + {consistent}, balanced "
                f"accuracy {summary.balanced_accuracy:.3f}, recall {summary.recall:.3f}, "
                f"false-flag rate {summary.false_flag_rate:.3f}"
            )
    else:
        print(f"SummEdits news: {SUMMEDITS} not found, skipped")
    rate = result.claims / result.seconds if result.seconds else float("inf")
    print(
        f"Speed on the project's cases: {result.claims} claims in {result.seconds:.2f} s = "
        f"{rate:.0f} claims/s"
    )

    if args.backend == "offline":
        sources = generated_sources()
        draft = generated_draft(sources)
        norm.cache_clear()
        source_words = sum(len(s.text.split()) for s in sources)
        started = time.perf_counter()
        report = check_text(draft, sources, published=date(2025, 3, 20))
        elapsed = time.perf_counter() - started
        print(
            f"Large draft: {len(draft.split())} words, {len(report.claims)} claims, against "
            f"{len(sources)} sources ({source_words} words): {elapsed:.2f} s "
            f"({len(report.claims) / elapsed:.0f} claims/s)"
        )


if __name__ == "__main__":
    main()
