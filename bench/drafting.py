"""Benchmark the offline drafter: 10 fictional sources of about 1,500 words on one event.

Run: ``.venv/bin/python bench/drafting.py [--runs N] [--sources N] [--words N] [--show]``.
Prints the median drafting time and checks that every paragraph, bullet and key fact cites a
source. Exits non-zero when a check fails or the median exceeds the 1 s budget.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.drafting.offline import draft_offline
from articles.drafting.types import validate_draft
from articles.text.source import SourceText

BUDGET_MS = 1000.0

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--show", action="store_true", help="print the draft as text")
    args = parser.parse_args()

    sources = make_sources(args.sources, args.words)
    total_words = sum(len(s.text.split()) for s in sources)
    timings = []
    draft = None
    for _ in range(args.runs):
        started = time.perf_counter()
        draft = draft_offline(sources)
        timings.append((time.perf_counter() - started) * 1000)
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
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
