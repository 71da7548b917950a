from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("authors/ai/<slug:slug>/", views.ai_author, name="ai_author"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]
