"""The audit log: one function writes every entry."""

from typing import Any

from django.db import models

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
