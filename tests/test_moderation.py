"""Comments, corrections, reader reports, notifications, the queue page and the audit export."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles import moderation, workflow
from articles.exceptions import TransitionRefused
from articles.models import Article, AuditEvent, Comment, ErrorReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def test_threaded_comments_notify_assignee(staff, demo):
    article = demo.draft
    article.assignee = staff["factchecker"]
    article.save()
    first = moderation.add_comment(article, staff["editor"], "Is the detour time confirmed?")
    reply = moderation.add_comment(article, staff["factchecker"], "Yes, two sources.", parent=first)
    assert reply.parent == first
    assert [m.to for m in mail.outbox] == [[staff["factchecker"].email], [staff["editor"].email]]
    with pytest.raises(TransitionRefused):
        moderation.add_comment(article, staff["editor"], "   ")


def test_assign_notifies(staff, demo):
    moderation.assign(demo.draft, staff["managing"], staff["editor"], note="Please tighten")
    demo.draft.refresh_from_db()
    assert demo.draft.assignee == staff["editor"]
    assert "Assigned to you" in mail.outbox[0].subject


def test_send_back_notifies_creator(staff, demo, django_capture_on_commit_callbacks):
    article = demo.draft
    article.status = Article.Status.AWAITING_APPROVAL
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(article, staff["managing"], "send_back", comment="Source the cost.")
    assert any("Source the cost." in m.body for m in mail.outbox)


def test_correction_updates_time_and_rechecks(staff, demo, django_capture_on_commit_callbacks):
    article = demo.published
    with django_capture_on_commit_callbacks(execute=True):
        correction = moderation.add_correction(
            article, staff["managing"], "An earlier version misstated the detour.",
            changes={"dek": "The bridge closes to all traffic from February 2."},
        )  # fmt: skip
    article.refresh_from_db()
    assert article.content_updated_at is not None
    assert article.dek == "The bridge closes to all traffic from February 2."
    assert article.revisions.filter(reason="correction").exists()
    assert article.runs.filter(kind="factcheck").exists()
    page = demo.published.get_absolute_url()
    assert correction.note in Client().get(page).content.decode()


def test_only_managing_editors_correct(staff, demo):
    for role in ("editor", "factchecker", "moderator"):
        with pytest.raises(TransitionRefused):
            moderation.add_correction(demo.published, staff[role], "x")
    with pytest.raises(TransitionRefused, match="published"):
        moderation.add_correction(demo.draft, staff["managing"], "x")


def test_report_form_limits_and_triage(client, staff, demo, settings):
    url = reverse("public:report_error", args=[demo.published.pk])
    assert client.get(url).status_code == 200
    too_long = client.post(url, {"message": "x" * 2001})
    assert too_long.status_code == 200 and not ErrorReport.objects.exists()
    honeypot = client.post(url, {"message": "Spam", "website": "http://spam.example"})
    assert honeypot.status_code in (200, 302) and not ErrorReport.objects.exists()
    for n in range(moderation.REPORTS_PER_HOUR):
        assert client.post(url, {"message": f"Date wrong {n}"}).status_code == 302
    limited = client.post(url, {"message": "One more"})
    assert "Too many reports" in limited.content.decode()
    assert ErrorReport.objects.count() == moderation.REPORTS_PER_HOUR
    draft_url = reverse("public:report_error", args=[demo.draft.pk])
    assert client.get(draft_url).status_code == 404

    report = ErrorReport.objects.first()
    with pytest.raises(TransitionRefused):
        moderation.triage_report(report, staff["editor"], "dismissed", "no")
    with pytest.raises(TransitionRefused, match="reason"):
        moderation.triage_report(report, staff["moderator"], "accepted", "")
    moderation.triage_report(report, staff["moderator"], "accepted", "The date is wrong.")
    assert Comment.objects.filter(article=demo.published, text__contains="Date wrong").exists()
    demo.published.refresh_from_db()
    assert demo.published.assignee == staff["managing"]
    assert AuditEvent.objects.filter(action="report.accepted").exists()


def test_my_queue_counts_by_role(client, staff, demo):
    ErrorReport.objects.create(article=demo.published, message="Wrong date")
    client.force_login(staff["moderator"])
    page = client.get(reverse("my_queue")).content.decode()
    assert "New reader reports" in page and "(1)" in page
    client.force_login(staff["factchecker"])
    page = client.get(reverse("my_queue")).content.decode()
    assert "flags to resolve" in page and demo.draft.headline in page


def test_audit_log_is_read_only_and_exports_csv(admin_client, demo):
    response = admin_client.get(
        reverse("admin:articles_auditevent_export") + "?action=article.created"
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("created_at,actor_repr,action")
    assert all(",article.created," in line for line in lines[1:]) and len(lines) >= 3
    event = AuditEvent.objects.first()
    change = admin_client.post(
        reverse("admin:articles_auditevent_change", args=[event.pk]), {"reason": "tampered"}
    )
    assert change.status_code == 403
    event.refresh_from_db()
    assert event.reason != "tampered"


def test_report_triage_through_admin(client, staff, demo):
    report = ErrorReport.objects.create(article=demo.published, message="Cost is wrong")
    client.force_login(staff["moderator"])
    page = client.get(reverse("admin:articles_errorreport_change", args=[report.pk]))
    assert "Triage" in page.content.decode()
    client.post(
        reverse("admin:articles_errorreport_triage", args=[report.pk]),
        {"decision": "dismissed", "reason": "The cost matches all three sources."},
    )
    report.refresh_from_db()
    assert report.status == "dismissed" and report.decided_by == staff["moderator"]


def test_assigning_in_the_admin_notifies(client, staff, demo):
    from tests.test_admin_articles import change_url, form_data

    client.force_login(staff["managing"])
    article = demo.draft
    response = client.post(change_url(article), form_data(article, assignee=staff["editor"].pk))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[staff["editor"].email]]


def test_correction_from_the_article_page_settles_the_report_it_answers(
    staff, demo, django_capture_on_commit_callbacks
):
    article = demo.published
    accepted = moderation.submit_report(article, message="The cost is wrong.", ip="10.0.0.2")
    moderation.triage_report(accepted, staff["moderator"], "accepted", "It is $4.2 million.")
    new = moderation.submit_report(article, message="Typo in the dek.", ip="10.0.0.3")
    client = Client()
    client.force_login(staff["managing"])
    url = reverse("admin:articles_article_correct", args=[article.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{accepted.pk}"' in page and f'<option value="{new.pk}"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"report": accepted.pk, "kind": "correction", "note": "The cost is $4.2 million.",
             "headline": article.headline, "dek": article.dek, "body": article.body,
             "version": article.version},
        )  # fmt: skip
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.correction == article.corrections.get()
    assert AuditEvent.objects.filter(action="report.settled", target_id=accepted.pk).exists()
    assert f'<option value="{accepted.pk}"' not in client.get(url).content.decode()


def test_only_accepted_unsettled_reports_of_the_article_can_be_settled(staff, demo):
    article = demo.published
    new = moderation.submit_report(article, message="Not triaged yet.", ip="10.0.0.4")
    with pytest.raises(TransitionRefused, match="not an accepted, unsettled report"):
        moderation.add_correction(article, staff["managing"], "Fixed.", report=new)
    client = Client()
    client.force_login(staff["managing"])
    response = client.post(
        reverse("admin:articles_article_correct", args=[article.pk]),
        {"report": new.pk, "kind": "correction", "note": "Fixed.", "version": article.version},
    )
    assert response.status_code == 200 and "not an accepted, unsettled report" in (
        response.content.decode()
    )
    assert not article.corrections.exists()
