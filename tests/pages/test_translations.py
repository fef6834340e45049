"""The English catalogues (Python and templates; the pages' scripts) are complete, compiled,
and used by the pages."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "locale" / "en" / "LC_MESSAGES"
# The scripts' catalogue (djangojs) is small; the templates' one is not.
DOMAINS = {"django": 100, "djangojs": 20}
FILL = "locale/fill_en.py"
IGNORE = ["--ignore=.venv", "--ignore=tests", "--ignore=bench", "--ignore=staticfiles"]


def live_entries(po):
    return [e for e in po if not e.obsolete]


@pytest.mark.parametrize("domain", DOMAINS)
def test_english_catalogue_has_no_untranslated_or_fuzzy_entries(domain):
    po = polib.pofile(str(EN / f"{domain}.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"translate them ({FILL}): {untranslated[:20]}"
    assert not fuzzy, f"fuzzy entries ({FILL}): {fuzzy[:20]}"
    assert len(live_entries(po)) > DOMAINS[domain]


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po_file(domain):
    """The .mo is committed (a fresh clone needs no gettext): it must be the compiled .po."""

    entries = live_entries(polib.pofile(str(EN / f"{domain}.po")))
    po = {e.msgid: e.msgstr or e.msgstr_plural for e in entries}
    mo = {
        e.msgid: e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(EN / f"{domain}.mo"))
        if e.msgid
    }
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


def script_catalogue(client, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get("/jsi18n/")
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    return response.content.decode()


# Run the served catalogue as the browser does and translate two of the scripts' strings.
NODE_GETTEXT = """
const vm = require("vm");
const page = {};
vm.runInNewContext(require("fs").readFileSync(0, "utf8"), page);
console.log(JSON.stringify([
  page.gettext("Udziel głosu"),
  page.interpolate(page.gettext("Głos otrzymuje %(name)s"), { name: "Ala" }, true),
]));
"""


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ["Give the floor", "The floor goes to Ala"]),
        ("pl", ["Udziel głosu", "Głos otrzymuje Ala"]),
    ],
)
def test_script_catalogue_speaks_the_page_language(client, language, expected):
    body = script_catalogue(client, language)
    assert ('"Give the floor"' in body) == (language == "en")
    if not shutil.which("node"):
        pytest.skip("node missing: the catalogue is not run (apt-get install -y nodejs)")
    result = subprocess.run(
        ["node", "-e", NODE_GETTEXT], input=body, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_pages_load_the_script_catalogue_before_their_scripts(client):
    body = client.get("/logowanie/").content.decode()
    assert body.index('<script src="/jsi18n/" defer>') < body.index("js/live.js")


@pytest.mark.slow
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_source_string_is_in_the_english_catalogue(tmp_path, domain):
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
        [sys.executable, "manage.py", "makemessages", "-d", domain, "-l", "en", *IGNORE],
        cwd=copy,
        # Without PYTEST_VERSION the settings leave out the engine's test-only app.
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))
    missing = sorted(e.msgid for e in extracted.untranslated_entries() + extracted.fuzzy_entries())
    assert not missing, f"new strings without English ({FILL}): {missing[:30]}"


def test_script_catalogue_is_revalidated_not_rebuilt(client):
    client.cookies["django_language"] = "pl"
    first = client.get("/jsi18n/")
    assert first.status_code == 200 and first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/jsi18n/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    # The same URL in another language is another catalogue, never the cached one.
    client.cookies["django_language"] = "en"
    english = client.get("/jsi18n/", headers={"if-none-match": first["ETag"]})
    assert english.status_code == 200 and english["ETag"] != first["ETag"]
    assert '"Give the floor"' in english.content.decode()
