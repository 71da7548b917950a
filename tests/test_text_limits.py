"""Every text field a person types has a length limit, enforced by the forms and the services;
the revisions diff stays fast and bounded on any text (a 72,000-character one-line field)."""

import time

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from articles import moderation
from articles.models import Article, Comment, ErrorReport, Flag, Revision
from sources.models import Story

pytestmark = pytest.mark.django_db

HUGE = "word " * 14_399 + "words"  # 72,000 characters on one line
assert len(HUGE) == 72_000
# Text the newsroom's services and jobs write, never typed into a form as such.
MACHINE_WRITTEN = {
    "articles.article.checked_hash", "articles.run.error", "articles.claim.text",
    "articles.claim.reason", "articles.flag.excerpt", "articles.flag.reason",
    "articles.auditevent.reason", "sources.feed.last_error", "sources.feeditem.entry_id",
    "sources.feeditem.error", "sources.importjob.message", "sources.importjob.error",
    "articles.aicall.error", "articles.aicall.request_preview",
    "articles.aicall.response_preview", "articles.aicall.raw_output",
}  # fmt: skip


def test_every_typed_text_field_has_a_max_length():
    unlimited = [
        f"{model._meta.label_lower}.{field.name}"
        for app in ("articles", "sources")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField) and not field.max_length
    ]
    assert sorted(set(unlimited) - MACHINE_WRITTEN) == []


def test_revisions_diff_of_a_72000_character_headline(client, staff, demo, capsys):
    article = demo.draft
    first = article.revisions.order_by("number").first()
    Revision.objects.create(
        article=article,
        number=first.number + 1,
        headline=HUGE[: Revision._meta.get_field("headline").max_length],  # a column limit
        dek=HUGE,
        body=f"<p>{HUGE}</p>",
        reason=Revision.Reason.EDIT,
    )  # fmt: skip  (stored directly, as data from before the limits would be)
    client.force_login(staff["editor"])
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    started = time.monotonic()
    page = client.get(url, {"a": first.number, "b": first.number + 1})
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nrevisions diff, two 72,000-character fields: {elapsed:.2f}s")
    assert page.status_code == 200 and elapsed < 10
    html = page.content.decode()
    assert '<table class="nr-diff">' in html and "<u>" in html and "<s>" in html


def test_word_level_diff_marks_only_the_changed_words(client, staff, demo):
    article = demo.draft
    last = article.revisions.order_by("-number").first()
    Revision.objects.create(
        article=article,
        number=last.number + 1,
        headline="Route 7 buses <b>detour</b>",
        dek=last.dek,
        body=last.body,
    )
    client.force_login(staff["editor"])
    page = client.get(
        reverse("admin:articles_article_revisions", args=[article.pk]),
        {"a": last.number, "b": last.number + 1},
    ).content.decode()
    assert "<u>7</u>" in page and "&lt;b&gt;" in page and "<b>detour" not in page


def test_admin_form_refuses_a_72000_character_headline_and_dek(client, staff, demo):
    article = demo.draft
    client.force_login(staff["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url).context["adminform"].form
    data = {
        **{k: v for k, v in form.initial.items() if isinstance(v, str | int)},
        "headline": HUGE, "dek": HUGE, "section": article.section_id, "version": article.version,
        "flags-TOTAL_FORMS": 0, "flags-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters" in response.content.decode()
    assert "at most 1000 characters" in response.content.decode()
    article.refresh_from_db()
    assert len(article.headline) < 300


def test_services_refuse_what_the_forms_would(client, staff, demo):
    published, draft = demo.published, demo.draft
    client.force_login(staff["managing"])
    response = client.post(
        reverse("admin:articles_article_correct", args=[published.pk]),
        {"kind": "correction", "note": "Fixed.", "headline": HUGE, "dek": published.dek,
         "body": published.body, "version": published.version},
        follow=True,
    )  # fmt: skip
    assert "Headline is too long: 72,000 characters, at most 300." in response.content.decode()
    assert not published.corrections.exists()
    response = client.post(
        reverse("admin:articles_article_comment", args=[draft.pk]), {"text": HUGE}, follow=True
    )
    assert "Text is too long" in response.content.decode() and not Comment.objects.filter(text=HUGE)
    flag = draft.flags.get()
    client.force_login(staff["factchecker"])
    response = client.post(
        reverse("admin:articles_article_resolve", args=[draft.pk, flag.pk]),
        {"resolution": "confirmed", "note": HUGE},
        follow=True,
    )
    assert "Resolution note is too long" in response.content.decode()
    assert Flag.objects.get(pk=flag.pk).status == Flag.Status.OPEN
    report = moderation.submit_report(published, message="Wrong date.", ip="10.0.0.9")
    client.force_login(staff["moderator"])
    response = client.post(
        reverse("admin:articles_errorreport_triage", args=[report.pk]),
        {"decision": "dismissed", "reason": HUGE},
        follow=True,
    )
    assert "Decision note is too long" in response.content.decode()
    assert ErrorReport.objects.get(pk=report.pk).status == ErrorReport.Status.NEW


def test_send_back_comment_is_limited(client, staff, demo):
    client.force_login(staff["factchecker"])
    response = client.post(
        reverse("admin:articles_article_act", args=[demo.draft.pk]),
        {"action": "send_back", "comment": HUGE},
        follow=True,
    )
    assert "The comment is too long" in response.content.decode()
    assert Article.objects.get(pk=demo.draft.pk).status == demo.draft.status


def test_story_summary_form_limit(client, staff):
    story = Story.objects.create(title="Bridge")
    client.force_login(staff["editor"])
    response = client.post(
        reverse("admin:sources_story_change", args=[story.pk]),
        {"title": "Bridge", "summary": HUGE, "status": "open"},
    )
    assert response.status_code == 200 and "at most 5000 characters" in response.content.decode()
