from django import template
from django.utils.safestring import SafeString, mark_safe

from newsroom.sanitize import clean_html

register = template.Library()


@register.filter
def sanitized(html: str) -> SafeString:
    """Render stored HTML through the one bleach policy (it was also cleaned on save)."""
    return mark_safe(clean_html(html))


@register.filter
def people(users) -> str:
    """'Ann Lee, Bo Chan and Cy Dee' from users, by full name or username."""
    names = [u.get_full_name() or u.get_username() for u in users]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
