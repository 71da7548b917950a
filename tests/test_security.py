"""Production posture: security headers, CSP, login throttling, generic failure messages."""

import pytest

pytestmark = pytest.mark.django_db


def test_security_headers_on_public_and_admin(client, demo):
    for url in ("/", demo.published.get_absolute_url(), "/admin/login/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_login_is_throttled_after_repeated_failures(client, staff):
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post("/admin/login/", {"username": "editor", "password": "pw-for-tests"})
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_resets_the_counter(client, staff):
    for _ in range(3):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    ok = client.post("/admin/login/", {"username": "editor", "password": "pw-for-tests"})
    assert ok.status_code == 302


def test_failed_login_message_leaks_nothing(client, staff):
    unknown = client.post("/admin/login/", {"username": "nobody", "password": "x"}).content
    wrong = client.post("/admin/login/", {"username": "editor", "password": "x"}).content
    for html in (unknown.decode(), wrong.decode()):
        assert "Please enter the correct username and password" in html
        assert "does not exist" not in html and "editor@" not in html
