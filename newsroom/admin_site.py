from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import throttle


class WrittenByServices:
    """Records the newsroom's services write (with their checks and audit entries): the
    admin shows them and never edits them behind those services' backs."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NewsroomAdminSite(admin.AdminSite):
    """The admin, with sign-in throttling."""

    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Newsroom"

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method != "POST":
            return super().login(request, extra_context)
        ip = request.META.get("REMOTE_ADDR", "")
        username = request.POST.get("username", "")
        if throttle.is_locked(ip, username):
            context = {
                **self.each_context(request),
                "title": "Log in",
                "throttled": True,
                "username": username,
            }
            return TemplateResponse(request, "admin/login_throttled.html", context, status=429)
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code == 302:
            throttle.reset(ip, username)
        else:
            throttle.record_failure(ip, username)
        return response


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
