"""Resident pages under volume: 5,000 proposals and 20,000 comments.

For each main page: the SQL queries with the demo data and with the volume (they must not
grow), the page's p95 (under a second) and, for scale, a bare Django template render of the
same rows in the same process. Runs on its own SQLite file; nothing else is touched.

    .venv/bin/python bench/pages.py [--proposals 5000] [--comments 20000] [--runs 20]
"""

import argparse
import copy
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.gettempdir()) / "wspolnota_bench_pages.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from budget.models import Edition, Proposal  # noqa: E402
from budget.views.proposals import PER_PAGE  # noqa: E402
from consultations.models import Comment, Programme  # noqa: E402
from consultations.views import COMMENTS_PER_PAGE  # noqa: E402

BARE = Template(
    "<table>{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td>"
    "<td>{{ row.2 }}</td></tr>{% endfor %}</table>"
)
# A resident waits for a page; beyond this it feels broken.
MAX_PAGE_P95_MS = 1000.0


def figure(name, value, unit, target, ok):
    verdict = {True: "PASS", False: "FAIL", None: "INFO"}[ok]
    print(f"pages.{name:<34} {value:>10.1f} {unit:<3} target {target:<18} {verdict}")
    return ok is not False


def p95(samples):
    return statistics.quantiles(samples, n=20)[-1] * 1000


def timed(fn, runs):
    fn()  # warm caches and templates
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def queries(client, url):
    # The log holds at most 9,000 queries (the demo runs more): a full log counts nothing.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def clone(instance, count, tweak):
    rows = []
    for n in range(count):
        row = copy.copy(instance)
        row.pk = row.id = None
        row._state.adding = True
        tweak(row, n)
        rows.append(row)
    type(instance).objects.bulk_create(rows, batch_size=2000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    DB.unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    edition = Edition.objects.get(state="voting")
    programme = Programme.objects.get(state="comments_open")
    pages = {
        "proposal_list": f"/budzet/{edition.year}/projekty/",
        "programme": f"/konsultacje/{programme.pk}/",
    }
    client = Client()
    before = {name: queries(client, url) for name, url in pages.items()}

    sample = Proposal.objects.filter(edition=edition).first()
    clone(sample, args.proposals, lambda row, n: setattr(row, "title", f"{sample.title} ({n})"))
    comment = Comment.objects.filter(programme=programme).first()
    clone(comment, args.comments, lambda row, n: setattr(row, "justification", f"Uwaga {n}"))
    shown = {
        "proposal_list": PER_PAGE,
        "programme": COMMENTS_PER_PAGE,
    }
    print(
        f"pages: {Proposal.objects.count()} proposals, {Comment.objects.count()} comments, "
        f"{args.runs} runs each, SQLite"
    )
    ok = True
    for name, url in pages.items():
        after = queries(client, url)
        ok &= figure(f"{name}.queries_demo", before[name], "", "report", None)
        same = after <= before[name]
        ok &= figure(f"{name}.queries_volume", after, "", f"= {before[name]}", same)
        page = p95(timed(lambda url=url: client.get(url), args.runs))
        rows = [(f"Wiersz {n}", n, "tekst") for n in range(shown[name])]
        bare = p95(timed(lambda rows=rows: BARE.render(Context({"rows": rows})), args.runs))
        ok &= figure(
            f"{name}.page_p95_ms", page, "ms", f"< {MAX_PAGE_P95_MS:.0f} ms", page < MAX_PAGE_P95_MS
        )
        ok &= figure(f"{name}.bare_{shown[name]}_rows_p95_ms", bare, "ms", "report", None)
        ok &= figure(f"{name}.page_to_bare_ratio", page / bare, "x", "report", None)
    DB.unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
