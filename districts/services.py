"""Loading a city's districts (Kraków ships as data; others come from a CSV file)."""

import csv
import io

from django.db import transaction
from django.utils.text import slugify

from workflows.errors import InvalidInput
from workflows.parsing import parse_int

from .models import City, District, DistrictCouncil

REQUIRED_COLUMNS = {"number", "name"}
DISTRICT_NUMBERS = 32767  # District.number is a PositiveSmallIntegerField


@transaction.atomic
def load_districts(*, city_name: str, rows: list[dict]) -> tuple[City, int]:
    """Create or update a city's districts and their councils; idempotent. Returns new count."""

    city, _ = City.objects.get_or_create(slug=slugify(city_name), defaults={"name": city_name})
    created = 0
    for row in rows:
        district, was_created = District.objects.update_or_create(
            city=city,
            number=row["number"],
            defaults={"name": row["name"], "roman": row.get("roman", "")},
        )
        created += was_created
        DistrictCouncil.objects.get_or_create(
            district=district, defaults={"name": f"Rada Dzielnicy {district}"}
        )
    return city, created


def parse_districts_csv(text: str) -> list[dict]:
    """Rows of `number,roman,name` (roman optional); errors name the line to fix."""

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise InvalidInput(f"Brak kolumn: {', '.join(sorted(missing))} (wiersz 1).")
    rows, seen = [], set()
    for line, row in enumerate(reader, start=2):
        text, name = (row.get("number") or "").strip(), (row.get("name") or "").strip()
        number = parse_int(text, high=DISTRICT_NUMBERS)
        if number is None or not name:
            raise InvalidInput(f"Wiersz {line}: potrzebny numer (liczba) i nazwa dzielnicy.")
        if number in seen:
            raise InvalidInput(f"Wiersz {line}: numer {text} powtarza się.")
        seen.add(number)
        rows.append({"number": number, "name": name, "roman": (row.get("roman") or "").strip()})
    return rows
