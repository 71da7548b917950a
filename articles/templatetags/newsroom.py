import hashlib
from datetime import datetime

from django import template
from django.core.cache import cache
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles import queries, seo
from newsroom import sanitize

register = template.Library()

# The one human-readable date format of the public site: every date a reader sees uses it.
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, H:i T"


CLEAN_CACHE_SECONDS = 7 * 24 * 3600


@register.filter
def article_body(article) -> SafeString:
    """The article's body as the page shows it. A body stored through ``editing.clean_body``
    was cleaned on write under the current policy and is shown as stored; any other (written
    around the service, or under an older policy: its seal does not match) is cleaned here."""
    if article.body_digest and article.body_digest == sanitize.cleaned_digest(article.body):
        return mark_safe(article.body)
    return sanitized(article.body)


@register.filter
def sanitized(html: str) -> SafeString:
    """Render HTML through the one bleach policy.

    Cleaning is slow (milliseconds per article) and its result depends only on the input and
    the policy, so it is cached under a hash of both.
    """
    if not html:
        return mark_safe("")
    digest = hashlib.sha256(html.encode()).hexdigest()
    key = f"newsroom:clean:{sanitize.POLICY}:{digest}"
    cleaned = cache.get(key)
    if cleaned is None:
        cleaned = sanitize.clean_html(html)
        cache.set(key, cleaned, CLEAN_CACHE_SECONDS)
    return mark_safe(cleaned)


@register.filter
def people(users) -> str:
    """'Ann Lee, Bo Chan and Cy Dee' from users, by full name (never the login name)."""
    names = [queries.public_name(u) for u in users]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@register.filter
def reviewer_links(users) -> SafeString:
    """The reviewers' names, each linked to their public page, joined as in ``people``."""
    links = [
        format_html('<a href="{}">{}</a>', queries.editor_url(u), queries.public_name(u))
        for u in users
    ]
    if len(links) <= 1:
        return format_html_join("", "{}", ((link,) for link in links))
    head = format_html_join(", ", "{}", ((link,) for link in links[:-1]))
    return format_html("{} and {}", head, links[-1])


@register.filter
def newsdate(value: datetime | None) -> str:
    """A date as readers see it: 'November 19, 2026'."""
    return date_filter(value, DATE_FORMAT) if value else ""


@register.filter
def newsdatetime(value: datetime | None) -> str:
    """A time as readers see it: 'November 19, 2026, 15:00 UTC'."""
    return date_filter(value, DATETIME_FORMAT) if value else ""


@register.filter
def iso(value: datetime | None) -> str:
    """The machine-readable time used in ``<time datetime>``, meta tags and JSON-LD."""
    return seo.iso(value)


@register.filter
def jsonld(data: dict) -> SafeString:
    """A JSON-LD block that no value can break out of."""
    return seo.jsonld_script(data)
