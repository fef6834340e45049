"""Shared by bench/fanout.py and bench/mixed.py: Django in the bench process against the
bench's own database, percentiles, and the one-line-per-figure report.

Each bench makes its own PostgreSQL database (created, migrated, dropped at the end) and
uses Redis database 5, so runs never touch the CI `test` database or others' data.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.system import support  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
failures: list[str] = []


def bench_database(name: str) -> str:
    """A bench's own database name; BENCH_DB_SUFFIX keeps apart runs that share a server."""
    return name + os.environ.get("BENCH_DB_SUFFIX", "")


def setup_django(database: str, settings_module: str = "config.settings") -> str:
    """Create and migrate `database`, then set up Django in this process against it."""

    url = support.create_migrated_database(database, env={"REDIS_URL": REDIS_URL})
    os.environ.update(
        {
            "DATABASE_URL": url,
            "REDIS_URL": REDIS_URL,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "LOG_LEVEL": "WARNING",
            # The servers' key (support.PRODUCTION_LIKE): this process verifies their seals.
            "PESEL_HASH_KEY": support.PRODUCTION_LIKE["PESEL_HASH_KEY"],
        }
    )
    import django

    django.setup()
    return url


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def figure(name: str, value: float, unit: str, *, below=None, above=None, equal=None) -> None:
    """One line: the figure, its target, PASS/FAIL (INFO when it has no target)."""

    if below is not None:
        ok, target = value < below, f"< {below:g} {unit}"
    elif above is not None:
        ok, target = value >= above, f">= {above:g} {unit}"
    elif equal is not None:
        ok, target = value == equal, f"= {equal:g} {unit}"
    else:
        ok, target = None, "report"
    verdict = "INFO" if ok is None else ("PASS" if ok else "FAIL")
    if ok is False:
        failures.append(name)
    print(f"{name:<34} {value:>12.1f} {unit:<6} target {target:<16} {verdict}", flush=True)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def exit_code() -> int:
    return 1 if failures else 0
