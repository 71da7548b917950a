"""The audit log: one function writes every entry."""

import csv
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpResponse

from .models import Article, AuditEvent


def record(
    actor,
    action: str,
    *,
    article: Article | None = None,
    target: models.Model | None = None,
    reason: str = "",
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event. ``actor`` may be None for the system (jobs, scheduler)."""
    target = target if target is not None else article
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_repr=actor.get_username() if actor else "system",
        action=action,
        article=article,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


CSV_COLUMNS = (
    "created_at", "actor_repr", "action", "target_type", "target_id", "target_repr",
    "from_state", "to_state", "reason",
)  # fmt: skip


def csv_response(events: Iterable[AuditEvent]) -> HttpResponse:
    """Audit events as a CSV download."""
    return csv_download(events, CSV_COLUMNS, "audit-log.csv")


def csv_download(rows: Iterable, columns: Iterable[str], filename: str) -> HttpResponse:
    """``rows`` (objects or a queryset) as a CSV download of the named attributes; empty for
    None, and formula-looking cells neutralised for spreadsheets."""
    columns = tuple(columns)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows.iterator() if hasattr(rows, "iterator") else rows:
        writer.writerow([_cell(getattr(row, column)) for column in columns])
    return response


def _cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
