"""The one HTML policy. Every piece of HTML that is stored or rendered passes through here."""

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
