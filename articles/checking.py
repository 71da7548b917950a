"""Fact-checking an article against its sources (the Django side of ``articles.factcheck``),
and resolving the flags a check opens."""

import copy
import dataclasses
import hashlib
import logging

import lxml.html
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from articles.llm import LLMError
from newsroom import queue
from newsroom.llm import model_for, resolve_backend

from . import audit, editing, runs, workflow
from .exceptions import TransitionRefused
from .factcheck import check_text
from .factcheck.article import date_issues
from .factcheck.types import ClaimResult, Evidence
from .models import Article, Claim, Flag, Revision, Run
from .story_sources import as_source_texts, drafting_sources
from .text.sentences import split_sentences

log = logging.getLogger(__name__)

BLOCKS = ("p", "li", "blockquote", "tr", "figcaption")
# What a person may decide on a flag (superseded is the re-check's).
HUMAN_RESOLUTIONS = [r for r in Flag.Resolution if r != Flag.Resolution.SUPERSEDED]


def article_text(article: Article) -> str:
    """The article as the checker reads it: headline, standfirst, then one block per paragraph,
    list item or key-fact row ("Label: value"), blank-line separated. Citation markers, table
    headers and subheads are left out (they state nothing). Claim offsets point into this
    text."""
    blocks = [article.headline, article.dek]
    if article.body.strip():
        root = lxml.html.fragment_fromstring(article.body, create_parent="div")
        for marker in [n for n in root.iter("sup") if n.get("class") == "cite"]:
            marker.drop_tree()
        for node in root.iter(*BLOCKS):
            if node.tag == "tr" and (
                not node.findall("td") or any(a.tag == "thead" for a in node.iterancestors())
            ):
                continue  # a table header names columns; it states nothing
            if node.tag == "tr":
                blocks.append(_row_text(node))
            elif not any(a.tag in BLOCKS for a in node.iterancestors()):
                blocks.append(node.text_content())
    return "\n\n".join(" ".join(b.split()) for b in blocks if b and b.strip())


def _row_text(row) -> str:
    """A key-fact row as the checker reads it: "Label: value" (citation markers already
    dropped from the tree)."""
    cells = [" ".join(c.text_content().split()) for c in row.iter("th", "td")]
    return ": ".join(c for c in cells if c)


def _is_marker(node) -> bool:
    return node.tag == "sup" and node.get("class") == "cite"


def rewrite_key_fact(body: str, row_text: str, replacement: str) -> str | None:
    """``body`` with the key-fact row that reads ``row_text`` ("Label: value") changed: its
    value cell says ``replacement`` (with or without the "Label:" prefix), keeping the cell's
    citation markers; an empty replacement removes the row. None when no row reads so."""
    if not body.strip():
        return None
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for row in root.iter("tr"):
        bare = copy.deepcopy(row)
        for marker in [n for n in bare.iter("sup") if _is_marker(n)]:
            marker.drop_tree()
        if _row_text(bare) != " ".join(row_text.split()):
            continue
        if not replacement:
            row.drop_tree()
            return _inner_html(root)
        cells = list(row.iter("th", "td"))
        label = " ".join(cells[0].text_content().split()) if len(cells) > 1 else ""
        value = replacement.strip()
        if label and value.startswith(f"{label}:"):
            value = value[len(label) + 1 :].strip()
        cell = cells[-1]
        markers = [n for n in cell.iter("sup") if _is_marker(n)]
        for child in list(cell):
            cell.remove(child)
        cell.text = value + (" " if markers else "")
        for marker in markers:
            marker.tail = None
            cell.append(marker)
        return _inner_html(root)
    return None


def _inner_html(root) -> str:
    return (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )


def request_check(article: Article, user) -> Run:
    """Queue a fact-check of the article's current text."""
    if user is not workflow.SYSTEM and not user.has_perm("articles.run_factcheck"):
        raise TransitionRefused("You may not run fact-checks.")
    with transaction.atomic():
        run = runs.queue_run(article, Run.Kind.FACTCHECK, user)
        run.job_id = queue.enqueue("factcheck", "articles.jobs.factcheck", run.pk)
        run.save(update_fields=["job_id"])
    return run


def check_now(article: Article, user=None, *, backend: str = "auto") -> Run:
    """Check in this process, now (demo data, commands); the newsroom uses request_check."""
    run = runs.queue_run(article, Run.Kind.FACTCHECK, user)
    run_check(run.pk, backend=backend)
    run.refresh_from_db()
    return run


