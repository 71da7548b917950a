"""The newsroom's own admin pages: workflow actions, the fact-check review, revisions.

Thin views: each one reads the request, calls a service, and reports the outcome.
"""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.views.decorators.http import require_POST

from newsroom.queue import QueueUnavailable
from newsroom.sanitize import clean_html
from sources.models import Story

from . import checking, dashboard, draft_review, editing, generation, moderation, workflow
from .exceptions import TransitionRefused
from .models import Article, Claim, Comment, Correction, ErrorReport, Flag, Revision, Run
from .text.blocks import split_blocks
from .text.worddiff import word_diff

ACTIONS = {"request_draft", "run_factcheck"}


def _article(request: HttpRequest, pk: int, perm: str = "articles.view_article") -> Article:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(Article.objects.select_related("section", "ai_author"), pk=pk)


def _back(article: Article):
    return redirect("admin:articles_article_change", article.pk)


@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Run one workflow action on an article and say what happened."""
    article = _article(request, pk)
    name = request.POST.get("action", "")
    comment = request.POST.get("comment", "").strip()
    try:
        if name == "request_draft":
            generation.request_draft(article, request.user)
            messages.success(request, "Draft requested. Its progress shows below.")
        elif name == "run_factcheck":
            checking.request_check(article, request.user)
            messages.success(request, "Fact-check requested. Its progress shows below.")
        elif name == "retry_run":
            run = get_object_or_404(Run, pk=request.POST.get("run"), article=article)
            generation.retry_run(run, request.user)
            messages.success(request, f"{run.get_kind_display()} queued again.")
        else:
            when = _when(request.POST.get("when", ""))
            workflow.transition(article, request.user, name, comment=comment, when=when)
            messages.success(request, f"“{workflow.TRANSITIONS[name].label}”: done.")
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    except QueueUnavailable as down:
        messages.error(request, f"{down} Nothing was changed; try again shortly.")
    return _back(article)


@require_POST
def draft_from_story(request: HttpRequest, story_pk: int) -> HttpResponse:
    """The story page's "Draft an article from these sources" button."""
    if not (
        request.user.has_perm("articles.add_article")
        and request.user.has_perm("articles.request_draft")
    ):
        raise PermissionDenied
    story = get_object_or_404(Story, pk=story_pk)
    try:
        article = generation.draft_from_story(story, request.user)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
        return redirect(story.get_admin_url())
    except QueueUnavailable as down:
        messages.error(request, f"{down} No article was created; try again shortly.")
        return redirect(story.get_admin_url())
    messages.success(request, "Article created and its draft requested. Its progress shows below.")
    return _back(article)


