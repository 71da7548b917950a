"""The user admin, with a role's sign-in access given with the role."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from . import roles

User = get_user_model()


class NewsroomUserAdmin(UserAdmin):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if roles.admit_role_holder(user):
            self.message_user(
                request,
                f"{user.get_username()} holds a newsroom role, so staff status was set: they "
                "can sign in to the admin.",
                messages.INFO,
            )


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
