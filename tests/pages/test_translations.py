"""The English catalogue is complete, compiled, and used by the pages."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
EN_PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
EN_MO = EN_PO.with_suffix(".mo")
FILL = "locale/fill_en.py"


def live_entries(po):
    return [e for e in po if not e.obsolete]


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(EN_PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"translate them ({FILL}): {untranslated[:20]}"
    assert not fuzzy, f"fuzzy entries ({FILL}): {fuzzy[:20]}"
    assert len(live_entries(po)) > 100


def test_compiled_catalogue_matches_the_po_file():
    """The .mo is committed (a fresh clone needs no gettext): it must be the compiled .po."""

    po = {e.msgid: e.msgstr or e.msgstr_plural for e in live_entries(polib.pofile(str(EN_PO)))}
    mo = {e.msgid: e.msgstr or e.msgstr_plural for e in polib.mofile(str(EN_MO)) if e.msgid}
    assert mo == po, "run: manage.py compilemessages -l en -l pl --ignore=.venv"


def test_pages_render_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/logowanie/").content.decode()
    assert '<html lang="en">' in body
    assert "Skip to content" in body and "Przejdź do treści" not in body


def test_polish_is_the_default(client):
    body = client.get("/logowanie/").content.decode()
    assert '<html lang="pl">' in body and "Przejdź do treści" in body


def test_lazy_strings_switch_language():
    from workflows.accounts.models import Role

    with translation.override("en"):
        assert str(Role.COUNCIL_STAFF.label) == "council staff"
    with translation.override("pl"):
        assert str(Role.COUNCIL_STAFF.label) == "pracownik urzędu"


@pytest.mark.slow
def test_every_source_string_is_in_the_english_catalogue(tmp_path):
    """Re-extract the project's strings (as makemessages does) in a copy; nothing is new."""

    if not shutil.which("xgettext"):
        pytest.fail("gettext tools missing: apt-get install -y gettext")
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "tests", "bench", "staticfiles", "media", "node_modules", "*.sqlite3"
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "en",
            "--ignore=.venv",
            "--ignore=tests",
            "--ignore=bench",
            "--ignore=staticfiles",
        ],
        cwd=copy,
        # Without PYTEST_VERSION the settings leave out the engine's test-only app.
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = sorted(e.msgid for e in extracted.untranslated_entries() + extracted.fuzzy_entries())
    assert not missing, f"new strings without English ({FILL}): {missing[:30]}"
