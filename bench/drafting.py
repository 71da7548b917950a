"""Benchmark the offline drafter: speed on 10 fictional sources of about 1,500 words on one
event, and quality on the multi-source stories in tests/data/stories.

Run: ``.venv/bin/python bench/drafting.py [--runs N] [--sources N] [--words N] [--show]
[--stories] [--story NAME]``.
Prints the median drafting time and checks that every paragraph, bullet and key fact cites a
source. With ``--stories`` it also drafts every story and reports, per story and in total:
datelines and credits left in the draft, a headline equal to a source title or plainly broken,
paragraphs opening on an unresolved pronoun, repeated sentences, coverage of the facts two or
more sources carry, uncited paragraphs and key facts, conflicting figures noted for the editor
(any stated in the text without the other value: a silent pick; any noted that the story does
not label: a false conflict) and the share of the draft's claims the offline fact-checker
flags. Exits non-zero when a check fails or the median exceeds the 1 s budget.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.drafting.headline import looks_broken
from articles.drafting.offline import draft_offline
from articles.drafting.types import validate_draft
from articles.text.numbers import NUMBER_WORDS, number_value
from articles.text.sentences import split_sentences
from articles.text.source import SourceText

BUDGET_MS = 1000.0
STORIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories"
COVERAGE_TARGET = 0.8
FLAG_TARGET = 0.05
# A paragraph opening that leans on the text before it: a pronoun ("the former" only as one:
# "The former was ...", not "The former finance director ..."), or "this", "that",
# "these", "those" standing alone ("This is", "That's") rather than before a noun ("This
# budget protects ...", which names what it means). A quote may open on "This" or "That": a
# speaker's "This was a very violent explosion," with its attribution, stands on its own.
_DEMONSTRATIVE_ALONE = (
    r"(?:['’]s\b|\s*[,.;:!?]|\s+(?:is|was|were|are|will|would|has|had|have|means?|meant|came|"
    r"comes|could|can|should|may|might|did|does|must|shows?|showed|includes?|included)\b)"
)
UNRESOLVED = re.compile(
    r"^[\"“‘']?(?:he|she|they|it|its|his|her|their|them|others|both|"
    r"(?:one|some|two|three|four|all|none|each)\s+of\s+(?:them|these|those)|"
    r"the\s+(?:latter|former)(?=\s*[,.;:]|\s+(?:is|was|were|are|has|had|have|will|would|"
    r"said|says|can|could|did|does|also)\b))\b"
    rf"|^[\"“‘']?(?:these|those){_DEMONSTRATIVE_ALONE}|^(?:this|that){_DEMONSTRATIVE_ALONE}",
    re.IGNORECASE,
)
# A dateline or an agency credit at the start of a paragraph: "MARLOW JUNCTION, Aug 19
# (Meridian) -", "BROOKFIELD —".
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s[^()\n]{1,30}?)?(?:\s\([^)]{2,40}\))?\s[-—–]")

OUTLETS = [
    "Marrowby Echo", "Coastline Daily", "North Shore Times", "Harbour Radio News",
    "Estuary Post", "The Morning Ledger", "Regional Wire", "Valley Courier",
    "Seaboard Gazette", "County Observer", "Lowland Bulletin", "Tidewater Review",
]  # fmt: skip
TITLES = [
    "Storm Ilsa floods Marrowby as river bursts its banks",
    "Hundreds of homes flooded in Marrowby after Storm Ilsa",
    "Marrowby counts the cost of Storm Ilsa flooding",
    "Storm Ilsa: Esk Bridge closed and families evacuated in Marrowby",
    "Flood defences overwhelmed as Storm Ilsa hits Marrowby",
]
WIRE = [
    "Storm Ilsa brought 112 millimetres of rain to Marrowby in 24 hours, the Coastal Weather "
    "Bureau said.",
    "The Marrowby Harbour Authority closed the Esk Bridge to traffic on Sunday morning after "
    "engineers found damage to one of its supports.",
    "About 2,400 people were evacuated from low-lying streets near the River Esk, Marrowby City "
    "Council said.",
]
LEADS = [
    "Storm Ilsa flooded hundreds of homes in the coastal city of Marrowby on Saturday night after "
    "the River Esk burst its banks.",
    "Hundreds of homes in Marrowby were flooded overnight on Saturday when the River Esk burst its "
    "banks during Storm Ilsa.",
    "Floodwater from the River Esk swept through parts of Marrowby on Saturday night as Storm Ilsa "
    "battered the coast.",
]
FACTS = [
    [
        "Marrowby City Council said {homes} homes had been flooded.",
        "The council said {homes} homes were flooded in the Esk Valley and Quayside districts.",
    ],
    [
        "Rescue crews used 14 boats to reach residents trapped in their homes.",
        "Firefighters and volunteers used 14 boats to reach people trapped by the water.",
    ],
    [
        "No deaths were reported, but 9 people were treated in hospital for minor injuries.",
        "Nine people were treated in hospital for minor injuries, the ambulance service said.",
    ],
    [
        "Power was cut to 6,500 homes when a substation on Quay Road flooded.",
        "A flooded substation on Quay Road left 6,500 homes without power.",
    ],
    [
        "Northern Rail suspended trains between Marrowby and Kelso Junction until further notice.",
        "Trains between Marrowby and Kelso Junction were suspended by Northern Rail.",
    ],
]
QUOTES = [
    '"This is the worst flooding Marrowby has seen in a generation," said council leader Dana '
    "Whitlock.",
    '"Our crews worked through the night and we will stay as long as we are needed," said Chief '
    "Fire Officer Sam Adeyemi.",
    '"The bridge will stay closed until we are certain it is safe," said Harbour Authority '
    "engineer Ruth Kasprzak.",
]
FUTURE = [
    "The council will open a recovery centre at Marrowby Town Hall on Monday.",
    "Engineers are expected to complete an inspection of the Esk Bridge by Wednesday.",
    "The government plans to release emergency funding for affected households next week.",
]
BACKGROUND = [
    "The flood defences along the River Esk were built in 2009 at a cost of $38 million.",
    "Marrowby last suffered serious flooding in 2015, when 120 homes were damaged.",
]
ROADS = ["Quay Road", "Esk Terrace", "Mill Street", "Harbour Parade", "Station Lane"]
FIRST = [
    "Aisha", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
    "Keira", "Luis", "Maya", "Nils", "Olga", "Pavel", "Rosa", "Tariq", "Uma", "Viktor",
]  # fmt: skip
LAST = [
    "Abbott", "Bianchi", "Cole", "Dunn", "Ellis", "Fraser", "Greaves", "Holt", "Iqbal", "Jensen",
    "Khan", "Lowe", "Moreau", "Nash", "Okoro", "Price", "Quinn", "Reyes", "Soto", "Tran",
]  # fmt: skip
FILLER = [
    "{person}, who has lived on {road} for {n} years, said the floodwater reached the kitchen "
    "worktops within {m} minutes.",
    "On {road}, {person} and {n} neighbours carried furniture upstairs and stacked sandbags "
    "against front doors as the {weather} grew worse.",
    "{person} said a neighbour had knocked on every door on {road} before the river arrived.",
    "Volunteers at {place} handed out {n} blankets to families who had fled the {weather}, "
    "{person} said.",
    "{person}, who runs a shop on {road}, spent Sunday sweeping mud and floodwater from the floor.",
    "A bakery on {road} gave away {n} loaves of bread to people sheltering at {place}.",
    "{person} said an insurance assessor had promised to visit {road} within {n} days.",
    "Drivers abandoned {n} cars on {road} as the {weather} pushed water above the wheel arches.",
    "Children from {road} were taken by bus to {place}, where staff had set up {n} camp beds.",
    "{person} said local radio had broadcast flood warnings every {m} minutes through the night.",
    "{person} said the smell of diesel and river mud hung over {road} on Sunday morning.",
    "{person} said {n} families on {road} had moved their cars to higher ground before the "
    "{weather} arrived.",
    "A church hall near {road} stayed open all night for {n} people forced out by the {weather}.",
    "{person} described watching the Esk rise past the steps of {place} in under an hour.",
    "Council workers cleared {n} fallen trees from {road} after the {weather} passed.",
    "{person}, a {job} on {road}, said the storm had caused damage worth thousands of pounds.",
    "The {weather} also brought down power lines near {place}, {person} said.",
    "{person} said her {relative} had spent the night at {place} after the water came in.",
]
JOBS = ["teacher", "nurse", "shopkeeper", "taxi driver", "plumber", "retired fisherman"]
RELATIVES = ["mother", "father", "grandson", "sister", "neighbour's children"]
WEATHER = ["storm", "rain", "flooding", "wind and rain", "rising water"]
PLACES = [
    "Marrowby Town Hall", "the Quayside Leisure Centre", "St Anselm's School",
    "the Esk Valley community centre", "Marrowby Library",
]  # fmt: skip
LIST_INTRO = "Police closed the following roads because of flooding:"


def make_sources(n: int = 10, words: int = 1500, seed: int = 7) -> list[SourceText]:
    """``n`` deterministic fictional reports of one flood, about ``words`` words each."""
    sources = []
    start = datetime(2031, 11, 9, 8, 0, tzinfo=UTC)
    for index in range(n):
        rng = random.Random(seed * 1000 + index)
        homes = "360" if index >= n - 3 else "340"
        core = [LEADS[index % len(LEADS)]]
        core += [WIRE[i] for i in range(len(WIRE)) if (index + i) % 3 != 2]
        core += [rng.choice(variants).format(homes=homes) for variants in FACTS]
        core += rng.sample(QUOTES, 2) + rng.sample(FUTURE, 2) + rng.sample(BACKGROUND, 1)
        body = core[1:]
        rng.shuffle(body)
        count = sum(len(s.split()) for s in core)
        sentences: list[str] = []
        while count + sum(len(s.split()) for s in sentences) < words:
            sentences.append(_filler(rng))
        for sentence in body:
            sentences.insert(rng.randint(0, max(0, len(sentences) // 2)), sentence)
        paragraphs = [core[0]]
        for i in range(0, len(sentences), 3):
            paragraphs.append(" ".join(sentences[i : i + 3]))
        if index % 4 == 1:
            roads = "\n".join(f"- {road}" for road in ROADS[:4])
            paragraphs.insert(4, f"{LIST_INTRO}\n{roads}")
        sources.append(
            SourceText(
                index=index,
                title=f"{TITLES[index % len(TITLES)]} - {OUTLETS[index % len(OUTLETS)]}",
                text="\n\n".join(paragraphs),
                outlet=OUTLETS[index % len(OUTLETS)],
                url=f"https://news{index}.example/storm-ilsa",
                published=start + timedelta(hours=index),
            )
        )
    return sources


def _filler(rng: random.Random) -> str:
    return rng.choice(FILLER).format(
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        road=rng.choice(ROADS),
        place=rng.choice(PLACES),
        n=rng.randint(2, 40),
        m=rng.randint(5, 45),
        job=rng.choice(JOBS),
        relative=rng.choice(RELATIVES),
        weather=rng.choice(WEATHER),
    )


def story_names() -> list[str]:
    """The multi-source stories in tests/data/stories, in order."""
    return sorted(path.name for path in STORIES.iterdir() if (path / "story.json").exists())


def load_story(folder: Path | str) -> tuple[list[SourceText], dict]:
    """A story's sources (title line, blank line, body) and its story.json; ``folder`` is its
    path or its name in tests/data/stories."""
    folder = STORIES / folder if isinstance(folder, str) else folder
    meta = json.loads((folder / "story.json").read_text())
    sources = []
    for index, entry in enumerate(meta["sources"]):
        title, text = (folder / entry["file"]).read_text().split("\n\n", 1)
        sources.append(
            SourceText(
                index=index,
                title=title.strip(),
                text=text,
                outlet=entry["outlet"],
                url=f"https://example.test/{folder.name}/{entry['file']}",
                published=datetime.fromisoformat(entry["published"]),
            )
        )
    return sources, meta


def _blocks(draft) -> list[str]:
    blocks = [draft.dek] if draft.dek else []
    for section in draft.sections:
        blocks += [p.text for p in section.paragraphs] + [b.text for b in section.bullets]
    return blocks


def _orphans(draft, sources: list[SourceText]) -> int:
    """Sentences of the draft opening on a pronoun or "one of them" that do not follow, in the
    same paragraph, the sentence before them in their source (their antecedent)."""
    spans = draft.provenance.get("spans", [])
    count = 0
    for i, span in enumerate(spans):
        if "paragraph" not in span:
            continue
        text = sources[span["source"]].text[span["start"] : span["end"]]
        if not UNRESOLVED.match(text):
            continue
        previous = spans[i - 1] if i else None
        follows = (
            previous is not None
            and previous.get("paragraph") == span["paragraph"]
            and previous["section"] == span["section"]
            and previous["source"] == span["source"]
            and not sources[span["source"]].text[previous["end"] : span["start"]].strip()
        )
        count += not follows
    return count


def _states(text: str, numeral: str) -> bool:
    """Whether ``text`` gives the figure ``numeral`` whole ("15", not the 15 of "150"); a
    figure in words ("about three hundred") is looked for as written, in any case. A number up
    to ninety counts in either form: "8" is stated by "eight", "Five" by "5"."""
    if _SPELT.fullmatch(numeral):
        numeral = f"{number_value(numeral):.0f}"
    if not numeral[:1].isdigit():
        return bool(re.search(rf"\b{re.escape(numeral)}\b", text, re.IGNORECASE))
    if any(f"{number_value(m.group()):.0f}" == numeral for m in _SPELT.finditer(text)):
        return True
    return bool(re.search(rf"(?<![\d,.]){re.escape(numeral)}(?![\d,]\d|\d)", text))


_NUMBER_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w != "dozen"), key=len, reverse=True))
_SPELT = re.compile(rf"(?<![\w-])(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?(?![\w-])", re.I)


def _figure(value: str) -> str:
    """What to look for of a labelled conflicting value: its numeral ("1,250" of "about
    1,250"), or, for a value in words ("about three hundred"), the words after a qualifier."""
    numeral = re.search(r"\d[\d,.]*", value)
    if numeral:
        return numeral.group()
    value = re.sub(r"\s+of$", "", value)  # "a quarter of"
    return re.sub(r"^(?:about|around|some|nearly|almost|roughly|approximately)\s+", "", value)


def story_figures(folder: Path, *, check: bool = True, show: bool = False) -> dict[str, float]:
    """The quality figures of the offline draft of one story (see the module docstring)."""
    from articles.drafting.types import draft_to_text, key_fact_text

    sources, meta = load_story(folder)
    started = time.perf_counter()
    draft = draft_offline(sources)
    elapsed = (time.perf_counter() - started) * 1000
    text = draft_to_text(draft)
    notes = " ".join(getattr(draft, "notes", []) or [])
    blocks = [draft.headline, *_blocks(draft)]
    datelines = sum(text.count(d) for d in meta["datelines"]) + sum(
        bool(DATELINE.match(b)) for b in blocks
    )
    titles = {" ".join(t.lower().split()) for t in meta["source_titles"]}
    headline_copied = " ".join(draft.headline.lower().split()) in titles
    headline_broken = int(looks_broken(draft.headline))
    paragraphs = _blocks(draft)
    pronouns = sum(bool(UNRESOLVED.match(p)) for p in paragraphs)
    orphans = _orphans(draft, sources)
    seen: set[str] = set()
    repeated = 0
    for block in paragraphs:
        for sentence in split_sentences(block):
            key = " ".join(re.findall(r"\w+", sentence.text.lower()))
            if len(key.split()) >= 4:
                repeated += key in seen
                seen.add(key)
    facts = meta["shared_facts"]
    covered = sum(any(v.lower() in text.lower() for v in f["any_of"]) for f in facts)
    items = [p for s in draft.sections for p in (*s.paragraphs, *s.bullets)]
    uncited = sum(not p.citations for p in items) + sum(not f.citations for f in draft.key_facts)
    conflicts = meta["conflicts"]
    noted = 0
    silent = 0
    for conflict in conflicts:
        numbers = [_figure(v) for v in conflict["values"]]
        if all(_states(notes, n) for n in numbers):
            noted += 1
        if sum(_states(text, n) for n in numbers) == 1:
            silent += 1
    labelled = [[_figure(v) for v in c["values"]] for c in conflicts]
    false_conflicts = sum(
        not any(all(_states(note, n) for n in numbers) for numbers in labelled)
        for note in getattr(draft, "notes", []) or []
        if note.startswith("Sources disagree")
    )
    figures = {
        "ms": elapsed,
        "datelines": datelines,
        "headline_copied": int(headline_copied),
        "headline_broken": headline_broken,
        "pronoun_paragraphs": pronouns,
        "orphan_sentences": orphans,
        "repeated": repeated,
        "coverage": covered / len(facts) if facts else 1.0,
        "uncited": uncited,
        "conflicts": len(conflicts),
        "conflicts_noted": noted,
        "silent_picks": silent,
        "false_conflicts": false_conflicts,
    }
    if check:
        from articles.factcheck import SOURCES_DISAGREE, check_text

        dates = [s.published.date() for s in sources if s.published]
        report = check_text(
            text,
            sources,
            backend="offline",
            headline=draft.headline,
            published=max(dates) if dates else None,
        )
        facts = {key_fact_text(fact) for fact in draft.key_facts}
        # A "sources disagree" flag is the conflict reaching the editor, as it should: counted
        # apart from the flags that say the draft is wrong.
        wrong = [c for c in report.flagged if c.verdict != SOURCES_DISAGREE]
        figures["claims"] = len(report.claims)
        figures["flagged"] = len(wrong)
        figures["conflict_flags"] = len(report.flagged) - len(wrong)
        figures["fact_claims"] = sum(c.text in facts for c in report.claims)
        figures["fact_flags"] = sum(c.text in facts for c in wrong)
    if show:
        print(f"== {folder.name}\n{text}\n")
        if notes:
            print(f"NOTES: {notes}\n")
        if check:
            for claim in report.flagged:
                print(f"  FLAG {claim.verdict}: {claim.text[:100]!r} ({claim.reason[:80]})")
    return figures


def stories_report(names: list[str], *, check: bool, show: bool) -> list[str]:
    """Print a table of the story figures; return the problems found."""
    folders = [STORIES / n for n in names or story_names()]
    rows = [(f.name, story_figures(f, check=check, show=show)) for f in folders]
    header = (
        "story                          ms  dateln head brok pron orph rep  cover uncit confl "
        "noted silent false"
    )
    if check:
        header += " flags"
    print(header)
    for name, f in rows:
        line = (
            f"{name:<28} {f['ms']:5.0f} {f['datelines']:6d} {f['headline_copied']:4d} "
            f"{f['headline_broken']:4d} "
            f"{f['pronoun_paragraphs']:4d} {f['orphan_sentences']:4d} {f['repeated']:3d} "
            f"{f['coverage']:6.2f} "
            f"{f['uncited']:5d} {f['conflicts']:5d} {f['conflicts_noted']:5d} "
            f"{f['silent_picks']:6d} {f['false_conflicts']:5d}"
        )
        if check:
            line += f" {f['flagged']}/{f['claims']}"
        print(line)
    total = {k: sum(f[k] for _, f in rows) for k in rows[0][1]}
    coverage = statistics.mean(f["coverage"] for _, f in rows)
    flag_share = total.get("flagged", 0) / total["claims"] if check and total["claims"] else 0.0
    print(
        f"TOTAL datelines {total['datelines']:.0f}, headlines copied "
        f"{total['headline_copied']:.0f}, headlines broken {total['headline_broken']:.0f}, "
        f"pronoun paragraphs {total['pronoun_paragraphs']:.0f}, "
        f"orphan sentences {total['orphan_sentences']:.0f}, "
        f"repeated {total['repeated']:.0f}, coverage {coverage:.2f} (min "
        f"{min(f['coverage'] for _, f in rows):.2f}), uncited {total['uncited']:.0f}, conflicts "
        f"noted {total['conflicts_noted']:.0f}/{total['conflicts']:.0f}, silent picks "
        f"{total['silent_picks']:.0f}, false conflicts {total['false_conflicts']:.0f}"
        + (
            f", flagged {total['flagged']:.0f}/{total['claims']:.0f} = {flag_share:.3f}, besides "
            f"{total['conflict_flags']:.0f} 'sources disagree' (key-fact "
            f"lines {total['fact_flags']:.0f}/{total['fact_claims']:.0f}, body "
            f"{total['flagged'] - total['fact_flags']:.0f}/"
            f"{total['claims'] - total['fact_claims']:.0f})"
            if check
            else ""
        )
    )
    problems = []
    for key in (
        "datelines",
        "headline_copied",
        "headline_broken",
        "pronoun_paragraphs",
        "orphan_sentences",
        "repeated",
        "uncited",
    ):
        if total[key]:
            problems.append(f"{key}: {total[key]:.0f}")
    if coverage < COVERAGE_TARGET:
        problems.append(f"coverage {coverage:.2f} is under {COVERAGE_TARGET}")
    if total["conflicts_noted"] < total["conflicts"] or total["silent_picks"]:
        problems.append("a conflict is not noted for the editor or is picked silently")
    if total["false_conflicts"]:
        problems.append(f"{total['false_conflicts']:.0f} conflicts noted that no source has")
    if check and flag_share > FLAG_TARGET:
        problems.append(f"the checker flags {flag_share:.3f} of claims (over {FLAG_TARGET})")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--show", action="store_true", help="print the draft as text")
    parser.add_argument("--stories", action="store_true", help="also measure tests/data/stories")
    parser.add_argument("--story", action="append", default=[], help="only this story (repeat)")
    parser.add_argument("--no-check", action="store_true", help="skip the fact-checker figure")
    args = parser.parse_args()

    sources = make_sources(args.sources, args.words)
    total_words = sum(len(s.text.split()) for s in sources)
    timings = []
    draft = None
    for run in range(args.runs):
        # Other sources each run (another seed): nothing cached from the run before helps.
        run_sources = make_sources(args.sources, args.words, seed=7 + run) if run else sources
        started = time.perf_counter()
        draft = draft_offline(run_sources)
        timings.append((time.perf_counter() - started) * 1000)
    draft = draft_offline(sources)
    assert draft is not None
    median = statistics.median(timings)

    problems = []
    try:
        validate_draft(draft, len(sources))
    except ValueError as exc:
        problems.append(str(exc))
    items = [p for s in draft.sections for p in (*s.paragraphs, *s.bullets)]
    uncited = [p.text[:60] for p in items if not p.citations]
    problems += [f"uncited paragraph: {text!r}" for text in uncited]
    if median > BUDGET_MS:
        problems.append(f"median {median:.0f} ms is over the {BUDGET_MS:.0f} ms budget")

    if args.show:
        from articles.drafting.types import draft_to_text

        print(draft_to_text(draft), end="\n\n")
    print(
        f"sources: {len(sources)}, words: {total_words}, runs: {args.runs}\n"
        f"offline draft: median {median:.1f} ms (min {min(timings):.1f}, max {max(timings):.1f})\n"
        f"draft: {len(draft.sections)} sections, {len(items)} paragraphs and bullets, "
        f"{len(draft.key_facts)} key facts, "
        f"{sum(len(p.text.split()) for p in items)} words; all cited: {not uncited}"
    )
    if args.stories or args.story:
        problems += stories_report(args.story, check=not args.no_check, show=args.show)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
