"""Loading a city's districts (Kraków ships as data; others come from a CSV file)."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from workflows.errors import InvalidInput
from workflows.parsing import MAX_INT, parse_int

from .models import City, District, DistrictCouncil
from .rules import configures_councils, imports_districts

REQUIRED_COLUMNS = {"number", "name"}
DISTRICT_NUMBERS = 32767  # District.number is a PositiveSmallIntegerField


@transaction.atomic
def load_districts(*, city_name: str, rows: list[dict]) -> tuple[City, int]:
    """Create or update a city's districts and their councils; idempotent. Returns new count."""

    city, _created = City.objects.get_or_create(
        slug=slugify(city_name), defaults={"name": city_name}
    )
    created = 0
    for row in rows:
        defaults = {"name": row["name"], "roman": row.get("roman", "")}
        if row.get("population") is not None:
            defaults["population"] = row["population"]
        district, was_created = District.objects.update_or_create(
            city=city, number=row["number"], defaults=defaults
        )
        created += was_created
        DistrictCouncil.objects.get_or_create(
            district=district, defaults={"name": f"Rada Dzielnicy {district}"}
        )
    return city, created


def parse_districts_csv(text: str, field: str = "file") -> list[dict]:
    """Rows of `number,roman,name,population` (roman and population optional); errors name
    the line to fix, in `field` (the upload or the pasted text)."""

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise InvalidInput(
            _("Brak kolumn: %(columns)s (wiersz 1).") % {"columns": ", ".join(sorted(missing))},
            field=field,
        )
    rows, seen = [], set()
    for line, row in enumerate(reader, start=2):
        text, name = (row.get("number") or "").strip(), (row.get("name") or "").strip()
        number = parse_int(text, high=DISTRICT_NUMBERS)
        if number is None or not name:
            raise InvalidInput(
                _("Wiersz %(n)d: potrzebny numer (liczba) i nazwa dzielnicy.") % {"n": line},
                field=field,
            )
        if number in seen:
            raise InvalidInput(
                _("Wiersz %(line)s: numer %(text)s powtarza się.") % {"line": line, "text": text},
                field=field,
            )
        seen.add(number)
        people = (row.get("population") or "").strip().replace(" ", "")
        population = parse_int(people, high=MAX_INT) if people else None
        if people and population is None:
            raise InvalidInput(
                _("Wiersz %(n)d: liczba mieszkańców to liczba całkowita.") % {"n": line},
                field=field,
            )
        rows.append(
            {
                "number": number,
                "name": name,
                "roman": (row.get("roman") or "").strip(),
                "population": population,
            }
        )
    return rows


MAX_CSV = 1_000_000  # bytes: a city has tens of districts, not megabytes of them


def import_districts(
    *, by, city_name: str, text: str, field: str = "file"
) -> tuple[City, int, int]:
    """An administrator loads a city's districts (and population) from CSV text, sent as
    `field`. Returns the city, the rows read and how many districts are new."""

    imports_districts(by)
    name = (city_name or "").strip()[:100]
    if not name or not slugify(name):
        raise InvalidInput(_("Podaj nazwę miasta."), field="city")
    if not text or len(text) > MAX_CSV:
        raise InvalidInput(_("Dołącz plik CSV (do 1 MB)."), field=field)
    rows = parse_districts_csv(text, field)
    if not rows:
        raise InvalidInput(_("Plik nie zawiera żadnej dzielnicy."), field=field)
    city, created = load_districts(city_name=name, rows=rows)
    return city, len(rows), created


@transaction.atomic
def council_save(*, by, council: DistrictCouncil, name, seats, email="", members=()):
    """A district council's name, seats, e-mail and councillors (who may not outnumber the
    seats). The councillors are the members in term of the district's council body (the one
    asked for opinions, bodies app), which takes the name too: the register keeps the seats
    and the e-mail."""

    from bodies.services import district_council_in_term, set_councillors
    from workflows.accounts.models import User

    configures_councils(by)
    name = str(name or "").strip()[:200]
    if not name:
        raise InvalidInput(_("Podaj nazwę rady."), field="name")
    seats = parse_int(seats, low=1, high=100)
    if seats is None:
        raise InvalidInput(_("Liczba radnych: od 1 do 100."), field="seats")
    ids = {parse_int(m, low=1) for m in members}
    people = list(User.objects.filter(pk__in=ids - {None}, is_active=True))
    if None in ids or len(people) != len(ids):
        raise InvalidInput(_("Nie ma takiej osoby."), field="members")
    if len(people) > seats:
        raise InvalidInput(
            _("Rada ma %(seats)d mandatów, a podano %(n)d radnych.")
            % {"seats": seats, "n": len(people)},
            field="members",
        )
    email = str(email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Podaj poprawny adres e-mail."), field="email") from None
    council.name, council.seats, council.email = name, seats, email
    council.save()
    body = district_council_in_term(council.district_id, by=by, name=name)
    set_councillors(by=by, body=body, people=people)
    return council
