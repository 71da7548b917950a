"""Public pages. Only published articles are reachable; everything else is a 404.

Published pages are marked with ``cache.cache_public``; ``PublicPageCacheMiddleware`` caches
them for the public generation and serves them (ETag, 304s) before sessions, auth or CSRF run.
The preview page is the one exception to both rules: it shows any article to whoever holds a
valid signed link, and is never cached or indexed.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import moderation, pages, queries, seo
from .cache import cache_public
from .exceptions import ReportRefused
from .forms import ErrorReportForm
from .models import AIAuthor, Article, Section
from .preview import PreviewInvalid, read_preview_token

PAGE_SIZE = 20
SECTION_TEASERS = 3


def paginate(request: HttpRequest, items: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The requested page; a malformed or out-of-range page number is a 404."""
    number = request.GET.get("page", "1")
    try:
        return Paginator(items, per_page).page(number)
    except InvalidPage:
        raise Http404("No such page.") from None


@require_safe
@cache_public
def home(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.listing())
    by_section = queries.latest_by_section(SECTION_TEASERS) if page.number == 1 else []
    return render(request, "articles/home.html", {"page": page, "by_section": by_section})


@require_safe
@cache_public
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, queries.listing().filter(section=section))
    return render(request, "articles/section.html", {"section": section, "page": page})


@require_safe
@cache_public
def ai_author(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(AIAuthor, slug=slug)
    page = paginate(request, queries.ai_author_articles(author))
    if not page.paginator.count:
        raise Http404("No published articles by this author.")
    return render(request, "articles/ai_author.html", {"author": author, "page": page})


@require_safe
@cache_public
def editor(request: HttpRequest, handle: str) -> HttpResponse:
    user = queries.public_editor(handle)
    if user is None:
        raise Http404("No published articles reviewed by this person.")
    page = paginate(request, queries.reviewed_articles(user))
    return render(request, "articles/editor.html", {"person": user, "page": page})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    q = " ".join(request.GET.get("q", "").split())[: queries.SEARCH_MAX_CHARS]
    page = paginate(request, queries.search(q)) if q else None
    response = render(request, "articles/search.html", {"q": q, "page": page})
    response["X-Robots-Tag"] = "noindex"
    return response


def article_context(article: Article, stored: dict[str, Any], *, preview: bool = False) -> dict:
    """The article page's context: the article's own part (``pages``), stored or fresh, and
    the related articles."""
    head, main = pages.parts(stored)
    related = pages.related(article)
    return {
        "article": article,
        "page": stored,
        "page_head": head,
        "page_main": main,
        "preview": preview,
        "related": related,
        "related_html": pages.related_html(related),
    }


@require_safe
@cache_public
def article(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    try:
        article = queries.article_page(section, slug)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    context = article_context(article, pages.page(article))
    response = render(request, "articles/article.html", context)
    times = [context["page"]["modified"], *(t.updated_at for t in context["related"])]
    response["Last-Modified"] = http_date(max(times))
    return response


@require_safe
@never_cache
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """Any article, for holders of a valid signed link; tampered, expired or stale: 404."""
    try:
        pk, version = read_preview_token(token)
        article = queries.article_for_preview(pk)
    except (PreviewInvalid, Article.DoesNotExist):
        raise Http404("This preview link is invalid or has expired.") from None
    if article.version != version:
        raise Http404("The article has changed since this preview link was made.")
    stored = pages.render(article, preview=True)
    response = render(
        request, "articles/article.html", article_context(article, stored, preview=True)
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    preview_prefix = reverse("public:preview", args=["x"]).rsplit("x", 1)[0]
    context = {
        "disallow": ["/admin/", preview_prefix, reverse("public:search")],
        "sitemaps": [
            seo.absolute_url(reverse("public:sitemap")),
            seo.absolute_url(reverse("public:news_sitemap")),
        ],
    }
    return TemplateResponse(request, "robots.txt", context, content_type="text/plain")


@never_cache
def report_error(request: HttpRequest, pk: int) -> HttpResponse:
    """The public "Report an error" form: a report goes to the moderators' queue."""
    article = get_object_or_404(queries.published().select_related("section"), pk=pk)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot:
            return redirect(f"{request.path}?sent=1")
        if form.is_valid():
            try:
                moderation.submit_report(
                    article,
                    message=form.cleaned_data["message"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    ip=request.META.get("REMOTE_ADDR", ""),
                )
                return redirect(f"{request.path}?sent=1")
            except ReportRefused as refused:
                form.add_error(None, str(refused))
    context = {"article": article, "form": form, "sent": request.GET.get("sent") == "1"}
    return render(request, "articles/report_error.html", context)
