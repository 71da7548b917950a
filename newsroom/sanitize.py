"""The one HTML policy. Every piece of HTML that is stored or rendered passes through here."""

import hashlib

import bleach

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "em", "figcaption",
        "figure", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "q", "s", "section", "small",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "blockquote": ["cite"],
    "q": ["cite"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
    "section": ["class"],
    "table": ["class"],
    "p": ["class"],
    "sup": ["class"],
    "ul": ["class"],
}

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# A fingerprint of the policy itself: HTML stored with it was cleaned under this policy, so
# change the policy and nothing cleaned under the old one is trusted (or served from a cache).
POLICY = hashlib.sha256(
    repr(
        (
            sorted(ALLOWED_TAGS),
            sorted((tag, sorted(attrs)) for tag, attrs in ALLOWED_ATTRIBUTES.items()),
            sorted(ALLOWED_PROTOCOLS),
            bleach.__version__,  # a bleach upgrade (say, a security fix) re-cleans everything
        )
    ).encode()
).hexdigest()[:16]

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """Return ``html`` reduced to the allowed tags, attributes and URL schemes."""
    return _cleaner.clean(html or "")


def cleaned_digest(cleaned: str) -> str:
    """A seal for HTML that ``clean_html`` returned under this policy: store it beside the HTML,
    and the HTML can be shown later without cleaning it again while the two still match (a
    change to the HTML made around the seal, or to the policy, breaks it)."""
    return hashlib.sha256(f"{POLICY}\x1f{cleaned}".encode()).hexdigest()[:32]
