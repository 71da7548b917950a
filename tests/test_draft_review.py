"""A regenerated AI draft over an editor's text: reviewed change by change, never overwriting
what the editor did not choose to replace; and the provenance and disclosure of the words."""

from importlib import import_module

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import draft_review, editing, generation, provenance
from articles.drafting import Draft
from articles.drafting.types import KeyFact, Paragraph
from articles.drafting.types import Section as DraftSection
from articles.models import Article, AuditEvent, Revision, Section
from newsroom.sanitize import clean_html

pytestmark = pytest.mark.django_db

P1 = "The Lakemont town council voted seven to two on Tuesday to repair the Old Mill Bridge."
P2 = "Construction is set to start on February 2 and should end by the close of September."
P3 = "Buses on route 6 will detour over the Fenwick Street crossing while the bridge is shut."
E1 = "Lakemont will fix its oldest bridge, the council decided late on Tuesday night."
E3 = "Riders of route 6 face an eight-minute detour, the transit office told us by phone."
P1_NEW = "The Lakemont town council voted seven to two on Tuesday to fund the Old Mill Bridge."
B1, B2, B3 = "Cost: $4.2 million.", "Vote: seven to two.", "Contractor: Brightwater Civil."


def make_draft(headline, paragraphs, bullets, cost):
    return Draft(
        headline=headline,
        dek="The council approved the repair.",
        sections=[
            DraftSection(
                heading="",
                paragraphs=[Paragraph(text=p) for p in paragraphs],
                bullets=[Paragraph(text=b) for b in bullets],
            )
        ],
        key_facts=[KeyFact(label="Cost", value=cost)],
    )


@pytest.fixture
def article(demo, staff):
    """An AI-drafted article the editor rewrote two paragraphs of, with a new draft waiting."""
    article = editing.create_article(
        staff["editor"], section=Section.objects.get(slug="local"), headline="Working headline"
    )
    first = make_draft("Bridge repair approved", [P1, P2, P3], [B1, B2], "$4.2 million")
    assert generation.apply_draft(article, first, [], [], user=staff["editor"])
    article.refresh_from_db()
    body = article.body.replace(P1, E1).replace(P3, E3)
    editing.save_article(article, staff["editor"], expected_version=article.version, body=body)
    second = make_draft("Council funds bridge", [P1_NEW, P2, P3], [B1, B2, B3], "$4.5 million")
    assert not generation.apply_draft(article, second, [], [], user=None)
    article.refresh_from_db()
    assert article.pending_draft is not None and E1 in article.body
    return article


def url(article):
    return reverse("admin:articles_article_draft_review", args=[article.pk])


def key_for(article, text):
    review = draft_review.review(article)
    return next(c.key for c in review.changes if text in c.old or text in c.new)


def post(client, article, decision, accept=(), version=None):
    return client.post(
        url(article),
        {
            "decision": decision,
            "accept": list(accept),
            "version": article.version if version is None else version,
            "draft": article.pending_draft.number,
        },
    )


