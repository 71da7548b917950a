"""Signed preview links: what they show, and that tampered, stale or expired links are 404s."""

import time

import pytest
from django.core import signing

from articles import preview
from articles.models import Article
from articles.preview import make_preview_token, make_preview_url, read_preview_token
from tests.public_data import check_markup

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def signed_at(monkeypatch, article: Article, seconds_ago: float) -> str:
    """A token made ``seconds_ago`` (the signer's clock is moved back, then restored)."""
    real = time.time()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: real - seconds_ago)
        return make_preview_token(article)


def test_preview_shows_a_draft_with_a_banner_and_noindex(client, demo):
    draft = demo.draft
    url = make_preview_url(draft)
    assert url.startswith("http://127.0.0.1:8000/preview/") and url.endswith("/")
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(path_of(url))
    assert response.status_code == 200
    html = response.content.decode()
    check_markup(html)
    assert "Preview — not published." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert draft.headline in html and "Written by" in html and "Not published yet" in html
    # Nothing that would let the draft be indexed or shared as public.
    assert 'rel="canonical"' not in html and "application/ld+json" not in html
    assert 'property="og:' not in html


def test_preview_link_is_tied_to_the_version_shared(client, demo):
    url = path_of(make_preview_url(demo.draft))
    assert client.get(url).status_code == 200
    Article.objects.filter(pk=demo.draft.pk).update(version=demo.draft.version + 1)
    assert client.get(url).status_code == 404


def test_preview_is_never_cached(client, demo):
    url = path_of(make_preview_url(demo.draft))
    assert "First headline" not in client.get(url).content.decode()
    Article.objects.filter(pk=demo.draft.pk).update(headline="First headline")
    assert "First headline" in client.get(url).content.decode()


def test_tampered_tokens_are_404(client, demo):
    token = make_preview_token(demo.draft)
    value, _, signature = token.rpartition(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    forged_payload = signing.TimestampSigner(salt="another-salt").sign_object(
        {"a": demo.published.pk, "v": demo.published.version}
    )
    wrong_key = signing.TimestampSigner(key="not-the-secret", salt=preview.SALT).sign_object(
        {"a": demo.draft.pk, "v": demo.draft.version}
    )
    for bad in (f"{value}:{flipped}", forged_payload, wrong_key, "garbage", token + "x"):
        assert client.get(f"/preview/{bad}/").status_code == 404, bad
    assert client.get(f"/preview/{token}/").status_code == 200


def test_expired_token_is_404(client, demo, settings, monkeypatch):
    fresh = signed_at(monkeypatch, demo.draft, seconds_ago=47 * 3600)
    stale = signed_at(monkeypatch, demo.draft, seconds_ago=49 * 3600)
    assert client.get(f"/preview/{fresh}/").status_code == 200
    assert client.get(f"/preview/{stale}/").status_code == 404
    settings.NEWSROOM_PREVIEW_MAX_AGE = 3600
    assert client.get(f"/preview/{fresh}/").status_code == 404


def test_token_carries_pk_and_version(demo):
    token = make_preview_token(demo.draft)
    assert read_preview_token(token) == (demo.draft.pk, demo.draft.version)
    with pytest.raises(preview.PreviewInvalid):
        read_preview_token(token, max_age_seconds=-1)


def test_preview_of_a_missing_article_is_404(client, demo):
    token = make_preview_token(demo.draft)
    demo.draft.delete()
    assert client.get(f"/preview/{token}/").status_code == 404