def _when(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:  # well formed but impossible: "2026-13-45T10:00"
        parsed = None
    if parsed is None:
        raise TransitionRefused("The publication time is not a date and time.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Runs of an article, for the live status panel."""
    article = _article(request, pk)
    data = [
        {
            "id": run.pk,
            "kind": run.get_kind_display(),
            "status": run.status,
            "label": run.get_status_display(),
            "backend": run.backend,
            "model": run.model,
            "latency_ms": run.latency_ms,
            "error": run.error,
        }
        for run in article.runs.order_by("-created_at")[:10]
    ]
    return JsonResponse(
        {"runs": data, "active": any(r["status"] in ("queued", "running") for r in data),
         "status": article.get_status_display()}
    )  # fmt: skip


def review(request: HttpRequest, pk: int, admin_site) -> TemplateResponse:
    """The article's text with every claim highlighted by verdict, and its flags beside it."""
    article = _article(request, pk)
    claims = list(article.claims.order_by("start"))
    flags = sorted(
        article.flags.select_related("claim", "resolved_by"),
        key=lambda f: (f.status != Flag.Status.OPEN, f.priority, f.created_at),
    )
    context = {
        **admin_site.each_context(request),
        "title": f"Fact-check review: {article.headline}",
        "article": article,
        "opts": Article._meta,
        "segments": checking.flags_in_place(article, flags),
        "flags": flags,
        "verdicts": Claim.Verdict,
        "resolutions": checking.HUMAN_RESOLUTIONS,
        "can_resolve": request.user.has_perm("articles.resolve_flag"),
        "stale": article.checked_hash and not article.check_is_current,
        "claim_counts": [
            (v.value, v.label, sum(1 for c in claims if c.verdict == v)) for v in Claim.Verdict
        ],
        "flag_counts": _flag_counts(flags),
    }
    return TemplateResponse(request, "admin/articles/article/review.html", context)


def _flag_counts(flags) -> list[tuple[str, int, int]]:
    """(kind's name, open, all) for every kind of flag the article has."""
    counts: dict[str, list[int]] = {}
    for flag in flags:
        tally = counts.setdefault(flag.kind_label, [0, 0])
        tally[0] += flag.status == Flag.Status.OPEN
        tally[1] += 1
    return [(label, open_, total) for label, (open_, total) in sorted(counts.items())]


@require_POST
def resolve(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    """Resolve one flag. Sent by the page's script (``X-Requested-With: fetch``), the answer
    is JSON and the page stays where it is; otherwise a redirect back with a message."""
    article = _article(request, pk)
    flag = get_object_or_404(Flag, pk=flag_pk, article=article)
    ok, message = True, "Flag resolved."
    try:
        checking.resolve_flag(
            flag,
            request.user,
            request.POST.get("resolution", ""),
            note=request.POST.get("note", "").strip(),
            evidence_url=request.POST.get("evidence_url", "").strip(),
            replacement=request.POST.get("replacement", "").strip(),
        )
    except (TransitionRefused, editing.EditConflict) as refused:
        ok, message = False, str(refused)
    if request.headers.get("X-Requested-With") == "fetch":
        still_open = article.flags.filter(status=Flag.Status.OPEN).count()
        return JsonResponse({"ok": ok, "message": message, "open": still_open})
    (messages.success if ok else messages.error)(request, message)
    if request.POST.get("return_to") == "change":
        return redirect(
            reverse("admin:articles_article_change", args=[article.pk]) + "#nr-flags-in-place"
        )
    return redirect("admin:articles_article_review", article.pk)


def revisions(request: HttpRequest, pk: int, admin_site) -> TemplateResponse:
    """Every revision of an article, and a side-by-side diff of any two."""
    article = _article(request, pk)
    all_revisions = list(article.revisions.select_related("created_by").order_by("-number"))
    if not all_revisions:
        raise Http404("No revisions.")
    numbers = [r.number for r in all_revisions]
    b = _pick(request.GET.get("b"), numbers, numbers[0])
    a = _pick(request.GET.get("a"), numbers, numbers[1] if len(numbers) > 1 else numbers[0])
    by_number = {r.number: r for r in all_revisions}
    diff = _diff_table(by_number[a], by_number[b])
    context = {
        **admin_site.each_context(request),
        "title": f"Revisions: {article.headline}",
        "article": article,
        "opts": Article._meta,
        "revisions": all_revisions,
        "a": a,
        "b": b,
        "diff": diff,
        "can_restore": request.user.has_perm("articles.change_article"),
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def _pick(value, numbers: list[int], default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number in numbers else default


def _text(revision: Revision) -> dict[str, str]:
    """What a reader reads of a revision, field by field; the body one line per block."""
    return {
        "Headline": revision.headline,
        "Standfirst": revision.dek,
        "Text": "\n".join(block.text for block in split_blocks(revision.body)),
    }


def _diff_table(old: Revision, new: Revision) -> str:
    """Side by side, word by word: removed words struck out on the left, added ones underlined
    on the right; sanitised by the one HTML policy like all rendered HTML."""
    rows = []
    before, after = _text(old), _text(new)
    for label in before:
        left, right = [], []
        for op, piece in word_diff(before[label], after[label]):
            shown = escape(piece).replace("\n", "<br>")
            if op == "equal":
                left.append(shown)
                right.append(shown)
            elif op == "delete":
                left.append(f"<s>{shown}</s>")
            else:
                right.append(f"<u>{shown}</u>")
        rows.append(f"<tr><th scope=\"row\">{label}</th><td>{''.join(left)}</td>"
                    f"<td>{''.join(right)}</td></tr>")  # fmt: skip
    head = (
        f'<thead><tr><th scope="col"></th><th scope="col">Revision {old.number}</th>'
        f'<th scope="col">Revision {new.number}</th></tr></thead>'
    )
    return clean_html(f'<table class="nr-diff">{head}<tbody>{"".join(rows)}</tbody></table>')


@require_POST
def restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = _article(request, pk, "articles.change_article")
    revision = get_object_or_404(Revision, article=article, number=number)
    try:
        editing.restore_revision(
            revision, request.user, expected_version=int(request.POST.get("version", 0))
        )
        messages.success(request, f"Revision {number} restored as a new revision.")
    except editing.EditConflict as conflict:
        messages.error(request, str(conflict))
    return redirect("admin:articles_article_revisions", article.pk)


def review_draft(request: HttpRequest, pk: int, admin_site) -> TemplateResponse | HttpResponse:
    """A waiting AI draft beside the current text, change by change; POST accepts the chosen
    changes (none: discards the draft)."""
    article = _article(request, pk, "articles.change_article")
    status = 200
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        try:
            accepted = draft_review.resolve(
                article, request.user, draft_number=_int(request.POST.get("draft")),
                expected_version=_int(request.POST.get("version")),
                accepted=request.POST.getlist("accept") if decision == "selected" else (),
                accept_all=decision == "all",
            )  # fmt: skip
            messages.success(
                request,
                f"{accepted} change(s) from the AI draft accepted."
                if accepted else "The AI draft was discarded; your text is unchanged.",
            )  # fmt: skip
            return _back(article)
        except TransitionRefused as refused:
            messages.error(request, str(refused))
            return _back(article)
        except editing.EditConflict:
            messages.error(
                request,
                "Someone saved the article since you opened this review, so nothing was "
                "changed: the draft is compared with the saved text again below.",
            )
            status = 409
            article = _article(request, pk, "articles.change_article")
    found = draft_review.review(article)
    if found is None:
        messages.info(request, "No AI draft is waiting for review.")
        return _back(article)
    context = {
        **admin_site.each_context(request),
        "title": f"Review the new AI draft: {article.headline}",
        "article": article,
        "opts": Article._meta,
        "review": found,
    }
    return TemplateResponse(
        request, "admin/articles/article/draft_review.html", context, status=status
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, "articles.add_comment")
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(Comment, pk=request.POST["parent"], article=article)
    try:
        moderation.add_comment(article, request.user, request.POST.get("text", ""), parent=parent)
        messages.success(request, "Comment added.")
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    return _back(article)


def correct(request: HttpRequest, pk: int, admin_site) -> HttpResponse:
    """Add a public correction or update to a published article, optionally fixing the text."""
    article = _article(request, pk, "articles.add_public_correction")
    reports = list(moderation.settleable_reports(article))
    picked = (request.POST if request.method == "POST" else request.GET).get("report", "")
    report = None
    if picked:
        report = get_object_or_404(ErrorReport, pk=picked, article=article)
    values = {
        "kind": Correction.Kind.CORRECTION,
        "note": "",
        **{f: getattr(article, f) for f in editing.TEXT_FIELDS},
    }
    if request.method == "POST":
        values.update({k: request.POST.get(k, "") for k in ("kind", "note", *editing.TEXT_FIELDS)})
        changes = {f: values[f] for f in editing.TEXT_FIELDS if values[f] != getattr(article, f)}
        try:
            moderation.add_correction(
                article, request.user, values["note"], kind=values["kind"], changes=changes,
                expected_version=int(request.POST.get("version", article.version)),
                report=report,
            )  # fmt: skip
            messages.success(request, "Correction published; the article is being re-checked.")
            return _back(article)
        except (TransitionRefused, editing.EditConflict) as refused:
            messages.error(request, str(refused))
    context = {
        **admin_site.each_context(request),
        "title": f"Correct: {article.headline}",
        "article": article,
        "opts": Article._meta,
        "values": values,
        "kinds": Correction.Kind.choices,
        "report": report,
        "reports": reports,
    }
    return TemplateResponse(request, "admin/articles/article/correct.html", context)


@require_POST
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("articles.handle_report"):
        raise PermissionDenied
    report = get_object_or_404(ErrorReport, pk=pk)
    try:
        moderation.triage_report(
            report, request.user, request.POST.get("decision", ""), request.POST.get("reason", "")
        )
        messages.success(request, "Decision recorded.")
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    return redirect("admin:articles_errorreport_change", report.pk)


def my_queue(request: HttpRequest, admin_site) -> TemplateResponse:
    context = {
        **admin_site.each_context(request),
        "title": "My queue",
        "sections": dashboard.my_queue(request.user),
    }
    return TemplateResponse(request, "admin/articles/my_queue.html", context)
