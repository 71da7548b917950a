"""The article's own part of its page is rendered once and stored (``articles.pages``): every
change to what it shows is on the public page at once, with the page cache on and off."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import editing, moderation, pages, seo, workflow
from articles.models import Article
from tests.public_data import make_article, make_source, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["page-cache-on", "page-cache-off"])
def published(request, settings, demo):
    """The demo's published article, its page viewed once (stored, and cached when on)."""
    settings.NEWSROOM_PUBLIC_CACHE_SECONDS = 300 if request.param == "page-cache-on" else 0
    cache.clear()
    return demo.published


def view(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def stored(article: Article) -> dict:
    return Article.objects.get(pk=article.pk).page


def test_the_page_is_stored_and_shown_from_storage(client, published, settings):
    settings.NEWSROOM_SITE_URL = "http://testserver"  # the key covers the site's origin
    html = view(client, published)
    page = stored(published)
    assert page["key"] == pages.key(Article.objects.get(pk=published.pk))
    assert page["main"] in html and page["head"] in html
    Article.objects.filter(pk=published.pk).update(
        page={**page, "main": page["main"].replace("Sources", "Stored sources")}
    )
    cache.clear()
    assert "Stored sources" in view(client, published)


def test_a_correction_shows_at_once(client, published, staff, django_capture_on_commit_callbacks):
    view(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.add_correction(published, staff["managing"], "The vote was 7-2, not 6-3.")
    assert "The vote was 7-2, not 6-3." in view(client, published)


def test_an_edit_of_published_text_shows_at_once(
    client, published, staff, django_capture_on_commit_callbacks
):
    view(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_article(
            published, staff["managing"], expected_version=published.version,
            body="<p>A freshly edited paragraph.</p>",
        )  # fmt: skip
    html = view(client, published)
    assert "A freshly edited paragraph." in html
    published.refresh_from_db()  # the disclosure level follows the edit (articles.provenance)
    assert seo.digital_source_type(published) in html


def test_unpublishing_removes_the_page(
    client, published, staff, django_capture_on_commit_callbacks
):
    view(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(published, staff["managing"], "unpublish", comment="Legal hold.")
    assert client.get(published.get_absolute_url()).status_code == 404


def test_a_persona_bio_change_shows_at_once(client, published, django_capture_on_commit_callbacks):
    view(client, published)
    author = published.ai_author
    author.bio = "A rewritten persona biography."
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    assert "A rewritten persona biography." in view(client, published)


def test_an_editors_display_name_change_shows_at_once(
    client, published, django_capture_on_commit_callbacks
):
    editor = published.editors.first()
    view(client, published)
    editor.first_name, editor.last_name = "Zelda", "Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        editor.save()
    assert "Zelda Renamed" in view(client, published)


def test_a_login_does_not_clear_stored_pages(client, published):
    editor = published.editors.first()
    view(client, published)
    editor.save(update_fields=["last_login"])
    assert stored(published)


def test_a_new_reviewer_shows_at_once(client, published, django_capture_on_commit_callbacks):
    view(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        published.editors.add(make_user("newrev", "Newly", "Added"))
    assert "Newly Added" in view(client, published)


def test_a_source_title_change_shows_at_once(client, published, django_capture_on_commit_callbacks):
    original = make_source(title="The original report")
    copy = make_source(title="A syndicated copy", duplicate_of=original)
    with django_capture_on_commit_callbacks(execute=True):
        published.sources.add(original, copy)
    assert "The original report" in view(client, published)
    original.title = "The retitled report"
    with django_capture_on_commit_callbacks(execute=True):
        original.save()
    html = view(client, published)
    assert "The original report" not in html and html.count("The retitled report") == 2


def test_a_template_change_renders_again(client, published, monkeypatch):
    view(client, published)
    before = stored(published)["key"]
    monkeypatch.setattr(pages, "TEMPLATE_DIGEST", "changed-template")
    cache.clear()
    view(client, published)
    assert stored(published)["key"] != before


def test_a_section_rename_in_the_admin_shows_at_once(
    client, published, admin_client, django_capture_on_commit_callbacks
):
    view(client, published)
    section = published.section
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/articles/section/{section.pk}/change/",
            {"name": "Renamed Local", "slug": section.slug, "position": section.position},
        )
    assert view(client, published).count("Renamed Local") >= 2  # nav and section label


def test_the_related_block_follows_a_publish(
    client, published, staff, django_capture_on_commit_callbacks
):
    view(client, published)
    newer = make_article(section=published.section, status=Article.Status.EDITING)
    assert newer.headline not in view(client, published)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=newer.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        pages.published_changed(newer)
    assert newer.headline in view(client, published)
