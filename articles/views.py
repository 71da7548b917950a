"""Public pages. Only published articles are reachable; everything else is a 404."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import queries
from .models import AIAuthor, Article, Section

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/home.html", {"page": page, "sections": Section.objects.all()})


def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    articles = queries.published().filter(section=section)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/section.html", {"section": section, "page": page})


def ai_author(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(AIAuthor, slug=slug)
    page = Paginator(queries.published().filter(ai_author=author), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "articles/ai_author.html", {"author": author, "page": page})


def article(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    try:
        article = queries.article_page(section, slug)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    return render(request, "articles/article.html", {"article": article})
