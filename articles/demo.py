"""Demo data for a fresh install, built from the fixture files in fixtures/demo/ (all fictional)."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from sources.models import Source, Story
from sources.services import add_source

from . import editing
from .checking import check_now
from .models import AIAuthor, Article, Flag, Section

FIXTURES = Path(__file__).parent / "fixtures" / "demo"


@dataclass
class DemoSummary:
    password: str
    logins: list[tuple[str, str]] = field(default_factory=list)
    published: Article | None = None
    draft: Article | None = None


def read_source_file(path: Path) -> dict:
    """A fixture source: 'key: value' header lines, a blank line, then the text."""
    header, _, text = path.read_text().partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    fields["text"] = text.strip()
    if "published" in fields:
        fields["published_at"] = datetime.fromisoformat(fields.pop("published"))
    return fields


@transaction.atomic
def load_demo() -> DemoSummary:
    """Create the demo newsroom; running it again changes nothing."""
    spec = json.loads((FIXTURES / "demo.json").read_text())
    summary = DemoSummary(password=spec["password"])
    for item in spec["sections"]:
        Section.objects.update_or_create(slug=item["slug"], defaults=item)
    author_spec = spec["ai_author"]
    author, _ = AIAuthor.objects.update_or_create(slug=author_spec["slug"], defaults=author_spec)
    users = {u["username"]: _user(u, spec["password"], summary) for u in spec["users"]}

    story, _ = Story.objects.get_or_create(
        title=spec["story"]["title"],
        defaults={"summary": spec["story"]["summary"], "created_by": users["editor"]},
    )
    sources = []
    for name in spec["story"]["sources"]:
        fields = read_source_file(FIXTURES / name)
        result = add_source(origin=Source.Origin.PASTE, story=story, user=users["editor"], **fields)
        sources.append(result.source)

    summary.published = _article(spec["published"], story, sources, author, users["editor"])
    if summary.published.status != Article.Status.PUBLISHED:
        published = summary.published
        published.published_at = datetime.fromisoformat(spec["published"]["published_at"])
        published.save()
        check_now(published, backend="offline")
        if published.flags.filter(status=Flag.Status.OPEN).exists():
            raise RuntimeError("Demo data: the published article no longer passes its check.")
        published.refresh_from_db()
        published.editors.set([users[name] for name in spec["published"]["editors"]])
        published.status = Article.Status.PUBLISHED
        published.save()

    summary.draft = _article(spec["draft"], story, sources, author, users["editor"])
    if summary.draft.status == Article.Status.COLLECTING:
        draft = summary.draft
        draft.status = Article.Status.FACT_CHECKING
        draft.assignee = users["factchecker"]
        draft.save()
        check_now(draft, backend="offline")
    return summary


def _user(spec: dict, password: str, summary: DemoSummary):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": f"{spec['username']}@newsroom.example",
            "is_staff": True,
            "is_superuser": spec.get("superuser", False),
        },
    )
    if created:
        user.set_password(password)
        user.save()
    if spec.get("role"):
        user.groups.add(Group.objects.get(name=spec["role"]))
    summary.logins.append((spec["username"], spec.get("role") or "Superuser"))
    return user


def _article(spec: dict, story, sources, author, user) -> Article:
    existing = Article.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    return editing.create_article(
        user,
        headline=spec["headline"],
        slug=spec["slug"],
        dek=spec["dek"],
        body=(FIXTURES / spec["body_file"]).read_text(),
        section=Section.objects.get(slug=spec["section"]),
        story=story,
        ai_author=author,
        sources=sources,
    )
