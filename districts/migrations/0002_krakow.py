"""The 18 districts of Kraków (Statut Miasta Krakowa), shipped as data."""

from django.db import migrations

KRAKOW = [
    (1, "I", "Stare Miasto"),
    (2, "II", "Grzegórzki"),
    (3, "III", "Prądnik Czerwony"),
    (4, "IV", "Prądnik Biały"),
    (5, "V", "Krowodrza"),
    (6, "VI", "Bronowice"),
    (7, "VII", "Zwierzyniec"),
    (8, "VIII", "Dębniki"),
    (9, "IX", "Łagiewniki-Borek Fałęcki"),
    (10, "X", "Swoszowice"),
    (11, "XI", "Podgórze Duchackie"),
    (12, "XII", "Bieżanów-Prokocim"),
    (13, "XIII", "Podgórze"),
    (14, "XIV", "Czyżyny"),
    (15, "XV", "Mistrzejowice"),
    (16, "XVI", "Bieńczyce"),
    (17, "XVII", "Wzgórza Krzesławickie"),
    (18, "XVIII", "Nowa Huta"),
]


def load(apps, schema_editor):
    City = apps.get_model("districts", "City")
    District = apps.get_model("districts", "District")
    DistrictCouncil = apps.get_model("districts", "DistrictCouncil")
    city, _ = City.objects.get_or_create(slug="krakow", defaults={"name": "Kraków"})
    for number, roman, name in KRAKOW:
        district, _ = District.objects.get_or_create(
            city=city, number=number, defaults={"roman": roman, "name": name}
        )
        DistrictCouncil.objects.get_or_create(
            district=district, defaults={"name": f"Rada Dzielnicy {roman} {name}"}
        )


def unload(apps, schema_editor):
    apps.get_model("districts", "City").objects.filter(slug="krakow").delete()


class Migration(migrations.Migration):
    dependencies = [("districts", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
