from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve

from articles.admin_views import my_queue
from newsroom import rq_dashboard


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files (persona avatars) when no web server sits in front: ``make run``. Behind
    nginx, ``location /media/`` serves them first (README)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and crawlers ask for /favicon.ico whatever the pages link: the site's icon."""
    response = HttpResponseRedirect(static("favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("favicon.ico", favicon),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
    path("admin/rq/", include((rq_dashboard.urlpatterns(), "django_rq"))),
    path("admin/queue/", admin.site.admin_view(lambda r: my_queue(r, admin.site)), name="my_queue"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
