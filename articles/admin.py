from django.contrib import admin

from .models import (
    AIAuthor,
    Article,
    AuditEvent,
    Claim,
    Comment,
    Correction,
    ErrorReport,
    Flag,
    Revision,
    Run,
    Section,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(AIAuthor)
class AIAuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    list_filter = ("is_active",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "bio")


class FlagInline(admin.TabularInline):
    model = Flag
    fields = ("kind", "excerpt", "reason", "status", "resolution")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class RunInline(admin.TabularInline):
    model = Run
    fields = ("kind", "status", "backend", "model", "latency_ms", "error", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "section", "status", "ai_author", "assignee", "updated_at")
    list_filter = ("status", "section", "ai_author", "is_ai_generated")
    search_fields = ("headline", "dek", "body", "slug")
    list_select_related = ("section", "ai_author", "assignee")
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("story", "sources", "editors", "assignee")
    readonly_fields = (
        "status", "version", "checked_hash", "published_at", "content_updated_at",
        "created_by", "created_at", "updated_at",
    )  # fmt: skip
    inlines = [FlagInline, RunInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("article", "number", "reason", "created_by", "created_at")
    list_filter = ("reason",)
    search_fields = ("article__headline", "note")
    list_select_related = ("article", "created_by")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = (
        "__str__", "article", "kind", "status", "backend", "model", "latency_ms", "created_at",
    )  # fmt: skip
    list_filter = ("kind", "status", "backend")
    search_fields = ("article__headline", "error", "model")
    list_select_related = ("article",)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article", "verdict", "difference", "checked_at")
    list_filter = ("verdict", "difference")
    search_fields = ("text", "reason", "article__headline")
    list_select_related = ("article",)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article", "kind", "status", "resolution", "resolved_by")
    list_filter = ("status", "kind", "resolution")
    search_fields = ("excerpt", "reason", "article__headline")
    list_select_related = ("article", "resolved_by")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("article", "kind", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("note", "article__headline")
    list_select_related = ("article", "created_by")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article", "author", "created_at")
    search_fields = ("text", "article__headline")
    list_select_related = ("article", "author")


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ("article", "status", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("message", "article__headline")
    list_select_related = ("article", "decided_by")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_repr", "action", "target_repr", "from_state", "to_state")
    list_filter = ("action", ("created_at", admin.DateFieldListFilter))
    search_fields = ("actor_repr", "target_repr", "reason")
    list_select_related = ("article",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
