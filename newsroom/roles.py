"""The newsroom's roles: Django groups and the permissions each one holds.

This table is the single source of truth; a data migration applies it and ``sync_roles``
re-applies it after permissions change. Workflow transitions check these permissions.
"""

from collections.abc import Iterable

EDITOR = "Editor"
FACT_CHECKER = "Fact-checker"
MANAGING_EDITOR = "Managing editor"
MODERATOR = "Moderator"

ROLES = (EDITOR, FACT_CHECKER, MANAGING_EDITOR, MODERATOR)

_EDITOR = {
    "sources": ["add_source", "change_source", "view_source", "delete_source",
                "add_story", "change_story", "view_story",
                "add_feed", "change_feed", "view_feed", "view_feeditem", "view_importjob"],
    "articles": ["add_article", "change_article", "view_article", "request_draft", "run_factcheck",
                 "view_revision", "view_run", "view_aicall", "view_claim", "view_flag",
                 "add_comment", "view_comment", "view_section", "view_aiauthor"],
}  # fmt: skip

_FACT_CHECKER = {
    "sources": ["view_source", "view_story", "view_feed"],
    "articles": ["view_article", "change_article", "run_factcheck", "view_revision", "view_run",
                 "view_aicall", "view_claim", "view_flag", "resolve_flag",
                 "add_comment", "view_comment", "view_section", "view_aiauthor"],
}  # fmt: skip

_MANAGING_EDITOR_EXTRA = {
    "articles": ["approve_article", "publish_article", "add_public_correction",
                 "view_correction", "view_auditevent", "add_section", "change_section",
                 "add_aiauthor", "change_aiauthor", "view_errorreport"],
}  # fmt: skip

_MODERATOR = {
    "articles": ["view_article", "view_errorreport", "change_errorreport", "handle_report",
                 "view_correction", "view_auditevent", "add_comment", "view_comment"],
}  # fmt: skip


def _merge(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for table in tables:
        for app, codenames in table.items():
            merged.setdefault(app, [])
            merged[app] += [c for c in codenames if c not in merged[app]]
    return merged


ROLE_PERMISSIONS: dict[str, dict[str, list[str]]] = {
    EDITOR: _EDITOR,
    FACT_CHECKER: _FACT_CHECKER,
    MANAGING_EDITOR: _merge(_EDITOR, _FACT_CHECKER, _MANAGING_EDITOR_EXTRA),
    MODERATOR: _MODERATOR,
}


def apply_roles(group_model, permission_model, *, strict: bool = True) -> None:
    """Create the groups and give each exactly the permissions in ROLE_PERMISSIONS.

    Migrations pass ``strict=False``: a permission whose model a later migration creates is
    skipped then, and granted by the migration that re-applies the roles after it.
    """
    for role, table in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for app_label, codenames in table.items():
            found = permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(found.values_list("codename", flat=True))
            if missing and strict:
                raise LookupError(f"Role {role}: unknown permissions {sorted(missing)}")
            wanted.extend(found)
        group.permissions.set(wanted)


def has_role(user, roles: Iterable[str]) -> bool:
    """True for superusers and members of any of ``roles``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=list(roles)).exists()


def admit_role_holder(user) -> bool:
    """Give a user who holds a newsroom role the admin's staff status, without which the
    sign-in page refuses them with "enter the correct username and password" as if the
    password were wrong. Returns whether anything changed."""
    if user.is_staff or not user.groups.filter(name__in=ROLES).exists():
        return False
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return True
