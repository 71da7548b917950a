"""Creating and saving articles: sanitised text, a revision per save, no lost updates."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from newsroom.sanitize import clean_html

from . import audit
from .models import Article, Revision

TEXT_FIELDS = ("headline", "dek", "body")


class EditConflict(Exception):
    """Someone else saved the article since this editor loaded it."""

    def __init__(self, article: Article, attempted: dict[str, str]):
        self.current = article
        self.attempted = attempted
        super().__init__(
            f"“{article.headline}” was changed by someone else (now version {article.version}). "
            "Your text was kept: compare both versions and save again."
        )


def unique_slug(headline: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(headline)[:180] or "article"
    slug, n = base, 1
    taken = Article.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _snapshot(article: Article, user, reason: str, note: str = "") -> Revision:
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        article=article,
        number=last + 1,
        headline=article.headline,
        dek=article.dek,
        body=article.body,
        reason=reason,
        note=note[:500],
        created_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def create_article(user, *, reason: str = Revision.Reason.CREATED, **fields) -> Article:
    """Create an article with its first revision. ``body`` is sanitised."""
    fields["body"] = clean_html(fields.get("body", ""))
    sources = fields.pop("sources", None)
    editors = fields.pop("editors", None)
    if not fields.get("slug"):
        fields["slug"] = unique_slug(fields["headline"])
    if "ai_author" in fields and fields["ai_author"] and not fields.get("disclaimer"):
        fields["disclaimer"] = fields["ai_author"].disclaimer
    article = Article.objects.create(created_by=user if _real(user) else None, **fields)
    if sources is not None:
        article.sources.set(sources)
    if editors is not None:
        article.editors.set(editors)
    _snapshot(article, user, reason)
    audit.record(user, "article.created", article=article, to_state=article.status)
    return article


def save_text(
    article: Article,
    user,
    *,
    expected_version: int,
    reason: str = Revision.Reason.EDIT,
    note: str = "",
    **changes: str,
) -> Article:
    """Save new text for ``article`` if nobody saved it since ``expected_version``.

    The version check and the bump are one conditional UPDATE, so two editors saving at once
    cannot both win: the second gets EditConflict carrying the current article and their text.
    """
    unknown = set(changes) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not text fields: {sorted(unknown)}")
    if "body" in changes:
        changes["body"] = clean_html(changes["body"])
    with transaction.atomic():
        updated = Article.objects.filter(pk=article.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **changes
        )
        if not updated:
            current = Article.objects.get(pk=article.pk)
            raise EditConflict(current, changes)
        article.refresh_from_db()
        _snapshot(article, user, reason, note)
        audit.record(user, "article.edited", article=article, reason=note, data={"why": reason})
    return article


def _real(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)
