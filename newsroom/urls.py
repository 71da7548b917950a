from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from articles.admin_views import my_queue
from newsroom import rq_dashboard


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and crawlers ask for /favicon.ico whatever the pages link: the site's icon."""
    response = HttpResponseRedirect(static("favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/rq/", include((rq_dashboard.urlpatterns(), "django_rq"))),
    path("admin/queue/", admin.site.admin_view(lambda r: my_queue(r, admin.site)), name="my_queue"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
