from django.http import HttpRequest

from . import seo
from .cache import cached
from .models import Section


def _nav_sections() -> list[tuple[str, str]]:
    return [(s.name, s.get_absolute_url()) for s in Section.objects.all()]


def site(request: HttpRequest) -> dict:
    """Site name, language and the navigation's sections (cached for the public generation)."""
    return {
        "nav_sections": lambda: cached("nav-sections", _nav_sections),
        "site_name": seo.site_name(),
        "site_language": seo.language(),
    }
