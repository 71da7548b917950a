from django.http import HttpRequest

from .models import Section


def site(request: HttpRequest) -> dict:
    return {"nav_sections": Section.objects.all()}
