"""Applying the roles from a migration (the loader skips modules starting with '_')."""

from django.contrib.auth.management import create_permissions

from newsroom.roles import apply_roles


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), strict=False)
