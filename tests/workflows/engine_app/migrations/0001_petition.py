import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="Petition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=200)),
                ("is_public", models.BooleanField(default=True)),
                ("signatures", models.PositiveIntegerField(default=0)),
                ("signatures_needed", models.PositiveIntegerField(default=0)),
                ("note", models.TextField(blank=True)),
                (
                    "state",
                    django_fsm.FSMField(
                        choices=[
                            ("draft", "szkic"),
                            ("submitted", "złożona"),
                            ("accepted", "przyjęta"),
                            ("rejected", "odrzucona"),
                            ("closed", "zamknięta"),
                        ],
                        default="draft",
                        max_length=50,
                        protected=True,
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
