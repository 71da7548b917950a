from django.contrib import admin

from .models import Feed, Source, Story


class SourceInline(admin.TabularInline):
    model = Source
    fk_name = "story"
    fields = ("title", "outlet", "published_at", "duplicate_of")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "source_count", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary")
    date_hierarchy = "created_at"
    inlines = [SourceInline]
    readonly_fields = ("created_by", "created_at", "updated_at")

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_sources=Count("sources"))

    @admin.display(description="Sources", ordering="n_sources")
    def source_count(self, obj: Story) -> int:
        return obj.n_sources


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published_at", "story", "origin", "duplicate_of")
    list_filter = ("origin", "outlet", "story", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title", "text", "outlet", "author", "url", "canonical_url")
    list_select_related = ("story", "duplicate_of")
    date_hierarchy = "published_at"
    autocomplete_fields = ("story", "suggested_story", "duplicate_of")
    readonly_fields = (
        "content_hash", "fetched_at", "feed", "feed_entry_id", "added_by", "created_at",
        "suggestion_score",
    )  # fmt: skip


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = (
        "__str__", "outlet", "is_active", "poll_interval", "last_success_at", "error_count",
    )  # fmt: skip
    list_filter = ("is_active", "outlet")
    search_fields = ("url", "title", "outlet")
    readonly_fields = (
        "etag", "last_modified", "last_polled_at", "last_success_at", "last_error",
        "error_count", "created_at",
    )  # fmt: skip
