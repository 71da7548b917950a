"""Month and weekday names as written in news text, and calendar helpers."""

from __future__ import annotations

from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Month and weekday names: capitalised words that are no names or places.
CALENDAR = frozenset(MONTH_NAMES + WEEKDAYS)
# Days said relative to the day of writing, as an offset from it.
RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
}  # fmt: skip
# A month's name, in full or abbreviated ("Sept"; a following "." is left to the caller).
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)


def month_number(name: str) -> int:
    """1 for "Jan", "January" or "jan."; a name :data:`MONTH` matched."""
    return MONTHS[name[:3].lower()]


def calendar_date(year: int, month: int, day: int) -> date | None:
    """The day, or None when there is no such day (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
