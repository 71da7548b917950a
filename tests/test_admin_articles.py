"""The article admin: workflow actions, conflicts, review, flag resolution and revisions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import editing
from articles.models import Article, AuditEvent, Claim, Flag

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **overrides):
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id,
        "story": article.story_id or "",
        "sources": [s.pk for s in article.sources.all()],
        "ai_author": article.ai_author_id or "",
        "is_ai_generated": "on" if article.is_ai_generated else "",
        "disclaimer": article.disclaimer,
        "assignee": article.assignee_id or "",
        "version": article.version,
        "flags-TOTAL_FORMS": 0,
        "flags-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_change_page_shows_workflow_panel(client, staff, demo):
    client.force_login(staff["factchecker"])
    page = client.get(change_url(demo.draft)).content.decode()
    assert "Workflow:" in page and "Fact-checking" in page
    assert "Send for approval" in page
    assert "open fact-check flag" in page


def test_edit_saves_revision(client, staff, demo):
    client.force_login(staff["editor"])
    article = demo.draft
    response = client.post(change_url(article), form_data(article, body="<p>Edited body.</p>"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.body == "<p>Edited body.</p>"
    assert article.revisions.filter(reason="edit", created_by=staff["editor"]).exists()


def test_two_editors_saving_at_once_second_sees_conflict_and_keeps_text(client, staff, demo):
    article = demo.draft
    stale = form_data(article, body="<p>Second editor's careful rewrite.</p>")
    editing.save_article(
        article, staff["managing"], expected_version=article.version, body="<p>First.</p>"
    )
    client.force_login(staff["editor"])
    response = client.post(change_url(article), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Second editor&#x27;s careful rewrite." in html
    assert "&lt;p&gt;First.&lt;/p&gt;" in html
    article.refresh_from_db()
    assert article.body == "<p>First.</p>"
    again = form_data(article, body="<p>Second editor's careful rewrite.</p>")
    assert client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert "careful rewrite" in article.body


def test_action_requires_post(client, staff, demo):
    client.force_login(staff["managing"])
    url = reverse("admin:articles_article_act", args=[demo.draft.pk])
    assert client.get(url).status_code == 405


def test_forbidden_action_is_refused_with_message(client, staff, demo):
    client.force_login(staff["editor"])
    url = reverse("admin:articles_article_act", args=[demo.draft.pk])
    response = client.post(url, {"action": "submit_for_approval"}, follow=True)
    assert "may not" in response.content.decode()
    demo.draft.refresh_from_db()
    assert demo.draft.status == Article.Status.FACT_CHECKING


@pytest.mark.parametrize("when", ["2026-13-45T10:00", "2026-02-30T25:61", "tomorrow"])
def test_an_impossible_publication_time_is_refused_with_a_message(client, staff, demo, when):
    """Walkthrough of 2026-12-05: "2026-13-45T10:00" raised ValueError (HTTP 500) in
    parse_datetime before any permission check."""
    client.force_login(staff["managing"])
    url = reverse("admin:articles_article_act", args=[demo.draft.pk])
    response = client.post(url, {"action": "schedule", "when": when}, follow=True)
    assert response.status_code == 200
    assert "not a date and time" in response.content.decode()


def test_csrf_is_enforced_on_actions(staff, demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["managing"])
    url = reverse("admin:articles_article_act", args=[demo.draft.pk])
    assert client.post(url, {"action": "send_back", "comment": "x"}).status_code == 403


def test_resolve_flag_from_review_page(client, staff, demo):
    flag = demo.draft.flags.get()
    client.force_login(staff["factchecker"])
    review = client.get(reverse("admin:articles_article_review", args=[demo.draft.pk]))
    assert review.status_code == 200 and flag.excerpt in review.content.decode()
    url = reverse("admin:articles_article_resolve", args=[demo.draft.pk, flag.pk])
    missing_note = client.post(url, {"resolution": "confirmed"}, follow=True)
    assert "a note is required" in missing_note.content.decode()
    client.post(url, {"resolution": "removed"})
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED and flag.resolved_by == staff["factchecker"]
    demo.draft.refresh_from_db()
    assert "traffic chaos" not in demo.draft.body
    assert AuditEvent.objects.filter(action="flag.resolved", actor=staff["factchecker"]).exists()


def test_editor_cannot_resolve_flags(client, staff, demo):
    flag = demo.draft.flags.get()
    client.force_login(staff["editor"])
    url = reverse("admin:articles_article_resolve", args=[demo.draft.pk, flag.pk])
    client.post(url, {"resolution": "accepted", "note": "fine"})
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_revisions_diff_and_restore(client, staff, demo):
    article = demo.draft
    editing.save_article(article, staff["editor"], expected_version=article.version, headline="New")
    client.force_login(staff["editor"])
    page = client.get(reverse("admin:articles_article_revisions", args=[article.pk]) + "?a=1&b=2")
    assert page.status_code == 200 and "Revision 1" in page.content.decode()
    article.refresh_from_db()
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]),
        {"version": article.version},
    )
    article.refresh_from_db()
    assert article.headline == "Route 6 buses to detour while Old Mill Bridge is closed"
    assert article.revisions.filter(reason="restore").exists()


def test_run_status_json(client, staff, demo):
    client.force_login(staff["editor"])
    data = client.get(reverse("admin:articles_article_runs", args=[demo.draft.pk])).json()
    assert data["status"] == "Fact-checking" and data["active"] is False
    assert [(r["kind"], r["status"], r["backend"]) for r in data["runs"]] == [
        ("Fact-check", "done", "offline")
    ]


def test_publish_through_admin(client, staff, demo):
    article = demo.draft
    article.flags.update(status="resolved", resolution="accepted", resolved_at=timezone.now())
    article.status = Article.Status.AWAITING_APPROVAL
    article.checked_hash = article.text_hash()
    article.save()
    client.force_login(staff["managing"])
    url = reverse("admin:articles_article_act", args=[article.pk])
    client.post(url, {"action": "publish"})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200


def test_view_on_site_is_a_preview_link_until_published(client, staff, demo):
    from django.contrib import admin as django_admin

    from articles.admin import ArticleAdmin

    model_admin = ArticleAdmin(Article, django_admin.site)
    preview = model_admin.view_on_site(demo.draft)
    assert "/preview/" in preview
    path = preview.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200 and "not published" in response.content.decode().lower()
    assert model_admin.view_on_site(demo.published) == demo.published.get_absolute_url()


@pytest.mark.parametrize("who", ["editor", "managing", "admin"])
def test_add_form_submitted_as_rendered_creates_the_article(client, staff, demo, who):
    """Articles → Add → headline and section → Save, with the hidden version posted empty as
    the page renders it (it answered HTTP 500 with a NOT NULL error)."""
    client.force_login(staff[who])
    add = reverse("admin:articles_article_add")
    page = client.get(add).content.decode()
    assert 'name="version"' in page
    data = form_data(demo.draft, headline=f"Fresh story by {who}", slug="", version="")
    data.update({"story": "", "sources": [], "ai_author": "", "assignee": ""})

    response = client.post(add, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(headline=f"Fresh story by {who}")
    assert article.version >= 1
    assert article.revisions.count() == 1


def test_review_page_lists_open_flags_by_tier(client, staff, demo):
    article = demo.draft
    Flag.objects.create(
        article=article, kind="needs_review", excerpt="Low priority one.", reason="Unaligned."
    )
    Flag.objects.create(
        article=article, kind="sources_disagree", excerpt="Conflict one.", reason="1,200 or 1,250."
    )
    Flag.objects.create(
        article=article, kind="contradicted", excerpt="Wrong one.", reason="The sources say 3."
    )
    client.force_login(staff["factchecker"])
    page = client.get(reverse("admin:articles_article_review", args=[article.pk])).content.decode()
    order = [page.index(text) for text in ("Wrong one.", "Conflict one.", "Low priority one.")]
    assert order == sorted(order)
    assert "Sources disagree" in page and "Needs review" in page


def test_flag_counters_cover_every_kind_with_human_labels(client, staff, demo):
    article = demo.draft
    Flag.objects.create(
        article=article, kind="future_date", excerpt="[future_date] Tuesday is reported as past.",
        reason="Tuesday is reported as past.",
    )  # fmt: skip
    Flag.objects.create(
        article=article, kind="source_conflict", excerpt="[source_conflict] Two figures.",
        reason="The sources disagree.",
    )  # fmt: skip
    client.force_login(staff["factchecker"])
    pages = [
        reverse("admin:articles_article_review", args=[article.pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_flag_changelist"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "[future_date]" not in html and "[source_conflict]" not in html, url
        assert "Date after publication" in html and "Source conflict" in html, url
    review = client.get(pages[0]).content.decode()
    for flag in article.flags.all():
        assert f"{flag.kind_label}: 1 open of 1" in review
    assert "Tuesday is reported as past." in review
    filtered = client.get(pages[2], {"kind": "future_date"}).content.decode()
    assert "Date after publication" in filtered and "Two figures" not in filtered


def test_review_numbers_evidence_sources_from_one(client, staff, demo):
    article = demo.draft
    claim = Claim.objects.create(
        article=article, text="The bridge closes.", start=0, end=18, text_hash="x",
        verdict="contradicted", reason="A source disagrees.",
        evidence=[{"source": 0, "source_id": None, "title": "Bridge", "outlet": "Courier",
                   "url": "", "quote": "The bridge stays open.", "start": 0, "end": 22}],
    )  # fmt: skip
    Flag.objects.create(
        article=article, claim=claim, kind="contradicted", excerpt=claim.text, reason="Disagrees."
    )
    client.force_login(staff["factchecker"])
    html = client.get(reverse("admin:articles_article_review", args=[article.pk])).content.decode()
    assert "Evidence from source [1] Courier: Bridge" in html and "source [0]" not in html


def test_flag_evidence_url_must_be_http(client, staff, demo):
    flag = demo.draft.flags.get()
    client.force_login(staff["factchecker"])
    url = reverse("admin:articles_article_resolve", args=[demo.draft.pk, flag.pk])
    for bad in ("javascript:alert(document.domain)", "data:text/html,<b>x</b>", "not a url"):
        page = client.post(url, {"resolution": "confirmed", "note": "n", "evidence_url": bad},
                           follow=True).content.decode()  # fmt: skip
        assert "must be an http or https address" in page
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN
    client.post(url, {"resolution": "confirmed", "note": "n", "evidence_url": "https://e.example/"})
    flag.refresh_from_db()
    assert flag.evidence_url == "https://e.example/"


def test_resolving_in_place_answers_json_and_keeps_the_page(client, staff, demo):
    flag = demo.draft.flags.get()
    client.force_login(staff["factchecker"])
    url = reverse("admin:articles_article_resolve", args=[demo.draft.pk, flag.pk])
    missing = client.post(url, {"resolution": "confirmed"}, HTTP_X_REQUESTED_WITH="fetch")
    assert missing.json()["ok"] is False and "note is required" in missing.json()["message"]
    done = client.post(
        url, {"resolution": "confirmed", "note": "Checked."}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert done.json() == {"ok": True, "message": "Flag resolved.", "open": 0}
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED


@pytest.mark.parametrize("role", ["editor", "managing"])
def test_a_published_articles_authorship_and_section_change_only_by_reopening(
    client, staff, demo, role
):
    """Walkthrough of 2026-12-05: an editor unticked "Is AI generated", cleared the disclaimer,
    swapped the AI persona and moved the section of a published article, and the public page
    changed at once (the old address gave 404)."""
    from articles.models import AIAuthor, Section

    article = demo.published
    before = (article.is_ai_generated, article.disclaimer, article.ai_author_id, article.section_id)
    other = AIAuthor.objects.exclude(pk=article.ai_author_id).first() or AIAuthor.objects.create(
        name="Other persona", slug="other-persona", bio="Another.", disclaimer="AI wrote this."
    )
    section = Section.objects.exclude(pk=article.section_id).first()
    client.force_login(staff[role])
    data = form_data(
        article, is_ai_generated="", disclaimer="", ai_author=other.pk, section=section.pk
    )
    client.post(change_url(article), data)
    article.refresh_from_db()
    after = (article.is_ai_generated, article.disclaimer, article.ai_author_id, article.section_id)
    assert after == before
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_edit_service_refuses_to_change_a_published_articles_provenance(staff, demo):
    from articles import editing
    from articles.exceptions import TransitionRefused

    article = demo.published
    with pytest.raises(TransitionRefused, match="reopened"):
        editing.save_article(
            article, staff["managing"], expected_version=article.version, disclaimer=""
        )
    editing.save_article(  # the same values are no change
        article, staff["managing"], expected_version=article.version,
        disclaimer=article.disclaimer, section=article.section,
    )  # fmt: skip


def test_saving_over_a_conflict_keeps_the_other_editors_section_unless_chosen(client, staff, demo):
    """Walkthrough of 2026-12-05: editor A moved the section, editor B (who loaded the article
    before) changed the headline, got the conflict page and saved over it: the section went
    back with no warning, carried in hidden inputs with B's stale value."""
    from articles.models import Section
    from tests.html_forms import as_post, as_rendered, post_forms

    article = demo.draft
    stale = form_data(article, headline="B's better headline")
    moved = Section.objects.exclude(pk=article.section_id).first()
    editing.save_article(
        article, staff["managing"], expected_version=article.version, section=moved
    )
    client.force_login(staff["editor"])
    response = client.post(change_url(article), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert moved.name in html  # the difference is shown
    form = as_rendered(client, post_forms(html)[0], change_url(article))
    assert client.post(form.action, as_post(form.data)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "B's better headline" and article.section_id == moved.pk


@pytest.mark.parametrize("model", ["run", "revision"])
def test_runs_and_revisions_are_written_only_by_the_services(admin_client, model):
    """Walkthrough of 2026-12-05: a hand-added "Running" draft run blocked every draft request
    of its article until it was deleted."""
    assert admin_client.get(f"/admin/articles/{model}/add/").status_code == 403
    assert admin_client.get(f"/admin/articles/{model}/").status_code == 200
