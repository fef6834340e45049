from django.db import migrations

from consultations.seed import ensure_reference_data


def load(apps, schema_editor):
    ensure_reference_data(
        apps.get_model("consultations", "TaskArea"), apps.get_model("consultations", "StrategyGoal")
    )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_programme_round")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
