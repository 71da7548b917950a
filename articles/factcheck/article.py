"""Article-level checks: dates against the publish date, and the headline against the body."""

from __future__ import annotations

import re
from datetime import date

from articles.text.dates import MONTH_NAMES, WEEKDAYS
from articles.text.future import is_past
from articles.text.sentences import split_sentences
from articles.text.words import STOPWORDS

from .dates import describe, find_dates, resolve
from .numbers import FRACTION, MULTIPLE, VAGUE, compatible, find_quantities, matches
from .retrieval import SourceIndex
from .text import norm
from .types import ArticleIssue

_TODAY_NEAR = re.compile(r"\btoday\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def article_issues(
    text: str,
    index: SourceIndex,
    *,
    published: date | None = None,
    headline: str | None = None,
) -> list[ArticleIssue]:
    issues: list[ArticleIssue] = []
    if published is not None:
        issues.extend(date_issues(text, published))
    if headline:
        issues.extend(_headline_issues(headline, text, index))
    return issues


def date_issues(text: str, published: date) -> list[ArticleIssue]:
    """Dates the text reports as past after ``published``, or calls today when they are not."""
    out: list[ArticleIssue] = []
    for sentence in split_sentences(text):
        refs = find_dates(text, sentence.start, sentence.end)
        today = list(_TODAY_NEAR.finditer(text, sentence.start, sentence.end))
        past = is_past(sentence.text)
        for ref in refs:
            if ref.relative:
                continue
            day = (
                resolve(ref, published, past=past)
                if ref.day is not None and ref.month is not None
                else None
            )
            called_today = any(
                abs(t.start() - ref.start) <= 12 or abs(ref.end - t.end()) <= 12 for t in today
            )
            if called_today:
                if day is not None and day != published:
                    out.append(
                        ArticleIssue(
                            "publish_date",
                            f"The text calls {describe(day)} today, but the article is dated "
                            f"{describe(published)}.",
                            ref.start,
                            ref.end,
                        )
                    )
                elif day is None and ref.weekday is not None and ref.weekday != published.weekday():
                    out.append(
                        ArticleIssue(
                            "publish_date",
                            f"The text calls {WEEKDAYS[ref.weekday]} today, but the article is "
                            f"dated {describe(published)}.",
                            ref.start,
                            ref.end,
                        )
                    )
                continue
            if day is not None and day > published and past:
                out.append(
                    ArticleIssue(
                        "future_date",
                        f"{describe(day)} is reported as past, but the article is dated "
                        f"{describe(published)}.",
                        ref.start,
                        ref.end,
                    )
                )
    return out


def _headline_issues(headline: str, body: str, index: SourceIndex) -> list[ArticleIssue]:
    out: list[ArticleIssue] = []
    body_dates = find_dates(body)
    body_q = find_quantities(body, skip=[(d.start, d.end) for d in body_dates])
    source_q = []
    for passage in index.passages:
        span = passage.span
        source_q.extend(find_quantities(passage.source.text, span.start, span.end))
    head_dates = find_dates(headline)
    for q in find_quantities(headline, skip=[(d.start, d.end) for d in head_dates]):
        if q.kind in (VAGUE, FRACTION, MULTIPLE):
            continue
        if any(compatible(q, e) and matches(q, e.value, e) for e in body_q):
            continue
        in_sources = any(compatible(q, e) and matches(q, e.value, e) for e in source_q)
        tail = "the sources do" if in_sources else "neither do the sources"
        out.append(
            ArticleIssue(
                "headline",
                f"The headline says {q.text.lower() if q.spelled else q.text}, which the body "
                f"does not; {tail}.",
                q.start,
                q.end,
            )
        )
    body_years = {d.year for d in body_dates if d.year}
    for ref in head_dates:
        if ref.year and not ref.month and ref.year not in body_years:
            out.append(
                ArticleIssue(
                    "headline",
                    f"The headline says {ref.year}, which the body does not.",
                    ref.start,
                    ref.end,
                )
            )
    source_words: set[str] = set()
    for passage in index.passages:  # not the sentences addressed to an AI model
        source_words.update(_WORD.findall(passage.span.text))
    lower = {norm(w) for w in _WORD.findall(body) if w[0].islower()}
    lower.update(norm(w) for w in source_words if w[0].islower())
    body_words = {norm(w) for w in _WORD.findall(body)}
    calendar = {w.lower() for w in MONTH_NAMES + WEEKDAYS}
    for m in _WORD.finditer(headline):
        word = re.sub(r"['’]s$", "", m.group())
        low = word.lower()
        if not word[0].isupper() or low in STOPWORDS or low in calendar:
            continue
        if norm(low) in lower or norm(low) in body_words:
            continue
        in_sources = word in source_words
        tail = "the sources do" if in_sources else "neither do the sources"
        out.append(
            ArticleIssue(
                "headline",
                f"The headline names {word}, which the body does not mention; {tail}.",
                m.start(),
                m.start() + len(word),
            )
        )
    return out
