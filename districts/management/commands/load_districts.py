from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districts.services import load_districts, parse_districts_csv
from workflows.errors import InvalidInput


class Command(BaseCommand):
    help = "Load a city's districts from a CSV file with columns number,roman,name."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--city", required=True, help="City name, e.g. Gdańsk")

    def handle(self, *args, file: Path, city: str, **options):
        try:
            rows = parse_districts_csv(file.read_text(encoding="utf-8"))
            city_obj, created = load_districts(city_name=city, rows=rows)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}", returncode=2) from exc
        except InvalidInput as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(f"{city_obj}: {len(rows)} districts ({created} new).")
