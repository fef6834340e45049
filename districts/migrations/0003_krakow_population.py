"""Kraków's districts with their residents (rounded to the thousand, as the civic budget
uses them: the 0.1 % cap on support signatures and the size of each district's pool)."""

from django.db import migrations

POPULATION = {
    1: 31000,
    2: 29000,
    3: 46000,
    4: 74000,
    5: 30000,
    6: 23000,
    7: 21000,
    8: 64000,
    9: 17000,
    10: 30000,
    11: 54000,
    12: 64000,
    13: 38000,
    14: 30000,
    15: 52000,
    16: 40000,
    17: 20000,
    18: 51000,
}


def load(apps, schema_editor):
    District = apps.get_model("districts", "District")
    for district in District.objects.filter(city__slug="krakow", population__isnull=True):
        if district.number in POPULATION:
            district.population = POPULATION[district.number]
            district.save(update_fields=["population"])


class Migration(migrations.Migration):
    dependencies = [("districts", "0002_krakow")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
