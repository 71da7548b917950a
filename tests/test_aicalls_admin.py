"""The AI call log in the admin: the panel on each article, the changelist and CSV export,
opened as each role."""

import csv
import io
from decimal import Decimal

import pytest

from articles.models import AICall, Run

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(demo):
    article = demo.published
    run = Run.objects.create(article=article, kind=Run.Kind.DRAFT, status=Run.Status.DONE)
    common = {"run": run, "article": article, "purpose": "draft", "model": "gpt-4o-mini",
              "prompt_version": "draft-v1", "mode": "json_schema"}  # fmt: skip
    failed = AICall.objects.create(
        **common, attempt=1, status="malformed_json", error="the answer holds no JSON object",
        latency_ms=900, raw_output="=HYPERLINK(\"x\") no json", input_tokens=None,
    )  # fmt: skip
    good = AICall.objects.create(
        **common, attempt=2, status="ok", input_tokens=1200, output_tokens=800,
        cost_usd=Decimal("0.000660"), latency_ms=4200,
    )  # fmt: skip
    return article, failed, good


@pytest.mark.parametrize("role", ["editor", "factchecker", "managing"])
def test_article_page_shows_its_ai_calls(client, staff, calls, role):
    article = calls[0]
    client.force_login(staff[role])

    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    assert "AI calls" in page
    assert "malformed_json" in page and "0.000660" in page and "4200" in page


@pytest.mark.parametrize("role", ["editor", "factchecker", "managing"])
def test_changelist_filters_and_csv_export(client, staff, calls, role):
    _, failed, good = calls
    client.force_login(staff[role])

    listing = client.get("/admin/articles/aicall/", {"status": "ok"})
    assert listing.status_code == 200
    assert list(listing.context["cl"].queryset) == [good]

    export = client.post(
        "/admin/articles/aicall/",
        {"action": "export_csv", "_selected_action": [failed.pk, good.pk]},
    )
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [r["status"] for r in rows] == ["malformed_json", "ok"]
    assert rows[0]["input_tokens"] == "" and rows[1]["cost_usd"] == "0.000660"
    assert "raw_output" not in rows[0]

    detail = client.get(f"/admin/articles/aicall/{failed.pk}/change/")
    assert detail.status_code == 200 and b"HYPERLINK" in detail.content
    assert b'name="_save"' not in detail.content


def test_moderators_do_not_see_ai_calls(client, staff, calls):
    client.force_login(staff["moderator"])
    assert client.get("/admin/articles/aicall/").status_code == 403