def test_change_page_says_a_draft_is_waiting(client, staff, article):
    client.force_login(staff["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"A new AI draft is waiting" in page and url(article).encode() in page


def test_review_page_shows_rendered_paragraphs_side_by_side(client, staff, article):
    client.force_login(staff["editor"])
    response = client.get(url(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lakemont <s>will fix its oldest bridge, the</s> council" in page
    assert "<u>to fund the Old Mill Bridge</u>" in page and "<u>funds</u>" in page
    assert "unchanged paragraph" in page and P2 in page
    assert "&lt;p" not in page and "&lt;li" not in page  # rendered text, not HTML source
    review = draft_review.review(article)
    olds = [c.old for c in review.changes]
    assert olds == ["Bridge repair approved", E1, E3, "", "Cost $4.2 million"]


def test_accepting_one_paragraph_keeps_the_editors_other_paragraphs(client, staff, article):
    client.force_login(staff["editor"])
    response = post(client, article, "selected", [key_for(article, E1)])
    assert response.status_code == 302
    article.refresh_from_db()
    assert P1_NEW in article.body and E3 in article.body and E1 not in article.body
    assert B3 not in article.body and "$4.2 million" in article.body
    assert article.headline == "Bridge repair approved" and article.pending_draft is None
    assert article.body == clean_html(article.body)
    merge = article.revisions.order_by("-number").first()
    assert merge.reason == Revision.Reason.AI_MERGE and merge.created_by == staff["editor"]
    assert "Accepted 1 of 5 changes" in merge.note


def test_an_added_bullet_lands_in_its_list(client, staff, article):
    client.force_login(staff["editor"])
    post(client, article, "selected", [key_for(article, B3), key_for(article, "$4.5")])
    article.refresh_from_db()
    bullets = article.body[article.body.index("<ul") : article.body.index("</ul>")]
    assert B1 in bullets and B3 in bullets and bullets.index(B1) < bullets.index(B3)
    assert "$4.5 million" in article.body and E1 in article.body and E3 in article.body


def test_accept_all_takes_the_whole_draft(client, staff, article):
    client.force_login(staff["editor"])
    draft = article.pending_draft
    assert post(client, article, "all").status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == (draft.headline, draft.body)
    assert article.pending_draft is None


def test_discard_all_keeps_the_text_and_clears_the_draft(client, staff, article):
    client.force_login(staff["editor"])
    before = (article.body, article.version)
    assert post(client, article, "none").status_code == 302
    article.refresh_from_db()
    assert (article.body, article.version) == before and article.pending_draft is None
    assert AuditEvent.objects.filter(article=article, action="article.draft_discarded").exists()


def test_stale_version_changes_nothing_and_shows_the_review_again(client, staff, article):
    client.force_login(staff["editor"])
    stale = article.version
    theirs = article.body.replace(E3, "A colleague's late fix.")
    editing.save_article(article, staff["managing"], expected_version=stale, body=theirs)
    response = post(client, article, "all", version=stale)
    assert response.status_code == 409
    assert "Someone saved the article" in response.content.decode()
    article.refresh_from_db()
    assert article.body == clean_html(theirs) and article.pending_draft is not None
    assert "colleague" in response.content.decode()


def test_a_role_that_cannot_edit_is_refused(client, staff, article):
    client.force_login(staff["moderator"])
    assert client.get(url(article)).status_code == 403
    assert post(client, article, "all").status_code == 403
    article.refresh_from_db()
    assert article.pending_draft is not None and E1 in article.body


def test_provenance_marks_ai_and_human_words(client, staff, article):
    found = provenance.provenance(article)
    marked = ["".join(t for ai, t in block if ai) for block in found.blocks]
    assert P2 in marked[0] + marked[1] + marked[2]
    human = ["".join(t for ai, t in block if not ai) for block in found.blocks]
    assert E1 in "".join(human) and E3 in "".join(human)
    assert found.level == Article.Disclosure.AI_REVIEWED == article.disclosure
    client.force_login(staff["editor"])
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"Show what AI wrote" in page and b'<mark class="nr-ai">' in page


def test_mostly_human_text_is_disclosed_as_human_written(staff, article):
    rewritten = "".join(
        f"<p>The editor wrote sentence number {n} of this report entirely by hand.</p>"
        for n in range(12)
    )
    editing.save_article(article, staff["editor"], expected_version=article.version,
                         body=rewritten)  # fmt: skip
    article.refresh_from_db()
    assert article.disclosure == Article.Disclosure.HUMAN_ASSISTED
    assert provenance.provenance(article).ai_percent < 50


def merge(current, new, accept_texts):
    """The body after accepting the changes whose old or new text contains one of
    ``accept_texts``."""
    article = Article(headline="H", body=current, pending_draft=Revision(number=9, headline="H",
                                                                          body=new))  # fmt: skip
    review = draft_review.review(article)
    keys = {c.key for c in review.changes for t in accept_texts if t in c.old + c.new}
    return draft_review.merged(review, keys).get("body", current)


def test_merge_removes_adds_and_keeps_blocks_in_place():
    current = "<h2>Plan</h2><p>Mine one.</p><p>Gone soon.</p><ul><li>Item A</li></ul>"
    new = "<h2>Plan</h2><p>Draft one.</p><ul><li>Item A</li><li>Item B</li></ul><p>After.</p>"
    assert merge(current, new, ["Gone soon"]) == (
        "<h2>Plan</h2><p>Mine one.</p><ul><li>Item A</li></ul>"
    )
    assert merge(current, new, ["Mine one"]) == (
        "<h2>Plan</h2><p>Draft one.</p><p>Gone soon.</p><ul><li>Item A</li></ul>"
    )
    added = merge(current, new, ["Item B", "After."])
    assert added == (
        "<h2>Plan</h2><p>Mine one.</p><p>Gone soon.</p><ul><li>Item A</li><li>Item B</li></ul>"
        "<p>After.</p>"
    )
    assert merge(current, new, []) == current


def test_a_block_added_before_a_list_goes_outside_it():
    current = "<ul><li>Item A</li></ul>"
    new = "<p>New lead.</p><ul><li>Item A</li></ul>"
    assert merge(current, new, ["New lead"]) == "<p>New lead.</p><ul><li>Item A</li></ul>"


def test_hostile_draft_text_is_shown_as_text(client, staff, article):
    hostile = '<p>&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror="alert(2)"></p>'
    editing.add_revision(article, None, reason=Revision.Reason.REGENERATE, note="",
                         headline="<b>H</b>", body=article.body + hostile)  # fmt: skip
    draft = article.revisions.order_by("-number").first()
    Article.objects.filter(pk=article.pk).update(pending_draft=draft)
    client.force_login(staff["editor"])
    page = client.get(url(article)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "onerror" not in page and "&lt;b&gt;H&lt;/b&gt;" in page


def test_the_migration_derives_existing_articles_levels(staff, article):
    from django.apps import apps

    migration = import_module("articles.migrations.0010_draft_review_disclosure")
    human = editing.create_article(staff["editor"], section=article.section, headline="Typed")
    editing.save_article(
        human,
        None,
        expected_version=human.version,
        reason=Revision.Reason.DRAFT,
        body="<p>The AI drafted this.</p>",
    )
    editing.save_article(
        human,
        staff["editor"],
        expected_version=human.version,
        body="<p>The reporter typed every word of this on the scene.</p>",
    )
    imported = editing.create_article(
        staff["editor"],
        section=article.section,
        headline="Imported",
        body="<p>No draft on record.</p>",
    )
    Article.objects.update(disclosure=Article.Disclosure.HUMAN_ASSISTED)
    Article.objects.filter(pk=human.pk).update(disclosure=Article.Disclosure.AI_REVIEWED)
    migration.derive_disclosure(apps, None)
    levels = dict(Article.objects.values_list("pk", "disclosure"))
    assert levels[article.pk] == Article.Disclosure.AI_REVIEWED  # the editor kept most AI words
    assert levels[human.pk] == Article.Disclosure.HUMAN_ASSISTED
    assert levels[imported.pk] == Article.Disclosure.AI_REVIEWED  # nothing contradicts the flag


def test_published_text_is_not_merged_and_a_superseded_draft_is_refused(client, staff, article):
    client.force_login(staff["editor"])
    before = article.body
    response = client.post(url(article), {"decision": "all", "version": article.version,
                                          "draft": article.pending_draft.number - 1})  # fmt: skip
    assert response.status_code == 302
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    response = post(client, article, "all")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "This AI draft is no longer waiting for review.",
        "Published text changes only through a correction.",
    ]
    article.refresh_from_db()
    assert article.body == before and article.pending_draft is not None


def test_an_editors_paragraph_is_paired_only_with_a_draft_paragraph_like_it():
    """Walkthrough of 2026-12-05: the editor's own sentence "The rescue boat reached the ferry
    at 7:05 p.m." sat beside an unrelated draft paragraph, paired by position, and accepting
    that pair replaced it; a draft paragraph could not be added without replacing one."""
    current = (
        "<p>The ferry ran aground on Wednesday evening with 46 passengers aboard.</p>"
        "<p>The rescue boat reached the ferry at 7:05 p.m.</p>"
    )
    new = (
        "<p>The ferry ran aground on Wednesday evening with 46 passengers and four crew aboard.</p>"
        "<p>The harbour authority said the channel would be dredged in the spring.</p>"
    )
    article = Article(headline="H", body=current, pending_draft=Revision(number=9, headline="H",
                                                                          body=new))  # fmt: skip
    changes = draft_review.review(article).changes
    pairs = {(c.old[:20], c.new[:20]) for c in changes}
    assert ("The ferry ran agroun", "The ferry ran agroun") in pairs  # a rewrite of one paragraph
    assert ("The rescue boat reac", "") in pairs  # the draft has nothing like the editor's own
    assert ("", "The harbour authorit") in pairs  # added, not put in its place
    assert merge(current, new, ["dredged"]) == current + (
        "<p>The harbour authority said the channel would be dredged in the spring.</p>"
    )
