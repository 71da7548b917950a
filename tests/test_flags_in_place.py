"""Flags in place: each flag anchored to its sentence or key-fact row, on the review page and
beside the body in the change form, and resolved inline, key-fact rows included."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import checking, editing
from articles.models import Claim, Flag

pytestmark = pytest.mark.django_db

CITE = '<sup class="cite"><a href="#source-1" title="Gazette: Bridge">[1]</a></sup>'
FACTS = (
    '<p>The bridge reopens in May. <sup class="cite">[2]</sup></p>'
    '<table class="key-facts"><caption>Key facts</caption>'
    '<thead><tr><th scope="col">Fact</th><th scope="col">Detail</th></tr></thead><tbody>'
    f'<tr><th scope="row">Cost</th><td>$4.2 million {CITE}</td></tr>'
    f'<tr><th scope="row">Contractor</th><td>Brightwater Civil {CITE}</td></tr>'
    "</tbody></table>"
)


def flag_on(article, excerpt: str, kind: str = "contradicted") -> Flag:
    text = checking.article_text(article)
    start = text.index(excerpt)
    claim = Claim.objects.create(
        article=article, text=excerpt, start=start, end=start + len(excerpt),
        text_hash="x", verdict=kind, reason="The sources say otherwise.",
    )  # fmt: skip
    return Flag.objects.create(
        article=article, claim=claim, kind=kind, excerpt=excerpt, reason=claim.reason
    )


@pytest.fixture
def facts_article(demo, staff):
    article = demo.draft
    return editing.save_article(
        article, staff["editor"], expected_version=article.version, body=FACTS
    )


def resolve(client, article, flag, **data):
    url = reverse("admin:articles_article_resolve", args=[article.pk, flag.pk])
    return client.post(url, data, follow=True)


@pytest.mark.parametrize("who", ["factchecker", "managing", "admin"])
def test_key_fact_row_value_can_be_edited_in_place(client, staff, facts_article, who):
    flag = flag_on(facts_article, "Cost: $4.2 million")
    client.force_login(staff[who])
    page = resolve(
        client, facts_article, flag, resolution="edited", replacement="Cost: $4.6 million"
    )
    assert "Flag resolved" in page.content.decode(), page.content.decode()[:3000]
    facts_article.refresh_from_db()
    assert f'<th scope="row">Cost</th><td>$4.6 million {CITE}</td>' in facts_article.body
    assert "Contractor" in facts_article.body and "4.2" not in facts_article.body
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED and flag.resolution == "edited"


def test_key_fact_row_edited_with_the_value_alone(client, staff, facts_article):
    flag = flag_on(facts_article, "Contractor: Brightwater Civil")
    client.force_login(staff["factchecker"])
    resolve(client, facts_article, flag, resolution="edited", replacement="Lakeside Works")
    facts_article.refresh_from_db()
    assert f'<th scope="row">Contractor</th><td>Lakeside Works {CITE}</td>' in facts_article.body


def test_key_fact_row_as_the_editor_saves_it_can_be_edited(client, staff, demo):
    """The rich-text editor wraps cell text in paragraphs and puts the header row in tbody."""
    article = editing.save_article(
        demo.draft, staff["editor"], expected_version=demo.draft.version,
        body='<table class="key-facts"><tbody><tr><th scope="col"><p>Fact</p></th>'
        '<th scope="col"><p>Detail</p></th></tr><tr><th scope="row"><p>Cost</p></th>'
        f"<td><p>$4.2 million {CITE}</p></td></tr></tbody></table>",
    )  # fmt: skip
    flag = flag_on(article, "Cost: $4.2 million")
    client.force_login(staff["factchecker"])
    resolve(client, article, flag, resolution="edited", replacement="Cost: $4.6 million")
    article.refresh_from_db()
    assert f"<td>$4.6 million {CITE}</td>" in article.body


def test_key_fact_row_can_be_removed(client, staff, facts_article):
    flag = flag_on(facts_article, "Cost: $4.2 million")
    client.force_login(staff["factchecker"])
    page = resolve(client, facts_article, flag, resolution="removed")
    assert "Flag resolved" in page.content.decode()
    facts_article.refresh_from_db()
    assert "Cost" not in facts_article.body and "4.2 million" not in facts_article.body
    assert f"<td>Brightwater Civil {CITE}</td>" in facts_article.body
    assert "<caption>Key facts</caption>" in facts_article.body


def test_sentence_with_a_citation_can_still_be_removed(client, staff, facts_article):
    flag = flag_on(facts_article, "The bridge reopens in May.")
    client.force_login(staff["factchecker"])
    resolve(client, facts_article, flag, resolution="removed")
    facts_article.refresh_from_db()
    assert "reopens in May" not in facts_article.body
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED


def article_flag(article, kind: str, message: str) -> Flag:
    return Flag.objects.create(
        article=article, kind=kind, excerpt=f"[{kind}] {message}", reason=message
    )


def test_review_page_links_each_flag_card_to_its_sentence_or_row(client, staff, facts_article):
    row = flag_on(facts_article, "Cost: $4.2 million")
    sentence = flag_on(facts_article, "The bridge reopens in May.", kind="unsupported")
    client.force_login(staff["factchecker"])
    page = client.get(reverse("admin:articles_article_review", args=[facts_article.pk]))
    html = page.content.decode()
    for flag in (row, sentence):
        assert f'href="#claim-{flag.claim_id}">Go to the sentence</a>' in html
        assert f'id="claim-{flag.claim_id}">{flag.excerpt}</mark>' in html
    assert "nr-flagged" in html


def test_article_level_flags_anchor_to_the_headline_and_the_date_sentence(client, staff, demo):
    from articles.factcheck.article import date_issues

    article = demo.draft
    sentence = "The bridge reopened on March 3, 2031."
    article = editing.save_article(
        article, staff["editor"], expected_version=article.version,
        body=f"<p>Buses detour. {sentence} Nothing else changed.</p>",
    )  # fmt: skip
    article.claims.all().delete()  # no claim holds them: each gets its own anchor
    text = checking.article_text(article)
    (issue,) = date_issues(text, timezone.now().date())
    dated = article_flag(article, issue.kind, issue.message)
    headline = article_flag(article, "headline", "The headline names Foo, which the body does not.")
    client.force_login(staff["factchecker"])
    html = client.get(reverse("admin:articles_article_review", args=[article.pk])).content.decode()
    assert f'href="#flag-text-{dated.pk}">Go to the sentence</a>' in html
    assert f'id="flag-text-{dated.pk}">{sentence}</mark>' in html
    assert f'href="#flag-text-{headline.pk}">Go to the sentence</a>' in html
    assert f'id="flag-text-{headline.pk}">{article.headline}</mark>' in html


@pytest.mark.parametrize("who", ["editor", "factchecker", "managing", "admin"])
def test_change_form_shows_open_flags_beside_a_preview_with_the_sentences_marked(
    client, staff, facts_article, who
):
    row = flag_on(facts_article, "Contractor: Brightwater Civil")
    done = flag_on(facts_article, "The bridge reopens in May.", kind="unsupported")
    checking.resolve_flag(done, staff["factchecker"], "accepted", note="The timetable says so.")
    client.force_login(staff[who])
    html = client.get(reverse("admin:articles_article_change", args=[facts_article.pk]))
    html = html.content.decode()
    assert "Open flags in the text" in html
    assert f'href="#claim-{row.claim_id}">Go to the sentence</a>' in html
    assert f'id="claim-{row.claim_id}">Contractor: Brightwater Civil</mark>' in html
    assert f"#flag-{row.pk}" in html
    # Only what an open flag points to is marked in the preview.
    assert f'id="claim-{done.claim_id}"' not in html
    assert "The bridge reopens in May." in html


def test_key_fact_row_resolved_from_the_change_form_returns_there(client, staff, facts_article):
    flag = flag_on(facts_article, "Cost: $4.2 million")
    change = reverse("admin:articles_article_change", args=[facts_article.pk])
    client.force_login(staff["editor"])
    assert "Resolve here" not in client.get(change).content.decode()  # editors do not resolve
    client.force_login(staff["factchecker"])
    html = client.get(change).content.decode()
    action = reverse("admin:articles_article_resolve", args=[facts_article.pk, flag.pk])
    assert f'action="{action}"' in html and 'name="return_to" value="change"' in html
    response = client.post(
        action, {"resolution": "edited", "replacement": "$4.6 million", "return_to": "change"}
    )
    assert response.status_code == 302 and response.url == change + "#nr-flags-in-place"
    facts_article.refresh_from_db()
    assert f"<td>$4.6 million {CITE}</td>" in facts_article.body
    assert f"#flag-{flag.pk}" not in client.get(change).content.decode()
