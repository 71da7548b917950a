"""Creating and saving articles: sanitised text, a revision per save, no lost updates."""

from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import capfirst, slugify

from newsroom.sanitize import clean_html, cleaned_digest

from . import audit, pages, provenance
from .exceptions import TransitionRefused
from .models import Article, Revision

TEXT_FIELDS = ("headline", "dek", "body")
EDITABLE_FIELDS = (
    *TEXT_FIELDS, "slug", "section", "story", "ai_author", "is_ai_generated", "disclaimer",
    "assignee",
)  # fmt: skip
# What readers of a published article were shown of its provenance and where: changed only by
# reopening it, which sends it through review again.
PUBLISHED_FIXED = ("slug", "section", "story", "ai_author", "is_ai_generated", "disclaimer")


class EditConflict(Exception):
    """Someone else saved the article since this editor loaded it."""

    def __init__(self, article: Article, attempted: dict[str, str]):
        self.current = article
        self.attempted = attempted
        super().__init__(
            f"“{article.headline}” was changed by someone else (now version {article.version}). "
            "Your text was kept: compare both versions and save again."
        )


def check_lengths(model: type[models.Model], **values) -> None:
    """Refuse text longer than ``model``'s field allows; the model's ``max_length`` is the one
    limit (the admin's forms enforce it too). TextFields included, which the database does not
    check."""
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length
        if limit and isinstance(value, str) and len(value) > limit:
            label = capfirst(model._meta.get_field(name).verbose_name)
            raise TransitionRefused(
                f"{label} is too long: {len(value):,} characters, at most {limit:,}."
            )


def fit(model: type[models.Model], name: str, value: str) -> str:
    """``value`` cut to the length of ``model``'s field (for machine-written text)."""
    return value[: model._meta.get_field(name).max_length]


def unique_slug(headline: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(headline)[:180] or "article"
    slug, n = base, 1
    taken = Article.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def clean_body(html: str) -> dict[str, str]:
    """The stored form of an article body: cleaned once, on write, under the one policy, and
    sealed so that the public page shows it without cleaning it again. Every write of
    ``Article.body`` goes through here."""
    body = clean_html(html)
    return {"body": body, "body_digest": cleaned_digest(body)}


def _snapshot(article: Article, user, reason: str, note: str = "") -> Revision:
    return add_revision(
        article, user, reason=reason, note=note,
        headline=article.headline, dek=article.dek, body=article.body,
    )  # fmt: skip


@transaction.atomic
def create_article(user, *, sources=None, **fields) -> Article:
    """Create an article with its first revision. ``body`` is sanitised."""
    check_lengths(Article, **fields)
    article = Article(**fields)
    prepare_new(article, user)
    article.save()
    if sources is not None:
        article.sources.set(sources)
    record_creation(article, user)
    return article


def prepare_new(article: Article, user) -> None:
    """Fill what a new article derives: sanitised body, slug, creator, persona disclaimer."""
    for field, value in clean_body(article.body).items():
        setattr(article, field, value)
    article.slug = article.slug or unique_slug(article.headline)
    if article.created_by_id is None and _real(user):
        article.created_by = user
    if article.ai_author_id and not article.disclaimer:
        article.disclaimer = article.ai_author.disclaimer


def record_creation(article: Article, user) -> None:
    """The first revision and the audit entry of a newly saved article."""
    _snapshot(article, user, Revision.Reason.CREATED)
    audit.record(user, "article.created", article=article, to_state=article.status)


def save_article(
    article: Article,
    user,
    *,
    expected_version: int,
    reason: str = Revision.Reason.EDIT,
    note: str = "",
    **changes,
) -> Article:
    """Save changes to ``article`` if nobody saved it since ``expected_version``.

    The version check and the bump are one conditional UPDATE, so two editors saving at once
    cannot both win: the second gets EditConflict carrying the current article and their text.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    asked = [n for n in PUBLISHED_FIXED if n in changes]
    if asked and article.status == Article.Status.PUBLISHED:
        saved = Article.objects.filter(pk=article.pk).values(*map(_attname, asked)).first() or {}
        fixed = [
            n for n in asked if saved.get(_attname(n)) != getattr(changes[n], "pk", changes[n])
        ]
        if fixed:
            raise TransitionRefused(
                f"The article is published: its {', '.join(fixed)} change only once it is "
                "reopened and reviewed again."
            )
    check_lengths(Article, **changes)
    stored = dict(changes)
    if "body" in changes:
        stored.update(clean_body(changes["body"]))
        changes["body"] = stored["body"]
    with transaction.atomic():
        updated = Article.objects.filter(pk=article.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **stored
        )
        if not updated:
            current = Article.objects.get(pk=article.pk)
            raise EditConflict(current, changes)
        article.refresh_from_db()
        if set(changes) & set(TEXT_FIELDS):
            _snapshot(article, user, reason, note)
            provenance.update_disclosure(article)
        if article.status == Article.Status.PUBLISHED:
            pages.published_changed(article)
        audit.record(
            user, "article.edited", article=article, reason=note,
            data={"why": reason, "fields": sorted(changes)},
        )  # fmt: skip
    return article


def _attname(name: str) -> str:
    """The attribute holding a field's stored value: "section" -> "section_id"."""
    field = Article._meta.get_field(name)
    return field.attname if field.is_relation else name


def add_revision(article: Article, user, *, reason: str, note: str, **text) -> Revision:
    """Store text as the next revision. Used for every save, and alone for text that must be
    kept without becoming current (a new AI draft over an editor's changes): restoring it later
    makes it current."""
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        article=article,
        number=last + 1,
        headline=text["headline"],
        dek=text.get("dek", ""),
        body=clean_html(text.get("body", "")),
        reason=reason,
        note=note[:500],
        created_by=user if _real(user) else None,
    )


def restore_revision(revision: Revision, user, *, expected_version: int) -> Article:
    """Make an earlier revision's text current again, as a new revision."""
    return save_article(
        revision.article,
        user,
        expected_version=expected_version,
        reason=Revision.Reason.RESTORE,
        note=f"Restored revision {revision.number}",
        headline=revision.headline,
        dek=revision.dek,
        body=revision.body,
    )


def _real(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)
