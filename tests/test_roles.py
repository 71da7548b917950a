"""The role matrix: which group may do what."""

import pytest

from newsroom.roles import ROLE_PERMISSIONS, has_role

pytestmark = pytest.mark.django_db

MATRIX = {
    # permission: roles that hold it (superusers hold everything)
    "sources.add_source": {"editor", "managing"},
    "sources.change_story": {"editor", "managing"},
    "sources.add_feed": {"editor", "managing"},
    "sources.view_source": {"editor", "factchecker", "managing"},
    "articles.add_article": {"editor", "managing"},
    "articles.change_article": {"editor", "factchecker", "managing"},
    "articles.request_draft": {"editor", "managing"},
    "articles.run_factcheck": {"editor", "factchecker", "managing"},
    "articles.resolve_flag": {"factchecker", "managing"},
    "articles.approve_article": {"managing"},
    "articles.publish_article": {"managing"},
    "articles.add_public_correction": {"managing"},
    "articles.handle_report": {"moderator"},
    "articles.change_errorreport": {"moderator"},
    "articles.view_auditevent": {"managing", "moderator"},
    "articles.delete_article": set(),
    "articles.change_auditevent": set(),
    "articles.delete_auditevent": set(),
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_role_matrix(staff, perm):
    for name, user in staff.items():
        expected = name == "admin" or name in MATRIX[perm]
        assert user.has_perm(perm) is expected, f"{name} {'lacks' if expected else 'has'} {perm}"


def test_every_role_permission_exists(roles):
    for role, table in ROLE_PERMISSIONS.items():
        count = sum(len(codenames) for codenames in table.values())
        assert roles[role].permissions.count() == count


def test_has_role(staff):
    assert has_role(staff["editor"], ["Editor"])
    assert not has_role(staff["moderator"], ["Editor", "Managing editor"])
    assert has_role(staff["admin"], ["Moderator"])
    staff["editor"].is_active = False
    assert not has_role(staff["editor"], ["Editor"])


ADMIN_PAGES = {
    "/admin/sources/source/add/": {"editor", "managing", "admin"},
    "/admin/sources/source/": {"editor", "factchecker", "managing", "admin"},
    "/admin/articles/article/add/": {"editor", "managing", "admin"},
    "/admin/articles/flag/": {"editor", "factchecker", "managing", "admin"},
    "/admin/articles/errorreport/": {"moderator", "managing", "admin"},
    "/admin/articles/auditevent/": {"moderator", "managing", "admin"},
    "/admin/articles/section/add/": {"managing", "admin"},
    "/admin/sources/feeditem/": {"editor", "managing", "admin"},
    "/admin/sources/importjob/": {"editor", "managing", "admin"},
}


@pytest.mark.parametrize("url", sorted(ADMIN_PAGES))
def test_admin_pages_by_role(client, staff, url):
    for name, user in staff.items():
        client.force_login(user)
        status = client.get(url).status_code
        assert status == (200 if name in ADMIN_PAGES[url] else 403), (name, url, status)


def test_a_user_given_a_role_in_the_admin_can_sign_in(admin_client, client):
    """Walkthrough of 2026-12-05: a user given the Editor role without ticking "Staff status"
    could not sign in and was told the password was wrong."""
    from django.contrib.auth.models import Group, User

    from newsroom.roles import EDITOR

    user = User.objects.create_user("newhire", password="A-long-passw0rd!")
    group = Group.objects.get(name=EDITOR)
    data = {
        "username": "newhire", "first_name": "New", "last_name": "Hire", "email": "",
        "is_active": "on", "groups": [group.pk], "last_login_0": "", "last_login_1": "",
        "date_joined_0": "2026-12-05", "date_joined_1": "09:00:00",
    }  # fmt: skip
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert client.login(username="newhire", password="A-long-passw0rd!")
    assert client.get("/admin/").status_code == 200
