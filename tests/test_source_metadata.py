"""Source metadata as imported: clean titles, the outlet's own name, plausible authors."""

import pytest

from sources.extract import extract
from sources.importing import import_url
from sources.services import add_source
from sources.text import clean_line
from tests import fixture_server

fixture_http_server = fixture_server.fixture_http_server
pytestmark = pytest.mark.django_db


@pytest.fixture
def private_ok(settings):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True


def test_import_keeps_clean_title_site_name_and_real_author(private_ok, fixture_http_server):
    source = import_url(fixture_http_server.url("/pages/article_messy_meta.html")).source
    assert source.title == "Lakemont council approves 40 new homes, November 30"
    assert source.outlet == "Valley Gazette"
    assert source.author == "Dana Whitfield"  # the JSON-LD author, not "Town; Office"


def test_outlet_from_the_json_ld_publisher_and_no_junk_author(private_ok, fixture_http_server):
    source = import_url(fixture_http_server.url("/pages/article_publisher_only.html")).source
    assert source.outlet == "Valley Gazette"
    assert source.author == ""
    assert "127.0.0.1" not in source.outlet


def test_a_page_without_a_site_name_has_no_outlet_rather_than_its_host(fixture_http_server):
    page = fixture_server.PAGES_DIR.joinpath("article_publisher_only.html").read_text()
    bare = page.replace(
        '"publisher": {"@type": "NewsMediaOrganization", "name": "Valley Gazette"}', '"x": 1'
    )
    result = extract(bare, "https://www.valley-gazette.example/local/homes")
    assert result.outlet == "" and result.author == ""


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("homes , November 30", "homes, November 30"),
        ("  Bridge  ( repair )  approved .", "Bridge (repair) approved."),
        ("Paris : la mairie vote", "Paris : la mairie vote"),  # French spacing is kept
    ],
)
def test_clean_line(typed, clean):
    assert clean_line(typed) == clean


def test_pasted_titles_are_cleaned_too():
    source = add_source(title="Council approves homes , Nov 30", text="Text " * 50).source
    assert source.title == "Council approves homes, Nov 30"
