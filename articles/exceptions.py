"""Refusals the article services raise, for views and admin actions to show to the user."""


class TransitionRefused(Exception):
    """The transition is not allowed for this user, state or article."""


class ReportRefused(Exception):
    """A reader's error report was not accepted (rate limit, size, honeypot)."""
