from django.contrib import admin
from django.urls import include, path

from articles.admin_views import my_queue
from newsroom import rq_dashboard

urlpatterns = [
    path("admin/rq/", include((rq_dashboard.urlpatterns(), "django_rq"))),
    path("admin/queue/", admin.site.admin_view(lambda r: my_queue(r, admin.site)), name="my_queue"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
