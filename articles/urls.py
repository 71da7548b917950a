"""Public URLs. Fixed prefixes come before the ``<section>/<slug>/`` article pattern."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, sitemaps, views
from .cache import cache_public

app_name = "public"

rss = cache_public(feeds.LatestArticlesFeed())
atom = cache_public(feeds.LatestArticlesAtom())

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cache_public(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap",
    ),
    path("news-sitemap.xml", cache_public(sitemaps.news_sitemap), name="news_sitemap"),
    path("feeds/rss.xml", rss, name="rss"),
    path("feeds/atom.xml", atom, name="atom"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("report/<int:pk>/", views.report_error, name="report_error"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("section/<slug:slug>/rss.xml", rss, name="section_rss"),
    path("section/<slug:slug>/atom.xml", atom, name="section_atom"),
    path("authors/ai/<slug:slug>/", views.ai_author, name="ai_author"),
    path("authors/<slug:handle>/", views.editor, name="editor"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]
