"""Fill the English catalogues: list what needs a translation, apply translations written by hand.

Source strings are Polish (the msgids); English lives in locale/en/LC_MESSAGES/django.po
(Python and templates) and djangojs.po (the pages' scripts, served by /jsi18n/).

    .venv/bin/python manage.py makemessages -l en -l pl --ignore=.venv --ignore=tests \
        --ignore=bench --ignore=staticfiles
    .venv/bin/python manage.py makemessages -d djangojs -l en -l pl --ignore=.venv \
        --ignore=tests --ignore=bench --ignore=staticfiles
    .venv/bin/python locale/fill_en.py todo > todo.json      # {msgid: ""} to translate
    # write the English for every entry of todo.json (plurals: {"one": ..., "other": ...})
    .venv/bin/python locale/fill_en.py apply todo.json       # fills, clears fuzzy, checks
    .venv/bin/python manage.py compilemessages -l en -l pl

`apply` refuses an empty translation or one whose placeholders differ from the msgid's, and
exits with 1 while any entry is still untranslated or fuzzy.
"""

import json
import re
import sys
from pathlib import Path

import polib

CATALOGUES = [
    Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / f"{domain}.po"
    for domain in ("django", "djangojs")
]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")


def pending(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def todo(po: polib.POFile) -> dict:
    result = {}
    for entry in pending(po):
        if entry.msgid_plural:
            result[entry.msgid] = {"plural": entry.msgid_plural, "one": "", "other": ""}
        else:
            result[entry.msgid] = ""
    return result


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def check(msgid: str, text: str) -> str | None:
    if not text.strip():
        return "empty translation"
    if placeholders(msgid) != placeholders(text):
        return f"placeholders differ: {placeholders(msgid)} vs {placeholders(text)}"
    return None


def apply(po: polib.POFile, translations: dict) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete or entry.msgid not in translations:
            continue
        given = translations[entry.msgid]
        if entry.msgid_plural:
            forms = {0: given.get("one", ""), 1: given.get("other", "")}
            errors = [
                check(entry.msgid, forms[0]),
                check(entry.msgid_plural, forms[1]),
            ]
            if any(errors):
                problems.append(f"{entry.msgid!r}: {[e for e in errors if e]}")
                continue
            entry.msgstr_plural = forms
        else:
            error = check(entry.msgid, given)
            if error:
                problems.append(f"{entry.msgid!r}: {error}")
                continue
            entry.msgstr = given
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
    return problems


def main(argv: list[str]) -> int:
    catalogues = [polib.pofile(str(path), wrapwidth=100) for path in CATALOGUES]
    if argv[:1] == ["todo"]:
        # One list for both catalogues: a msgid in both gets one translation.
        wanted = {}
        for po in catalogues:
            wanted |= todo(po)
        json.dump(wanted, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if len(argv) == 2 and argv[0] == "apply":
        translations = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        failed = False
        for path, po in zip(CATALOGUES, catalogues, strict=True):
            problems = apply(po, translations)
            po.metadata_is_fuzzy = False
            po.metadata.update(
                {
                    "Project-Id-Version": "Wspólnota",
                    "Language": "en",
                    "Language-Team": "English",
                    "Plural-Forms": "nplurals=2; plural=(n != 1);",
                }
            )
            po.save()
            for problem in problems:
                print(f"{path.name}: {problem}", file=sys.stderr)
            left = pending(po)
            print(
                f"{path.name}: {len(po.translated_entries())} translated, {len(left)} left",
                file=sys.stderr,
            )
            failed = failed or bool(problems or left)
        return 1 if failed else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
