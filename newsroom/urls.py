from django.contrib import admin
from django.urls import include, path

from articles.admin_views import my_queue

urlpatterns = [
    path("admin/rq/", include("django_rq.urls")),
    path("admin/queue/", admin.site.admin_view(lambda r: my_queue(r, admin.site)), name="my_queue"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
