"""Job functions that only the queue tests enqueue (a worker imports them by path)."""

from articles import audit


def record_event(note: str) -> str:
    audit.record(None, "test.job_ran", reason=note)
    return note


def fail_loudly(note: str) -> None:
    raise RuntimeError(f"job failed on purpose: {note}")


REMEMBERED: list[str] = []


def remember(note: str) -> None:
    REMEMBERED.append(note)
