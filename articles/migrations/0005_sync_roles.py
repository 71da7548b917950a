from django.db import migrations

from articles.migrations._roles import create_roles


class Migration(migrations.Migration):
    """Editors may read feed items and import jobs."""

    dependencies = [
        ("articles", "0004_reserved_section_slugs"),
        ("sources", "0002_collection"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
