"""The language-model call log in the admin: a read-only panel on each article, a changelist
with filters, and CSV export. Rows are written by ``articles.runs.call_recorder`` only."""

from django.contrib import admin

from newsroom.admin_site import WrittenByServices

from .audit import csv_download
from .models import AICall

CSV_COLUMNS = (
    "created_at", "article_id", "run_id", "purpose", "attempt", "model", "prompt_version",
    "mode", "streamed", "status", "http_status", "input_tokens", "output_tokens", "cost_usd",
    "latency_ms", "max_tokens", "finish_reason", "error",
)  # fmt: skip


class AICallInline(WrittenByServices, admin.TabularInline):
    """Every model call made for the article, newest first."""

    model = AICall
    verbose_name_plural = "AI calls"
    fields = ("created_at", "run", "purpose", "attempt", "model", "prompt_version", "status",
              "input_tokens", "output_tokens", "cost_usd", "latency_ms", "error")  # fmt: skip
    readonly_fields = fields
    ordering = ("-created_at", "-pk")
    extra = 0
    show_change_link = True
    classes = ("collapse",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("run")

    def has_view_permission(self, request, obj=None):
        """Display only: shown on the article's page, never part of what its form posts (so
        saving an article needs no formset for a log it cannot change)."""
        return request.method == "GET" and super().has_view_permission(request, obj)


@admin.register(AICall)
class AICallAdmin(WrittenByServices, admin.ModelAdmin):
    list_display = ("created_at", "article", "purpose", "attempt", "model", "status",
                    "input_tokens", "output_tokens", "cost_usd", "latency_ms")  # fmt: skip
    list_filter = ("purpose", "status", "model", "prompt_version", "mode",
                   ("created_at", admin.DateFieldListFilter))  # fmt: skip
    search_fields = ("article__headline", "model", "error")
    list_select_related = ("article",)
    readonly_fields = [f.name for f in AICall._meta.fields]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    @admin.action(description="Export selected AI calls as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_download(queryset.order_by("created_at", "pk"), CSV_COLUMNS, "ai-calls.csv")
