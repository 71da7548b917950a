from django.db import migrations, models

from newsroom.sanitize import clean_html, cleaned_digest


def clean_bodies(apps, schema_editor):
    """Clean every stored body once under the current policy, and seal it."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body").iterator(chunk_size=500):
        body = clean_html(article.body)
        Article.objects.filter(pk=article.pk).update(body=body, body_digest=cleaned_digest(body))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_sync_roles")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_digest",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="sanitize.cleaned_digest of the body when it was cleaned on save.",
                max_length=32,
            ),
        ),
        migrations.RunPython(clean_bodies, migrations.RunPython.noop),
    ]
