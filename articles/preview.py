"""Signed, expiring preview links, so an editor can share an article that is not public yet.

The token is a ``TimestampSigner`` signature (salt ``article-preview``) over the article's pk and
its ``version``: it opens exactly the text that was shared. Once the article is saved again
(its version moves on) or ``NEWSROOM_PREVIEW_MAX_AGE`` seconds (48 h) pass, the link is a 404,
as is any token that was tampered with.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Article
from .seo import absolute_url

SALT = "article-preview"
DEFAULT_MAX_AGE = 48 * 60 * 60


class PreviewInvalid(Exception):
    """The token is tampered, expired, or no longer matches the article."""


def max_age() -> int:
    return int(getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_preview_token(article: Article) -> str:
    return _signer().sign_object({"a": article.pk, "v": article.version})


def make_preview_url(article: Article) -> str:
    """The absolute preview URL for ``article`` as it stands now (for the admin to share)."""
    return absolute_url(reverse("public:preview", args=[make_preview_token(article)]))


def read_preview_token(token: str, *, max_age_seconds: int | None = None) -> tuple[int, int]:
    """``(article pk, version)`` from a valid token; raises PreviewInvalid otherwise."""
    limit = max_age() if max_age_seconds is None else max_age_seconds
    try:
        data = _signer().unsign_object(token, max_age=limit)
        return int(data["a"]), int(data["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PreviewInvalid(str(exc)) from exc
