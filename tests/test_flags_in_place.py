"""Flags in place: each flag anchored to its sentence or key-fact row, on the review page and
beside the body in the change form, and resolved inline, key-fact rows included."""

import pytest
from django.urls import reverse

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
