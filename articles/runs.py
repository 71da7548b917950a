"""Recording drafting and fact-check runs: queued, running, done or failed, with their cost,
and one ``AICall`` row per language-model call."""

from collections.abc import Callable

from django.db.models import Count, Sum
from django.utils import timezone

from articles.llm import CallRecord
from newsroom.llm import estimate_cost

from .models import AICall, Article, Run


def queue_run(article: Article, kind: str, user=None) -> Run:
    return Run.objects.create(
        article=article,
        kind=kind,
        requested_by=user if user is not None and user.is_authenticated else None,
    )


def claim_run(run_id: int) -> Run | None:
    """Mark a queued run as running; None if it is gone or already taken (a duplicate delivery)."""
    taken = Run.objects.filter(pk=run_id, status=Run.Status.QUEUED).update(
        status=Run.Status.RUNNING, started_at=timezone.now()
    )
    return Run.objects.select_related("article").get(pk=run_id) if taken else None


def call_recorder(
    purpose: str, *, run: Run | None = None, article: Article | None = None
) -> Callable[[CallRecord], None]:
    """An ``on_call`` observer for the engine's model that stores each call as an ``AICall``."""

    def record(call: CallRecord) -> None:
        AICall.objects.create(
            run=run,
            article=article if article is not None else (run.article if run else None),
            purpose=purpose,
            attempt=call.attempt,
            model=call.model[:200],
            prompt_version=call.prompt_version[:50],
            mode=call.mode,
            streamed=call.stream,
            status=call.status[:30],
            http_status=call.http_status,
            error=call.error,
            input_tokens=call.input_tokens,
            output_tokens=call.output_tokens,
            cost_usd=estimate_cost(call.model, call.input_tokens, call.output_tokens),
            latency_ms=call.latency_ms,
            max_tokens=call.max_tokens,
            finish_reason=call.finish_reason[:30],
            request_preview=call.request_preview,
            response_preview=call.response_preview,
            raw_output=call.raw_output,
        )

    return record


def finish_run(run: Run, result, *, status: str = Run.Status.DONE, error: str = "") -> None:
    """Store what a backend reported (anything with backend/model/tokens/latency/attempts); when
    the run made model calls, their log is the truth for calls, tokens, cost, model and prompt."""
    for field in ("backend", "model", "prompt_version", "input_tokens", "output_tokens",
                  "latency_ms", "attempts"):  # fmt: skip
        value = getattr(result, field, None)
        if value is not None:
            setattr(run, field, value)
    totals = run.calls.aggregate(
        n=Count("pk"), input=Sum("input_tokens"), output=Sum("output_tokens"), cost=Sum("cost_usd")
    )
    if totals["n"]:
        last = run.calls.order_by("-created_at", "-pk").first()
        run.attempts = totals["n"]
        run.input_tokens, run.output_tokens = totals["input"], totals["output"]
        run.cost_usd = totals["cost"]
        run.model, run.prompt_version = last.model, last.prompt_version or run.prompt_version
    run.status, run.error, run.finished_at = status, error, timezone.now()
    fields = ("backend", "model", "prompt_version", "input_tokens", "output_tokens", "latency_ms",
              "attempts", "cost_usd", "status", "error", "finished_at")  # fmt: skip
    # Only a run still under way is finished: one the reaper has failed meanwhile stays failed
    # (its retry may be running), rather than turning back to done.
    Run.objects.filter(pk=run.pk, status__in=(Run.Status.QUEUED, Run.Status.RUNNING)).update(
        **{name: getattr(run, name) for name in fields}
    )


def fail_run(run: Run, error: str, result=None) -> None:
    finish_run(run, result, status=Run.Status.FAILED, error=error or "Failed.")


def active_runs(article: Article):
    return article.runs.filter(status__in=(Run.Status.QUEUED, Run.Status.RUNNING))
