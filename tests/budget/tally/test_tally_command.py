"""`manage.py pb_tally`: output, JSON shape, exit status 2 on a malformed file."""

from __future__ import annotations

import io
import json

import pytest

from budget.tally.cli import run

from .conftest import require_data
from .test_tally_pabulib import GOOD

RULE_FILE = "Poland_Lodz_2025_Koziny.pb"


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.pb"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_prints_selected_ids_and_total_cost(good_file):
    out, err = io.StringIO(), io.StringIO()
    assert run([str(good_file), "--rule", "greedy"], out, err) == 0
    assert out.getvalue() == (
        "rule: greedy\nselected (2): A1 B2\ntotal cost: 90,25 zł of 100,50 zł\n"
    )
    assert err.getvalue() == ""  # no progress bar when stderr is not a terminal


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(good_file):
    err = Terminal()
    assert run([str(good_file), "--rule", "mes-add1"], io.StringIO(), err) == 0
    assert "reading votes" in err.getvalue()
    assert "100%" in err.getvalue()


def test_json_has_the_issue_shape():
    out = io.StringIO()
    path = require_data(RULE_FILE)
    assert run([str(path), "--rule", "mes-add1-greedy", "--json"], out, io.StringIO()) == 0
    result = json.loads(out.getvalue())
    assert set(result) == {"rule", "selected", "total_cost", "projects"}
    assert result["rule"] == "mes-add1-greedy"
    assert result["selected"] == sorted(result["selected"])
    project = result["projects"]["P078KO"]
    assert set(project) == {"votes", "score", "cost", "selected", "reason"}
    assert project["selected"] is True
    assert "bought in round" in project["reason"]


def test_malformed_file_exits_with_status_2_and_line_number(tmp_path):
    path = tmp_path / "bad.pb"
    path.write_text(GOOD.replace("B2;40.25;", "B2;-40;"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run([str(path), "--rule", "mes"], out, err) == 2
    assert "line 11: negative cost" in err.getvalue()
    assert out.getvalue() == ""


def django_configured() -> bool:
    from django.conf import settings

    return settings.configured


@pytest.mark.skipif(not django_configured(), reason="Django settings not configured")
def test_management_command_reports_bad_file_with_returncode_2(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bad.pb"
    path.write_text(GOOD.replace("2;B2;3;41", "2;C3;3;41"), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("pb_tally", str(path), "--rule", "greedy")
    assert error.value.returncode == 2
    assert "line 15: unknown project id 'C3'" in str(error.value)


@pytest.mark.skipif(not django_configured(), reason="Django settings not configured")
def test_management_command_prints_json(good_file):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("pb_tally", str(good_file), "--rule", "mes", "--json", stdout=out)
    assert json.loads(out.getvalue())["rule"] == "mes"


def test_python_m_budget_tally_prints_everything_before_its_quick_exit(good_file, tmp_path):
    """The command as a process: it ends with os._exit (no teardown), after flushing, so a
    pipe gets the whole result, and a bad file still gives status 2 with its message."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    command = [sys.executable, "-m", "budget.tally"]
    done = subprocess.run(
        [*command, str(good_file), "--rule", "mes", "--json"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rule"] == "mes"
    bad = tmp_path / "bad.pb"
    bad.write_text(GOOD.replace("B2;40.25;", "B2;-40;"), encoding="utf-8")
    done = subprocess.run(
        [*command, str(bad), "--rule", "greedy"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "line 11: negative cost" in done.stderr
    assert done.stdout == ""
