from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_draft_review_disclosure"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="page",
            field=models.JSONField(
                blank=True,
                default=dict,
                editable=False,
                help_text=(
                    "The article's own part of its public page, rendered on write "
                    "(articles.pages)."
                ),
            ),
        ),
    ]