def run_check(run_id: int, *, backend: str = "auto") -> Run | None:
    """The fact-check job: check, store claims and open flags; re-checks only changed claims."""
    run = runs.claim_run(run_id)
    if run is None:
        return None
    article = run.article
    text = article_text(article)
    checked_hash = article.text_hash()
    texts = as_source_texts(drafting_sources(article))
    previous = {c.text_hash: _as_result(c) for c in article.claims.all()}
    backend = run.backend = resolve_backend(backend)
    published = (article.published_at or timezone.now()).date()
    try:
        with model_for(backend, on_call=runs.call_recorder(Run.Kind.FACTCHECK, run=run)) as model:
            report = check_text(
                text, texts, backend=backend, published=published, headline=article.headline,
                previous=previous, model=model,
            )  # fmt: skip
    except (LLMError, ValueError) as exc:
        runs.fail_run(run, str(exc), exc)
        return run
    except Exception as exc:
        runs.fail_run(run, f"Unexpected error while checking: {exc!r}")
        raise
    store_report(article, report, texts, run, checked_hash)
    runs.finish_run(run, report)
    return run


@transaction.atomic
def store_report(article: Article, report, texts, run: Run, checked_hash: str) -> None:
    """Replace the article's claims with the report's; keep open flags of unchanged claims,
    supersede flags whose claim is gone or now supported, open flags for new problems."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.claims.all().delete()
    old_flags = {f.excerpt: f for f in article.flags.filter(status=Flag.Status.OPEN)}
    wanted: dict[str, tuple[str, str, Claim | None]] = {}
    for result in report.claims:
        claim = Claim.objects.create(
            article=article,
            run=run,
            text=result.text,
            start=result.start,
            end=result.end,
            text_hash=result.text_hash or _hash(result.text),
            verdict=result.verdict,
            difference=result.difference,
            reason=result.reason,
            evidence=[_evidence_json(e, texts) for e in result.evidence],
        )
        if result.verdict != Claim.Verdict.SUPPORTED:
            wanted[result.text] = (result.verdict, result.reason, claim)
    for issue in report.issues:
        wanted[f"[{issue.kind}] {issue.message}"] = (issue.kind, issue.message, None)
    now = timezone.now()
    for excerpt, flag in old_flags.items():
        if excerpt in wanted:
            kind, reason, claim = wanted.pop(excerpt)
            flag.kind, flag.reason, flag.claim = kind, reason, claim
            flag.save(update_fields=["kind", "reason", "claim"])
        else:
            flag.status, flag.resolution, flag.resolved_at = (
                Flag.Status.RESOLVED, Flag.Resolution.SUPERSEDED, now,
            )  # fmt: skip
            flag.resolution_note = "The re-check no longer finds this problem."
            flag.save()
    accepted = set(
        article.flags.filter(status=Flag.Status.RESOLVED)
        .exclude(resolution__in=(Flag.Resolution.SUPERSEDED, Flag.Resolution.EDITED,
                                 Flag.Resolution.REMOVED))
        .values_list("excerpt", flat=True)
    )  # fmt: skip
    for excerpt, (kind, reason, claim) in wanted.items():
        if excerpt in accepted:
            continue
        Flag.objects.create(article=article, claim=claim, kind=kind, excerpt=excerpt, reason=reason)
    if article.text_hash() == checked_hash:
        Article.objects.filter(pk=article.pk).update(checked_hash=checked_hash)
    audit.record(
        None,
        "article.checked",
        article=article,
        data={
            "run": run.pk,
            "claims": len(report.claims),
            "flagged": sum(1 for c in report.claims if c.verdict != Claim.Verdict.SUPPORTED),
        },
    )


def resolve_flag(
    flag: Flag,
    user,
    resolution: str,
    *,
    note: str = "",
    evidence_url: str = "",
    replacement: str = "",
) -> Flag:
    """A fact-checker's decision on a flag, audited.

    ``confirmed`` and ``accepted`` need a note; ``edited`` replaces the flagged sentence with
    ``replacement`` and ``removed`` deletes it from the body (both create a revision, and the
    article needs a re-check before it can be published).
    """
    if not user.has_perm("articles.resolve_flag"):
        raise TransitionRefused("Only fact-checkers and managing editors resolve flags.")
    if resolution not in Flag.Resolution.values or resolution == Flag.Resolution.SUPERSEDED:
        raise TransitionRefused(f"Unknown resolution “{resolution}”.")
    if resolution in (Flag.Resolution.CONFIRMED, Flag.Resolution.ACCEPTED) and not note.strip():
        raise TransitionRefused("Say why: a note is required to confirm or accept.")
    if resolution == Flag.Resolution.EDITED and not replacement.strip():
        raise TransitionRefused("Give the corrected sentence.")
    editing.check_lengths(Flag, resolution_note=note, evidence_url=evidence_url)
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise TransitionRefused("The evidence URL must be an http or https address.") from None
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if flag.status != Flag.Status.OPEN:
            raise TransitionRefused("This flag is already resolved.")
        if resolution in (Flag.Resolution.EDITED, Flag.Resolution.REMOVED):
            _rewrite_sentence(flag, user, replacement if resolution == "edited" else "")
        flag.status, flag.resolution = Flag.Status.RESOLVED, resolution
        flag.resolution_note, flag.evidence_url = note, evidence_url
        flag.resolved_by, flag.resolved_at = user, timezone.now()
        flag.save()
        audit.record(
            user,
            "flag.resolved",
            article=flag.article,
            target=flag,
            reason=note,
            data={"resolution": resolution, "evidence_url": evidence_url,
                  "replacement": replacement},
        )  # fmt: skip
    return flag


def _rewrite_sentence(flag: Flag, user, replacement: str) -> None:
    article = Article.objects.select_for_update().get(pk=flag.article_id)
    sentence = flag.excerpt
    changes = {}
    for field in ("headline", "dek", "body"):
        value = getattr(article, field)
        if sentence in value:
            changes[field] = value.replace(sentence, replacement, 1)
            break
    else:
        body = rewrite_key_fact(article.body, sentence, replacement)
        if body is not None:
            changes["body"] = body
    if not changes:
        raise TransitionRefused(
            "The flagged sentence is no longer in the text as flagged: edit the article instead."
        )
    editing.save_article(
        article, user, expected_version=article.version, reason=Revision.Reason.FLAG_EDIT,
        note=f"Flag {flag.pk}: " + ("edited" if replacement else "removed"), **changes,
    )  # fmt: skip


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _evidence_json(evidence: Evidence, texts) -> dict:
    source = texts[evidence.source] if 0 <= evidence.source < len(texts) else None
    return {
        "source": evidence.source,
        "source_id": source.source_id if source else None,
        "title": source.title if source else "",
        "outlet": source.outlet if source else "",
        "url": source.url if source else "",
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
    }


def _as_result(claim: Claim) -> ClaimResult:
    return ClaimResult(
        text=claim.text,
        start=claim.start,
        end=claim.end,
        verdict=claim.verdict,
        reason=claim.reason,
        evidence=[Evidence(e["source"], e["quote"], e["start"], e["end"]) for e in claim.evidence],
        difference=claim.difference,
        text_hash=claim.text_hash,
    )


@dataclasses.dataclass
class Segment:
    """A run of the checked text: plain, or a claim / flagged sentence with its anchor id."""

    text: str
    anchor: str = ""
    claim: Claim | None = None
    flagged: bool = False


def flags_in_place(article: Article, flags: list[Flag]) -> list[Segment]:
    """``article_text`` cut into segments, claims and flagged sentences with their anchor ids;
    each of ``flags`` gets ``anchor``, the id of its place ("" if it has none): a claim's flag
    its claim (a sentence or key-fact row), a headline flag the headline, a date flag the
    sentence that holds the date. Claims whose offsets no longer match the text (it changed
    since the check) are left unmarked."""
    text = article_text(article)
    open_claims = {f.claim_id for f in flags if f.claim_id and f.status == Flag.Status.OPEN}
    spans: list[tuple[int, int, Segment]] = []
    cursor = 0
    for claim in article.claims.order_by("start"):
        if claim.start < cursor or text[claim.start : claim.end] != claim.text:
            continue
        segment = Segment(claim.text, f"claim-{claim.pk}", claim, claim.pk in open_claims)
        spans.append((claim.start, claim.end, segment))
        cursor = claim.end
    placed = {segment.claim.pk for _, _, segment in spans}
    anchors = {f.pk: f"claim-{f.claim_id}" for f in flags if f.claim_id in placed}
    for flag in flags:
        if flag.claim_id:
            continue
        where = _issue_span(article, text, flag)
        if where is None:
            continue
        start, end = where
        holder = next((s for a, b, s in spans if a <= start < b), None)
        if holder is None and not any(a < end and start < b for a, b, _ in spans):
            holder = Segment(text[start:end], f"flag-text-{flag.pk}")
            spans.append((start, end, holder))
            spans.sort(key=lambda span: span[0])
        if holder is not None:
            holder.flagged = holder.flagged or flag.status == Flag.Status.OPEN
            anchors[flag.pk] = holder.anchor
    segments, cursor = [], 0
    for start, end, segment in spans:
        segments.append(Segment(text[cursor:start]))
        segments.append(segment)
        cursor = end
    segments.append(Segment(text[cursor:]))
    for flag in flags:
        flag.anchor = anchors.get(flag.pk, "")
    return [s for s in segments if s.text]


def _issue_span(article: Article, text: str, flag: Flag) -> tuple[int, int] | None:
    """Where an article-level flag's problem is in ``text``: the headline, or the sentence
    holding the date (found again by re-running the date check on the same text and date)."""
    if flag.kind == "headline":
        headline = " ".join(article.headline.split())
        return (0, len(headline)) if headline and text.startswith(headline) else None
    published = (article.published_at or flag.created_at).date()
    for issue in date_issues(text, published):
        if f"[{issue.kind}] {issue.message}" == flag.excerpt:
            for sentence in split_sentences(text):
                if sentence.start <= issue.start < sentence.end:
                    return sentence.start, sentence.end
            return issue.start, issue.end
    return None
