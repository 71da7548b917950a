"""Recording drafting and fact-check runs: queued, running, done or failed, with their cost."""

from django.utils import timezone

from .models import Article, Run


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


def finish_run(run: Run, result, *, status: str = Run.Status.DONE, error: str = "") -> None:
    """Store what a backend reported (anything with backend/model/tokens/latency/attempts)."""
    for field in ("backend", "model", "prompt_version", "input_tokens", "output_tokens",
                  "latency_ms", "attempts"):  # fmt: skip
        value = getattr(result, field, None)
        if value is not None:
            setattr(run, field, value)
    run.status, run.error, run.finished_at = status, error, timezone.now()
    run.save()


def fail_run(run: Run, error: str, result=None) -> None:
    finish_run(run, result, status=Run.Status.FAILED, error=error or "Failed.")


def active_runs(article: Article):
    return article.runs.filter(status__in=(Run.Status.QUEUED, Run.Status.RUNNING))
