"""No public URL reveals an article that is not published: a 404 or nothing at all, never a 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import AIAuthor, Article
from tests.public_data import (
    NON_PUBLIC,
    editor_path,
    make_article,
    make_source,
    make_user,
)

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquux"

LISTINGS = [
    "/",
    "/section/local/",
    "/authors/ai/ledgerline/",
    "{managing}",  # the reviewer's page: see pages()
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/section/local/rss.xml",
    "/section/local/atom.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
    f"/search/?q={SECRET}",
]


def pages(urls: list[str]) -> list[str]:
    """``urls`` with the reviewer's page, whose address holds the user's number, filled in."""
    return [editor_path("managing") if url == "{managing}" else url for url in urls]


def test_every_non_public_state_is_covered():
    assert {s.value for s in NON_PUBLIC} == {
        "collecting",
        "drafting",
        "editing",
        "fact_checking",
        "awaiting_approval",
        "scheduled",
        "unpublished",
    }


@pytest.mark.parametrize("status", [s.value for s in NON_PUBLIC])
def test_non_public_article_is_unreachable_everywhere(client, demo, status):
    ghostwriter = AIAuthor.objects.create(
        name="Ghostwriter", slug="ghostwriter", bio="Unreleased persona.", disclaimer="AI."
    )
    ghost_editor = make_user("ghost", "Gus", "Ghost")
    managing = demo.published.editors.get(username="managing")
    hidden = make_article(
        status=status,
        section=demo.published.section,
        story=demo.published.story,
        ai_author=ghostwriter,
        editors=[ghost_editor, managing],
        sources=[make_source(title="Hidden source")],
        headline=f"{SECRET} council secret",
        slug=f"{SECRET.lower()}-secret",
        # Even with a publication time set, only the status makes an article public.
        published_at=timezone.now() - timedelta(hours=1),
    )
    assert client.get(f"/local/{hidden.slug}/").status_code == 404
    assert client.get(f"/transport/{hidden.slug}/").status_code == 404
    assert client.get("/authors/ai/ghostwriter/").status_code == 404
    assert client.get(editor_path("ghost")).status_code == 404
    for url in [*pages(LISTINGS), demo.published.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert hidden.slug not in body and "council secret" not in body, url
        assert "Hidden source" not in body and "Ghostwriter" not in body, url
        assert "Gus Ghost" not in body and editor_path("ghost") not in body, url
    assert "0 results" in client.get(f"/search/?q={SECRET}").content.decode()


def test_published_article_under_the_wrong_section_is_404(client, demo):
    assert client.get(f"/transport/{demo.published.slug}/").status_code == 404


def test_unpublishing_removes_the_page(client, demo):
    from articles.cache import invalidate_article

    url = demo.published.get_absolute_url()
    assert client.get(url).status_code == 200
    Article.objects.filter(pk=demo.published.pk).update(status=Article.Status.UNPUBLISHED)
    invalidate_article(demo.published)
    assert client.get(url).status_code == 404
    assert demo.published.headline not in client.get("/").content.decode()
