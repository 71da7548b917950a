"""Settings read by the sources app, each with its default when the project does not set it."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def setting(name: str, default: object) -> object:
    """``settings.<name>``, or ``default`` when it is unset or Django is not configured (the
    fetch and extraction code also runs in benches and scripts without settings)."""
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:
        return default
