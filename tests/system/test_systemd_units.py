"""The systemd units in deploy/systemd/ run commands that exist: every `manage.py <name>`
in an Exec line is a management command of this project, and the recurring work is run by
the task worker's unit (no timer left behind)."""

import shlex
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def exec_lines(unit: Path) -> list[list[str]]:
    """The Exec* command lines of a unit, with backslash continuations joined."""

    text = unit.read_text().replace("\\\n", " ")
    return [
        shlex.split(line.split("=", 1)[1])
        for line in text.splitlines()
        if line.startswith(("ExecStart=", "ExecStartPre=", "ExecStartPost=", "ExecStop="))
    ]


def manage_commands(unit: Path) -> list[str]:
    return [argv[argv.index("manage.py") + 1] for argv in exec_lines(unit) if "manage.py" in argv]


def test_every_unit_starts_something():
    units = sorted(UNITS.glob("*.service"))
    assert units
    for unit in units:
        assert exec_lines(unit), unit.name


def test_every_manage_py_command_in_the_units_exists():
    known = get_commands()
    used = {name for unit in UNITS.glob("*.service") for name in manage_commands(unit)}
    assert used, "no unit runs manage.py"
    assert used <= set(known), sorted(used - set(known))


def test_the_worker_unit_runs_the_task_worker_and_starts_the_recurring_jobs():
    commands = manage_commands(UNITS / "wspolnota-worker@.service")
    assert commands == ["schedule_recurring", "db_worker"]
    worker = exec_lines(UNITS / "wspolnota-worker@.service")[-1]
    assert "--no-reload" in worker


def test_no_timer_fires_deadlines_beside_the_worker():
    # The worker's recurring job runs `run_deadlines`; a timer would only duplicate it.
    assert not list(UNITS.glob("*.timer"))
