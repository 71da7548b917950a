"""The app renders an engine draft to article-body HTML through the one sanitising policy."""

from __future__ import annotations

from html.parser import HTMLParser

from articles.draft_html import render_draft
from articles.drafting import Draft
from articles.drafting.offline import draft_offline
from newsroom.sanitize import ALLOWED_TAGS
from tests.engine.sources import load_sources


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_render_is_structured_and_sanitised() -> None:
    sources = load_sources()
    draft = draft_offline(sources)
    hostile = Draft.from_json(draft.to_json())
    hostile.sections[1].paragraphs[0].text += ' <script>alert(1)</script><img src=x onerror="x()">'
    hostile.key_facts[0].label = "<b onmouseover=alert(3)>Where</b>"
    html = render_draft(hostile, sources)
    parser = TagCollector()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert set(tags) <= ALLOWED_TAGS
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    assert "&lt;script&gt;" in html
    assert tags.count("h2") == len(draft.sections) - 1
    assert tags.count("table") == 1 and "caption" in tags and "ul" in tags
    assert '<sup class="cite"><a href="#source-1" title="Halvern Gazette: ' in html
    assert html.count('<p class="lead">') == 1
    assert tags.count("p") == sum(len(s.paragraphs) for s in draft.sections)
