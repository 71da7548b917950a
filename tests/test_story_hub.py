"""The story page is the hub: its sources, adding more, its articles, one-click drafting."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Article, Revision, Run
from sources.models import Source, Story
from tests.test_sources_admin import IMPORT, PASTE, page_text

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_story_page_shows_sources_articles_and_the_forms(client, staff, demo):
    story = demo.published.story
    page = login(client, staff["editor"]).get(story.get_admin_url()).content.decode()
    assert "Add another Source" not in page
    assert 'id="story-sources"' in page and "<td>1</td>" in page and "<td>0</td>" not in page
    for source in story.sources.all():
        assert reverse("admin:sources_source_change", args=[source.pk]) in page
    assert f'action="{IMPORT}"' in page and f'action="{PASTE}"' in page
    for article in (demo.published, demo.draft):
        assert reverse("admin:articles_article_change", args=[article.pk]) in page
        assert article.get_status_display() in page
    assert demo.published.get_absolute_url() in page
    assert "Draft an article from these sources" in page


def test_fact_checker_sees_the_hub_without_the_buttons(client, staff, demo):
    story = demo.published.story
    page = login(client, staff["factchecker"]).get(story.get_admin_url()).content.decode()
    assert 'id="story-articles"' in page and demo.draft.headline in page
    assert "Draft an article from these sources" not in page and 'id="story-paste"' not in page
    draft = reverse("admin:articles_article_from_story", args=[story.pk])
    assert client.post(draft).status_code == 403
    assert Article.objects.count() == 2


def test_paste_from_the_story_page_returns_to_it(client, staff):
    story = Story.objects.create(title="Old Mill Bridge")
    response = login(client, staff["editor"]).post(
        PASTE, {"story": story.pk, "title": "Bridge", "text": page_text("article.html")}
    )
    assert response.status_code == 302 and response.url == story.get_admin_url()
    assert Source.objects.get().story == story
    page = client.get(response.url).content.decode()
    assert "Added “Bridge”." in page and ">Bridge</a>" in page


def test_import_from_the_story_page_returns_to_it(
    client, staff, settings, fixture_http_server, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    story = Story.objects.create(title="Old Mill Bridge")
    login(client, staff["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            IMPORT, {"story": story.pk, "url": fixture_http_server.url("/pages/article.html")}
        )
    assert response.status_code == 302 and response.url == story.get_admin_url()
    source = Source.objects.get()
    assert source.story == story
    page = client.get(response.url).content.decode()
    assert source.title in page and 'http-equiv="refresh"' not in page


def test_one_click_drafts_an_article_from_the_story(
    client, staff, demo, django_capture_on_commit_callbacks
):
    story = demo.published.story
    login(client, staff["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:articles_article_from_story", args=[story.pk]))
    article = Article.objects.exclude(pk__in=[demo.published.pk, demo.draft.pk]).get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.story == story and article.created_by == staff["editor"]
    assert article.runs.filter(kind=Run.Kind.DRAFT, status=Run.Status.DONE).exists()
    assert article.headline and article.body and article.status == Article.Status.EDITING
    assert article.slug == slugify(article.headline)[:180]
    assert article.revisions.filter(reason=Revision.Reason.DRAFT, headline=article.headline)
    page = client.get(story.get_admin_url()).content.decode()
    assert reverse("admin:articles_article_change", args=[article.pk]) in page


def test_one_click_on_a_story_without_sources_creates_nothing(client, staff, demo):
    story = Story.objects.create(title="Nothing yet")
    response = login(client, staff["editor"]).post(
        reverse("admin:articles_article_from_story", args=[story.pk]), follow=True
    )
    assert "Add at least one source" in response.content.decode()
    assert Article.objects.count() == 2
