"""Who is voting: pluggable identification, PESEL (default) or a one-time code.

Only a keyed hash (HMAC-SHA256 with PESEL_HASH_KEY) of the PESEL or code is kept; the number
is never stored, logged or echoed. Error messages here never contain the input.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from workflows.errors import InvalidInput, NotPermitted

# Letters and digits that cannot be confused when read from a letter (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

AGE_BANDS = [
    (0, 15, "0-15"),
    (16, 17, "16-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 49, "35-49"),
    (50, 64, "50-64"),
    (65, 200, "65+"),
]
UNKNOWN_BAND = "?"


@dataclass(frozen=True)
class Voter:
    key: str  # the keyed hash: what the ballot box stores
    method: str
    age_band: str


def keyed_hash(value: str, purpose: str = "") -> str:
    key = settings.PESEL_HASH_KEY.encode()
    return hmac.new(key, f"{purpose}{value}".encode(), hashlib.sha256).hexdigest()


def pesel_hash(pesel: str) -> str:
    return keyed_hash(pesel)


def code_hash(code: str) -> str:
    return keyed_hash(normalise_code(code), purpose="code:")


def normalise_code(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return UNKNOWN_BAND


def birth_date_of(pesel) -> date:
    """The birth date encoded in a valid PESEL (the century is in the month: +80 for the
    1800s, +20 for the 2000s, +40 for the 2100s, +60 for the 2200s).

    400 "invalid PESEL" for a wrong length, non-digits, a bad checksum or an impossible date;
    the message never repeats the number."""

    if not isinstance(pesel, str):
        raise InvalidInput(_("Nieprawidłowy numer PESEL."), field="pesel")
    try:
        number = stdnum_pesel.validate(pesel.strip())
        return stdnum_pesel.get_birth_date(number)
    except StdnumError:
        raise InvalidInput(_("Nieprawidłowy numer PESEL."), field="pesel") from None


def identify_by_pesel(
    edition,
    *,
    pesel,
    first_name: str,
    last_name: str,
    residence_declared: bool,
    guardian_declared: bool = False,
) -> Voter:
    """A resident identified by PESEL, name and a declaration of residence in the city.

    Art. 5a ust. 7 pkt 4 u.s.g.: the council sets the voting rules, the minimum age among
    them; the age is counted on the voting day (today in Kraków)."""

    birth = birth_date_of(pesel)
    if not str(first_name or "").strip() or not str(last_name or "").strip():
        raise InvalidInput(_("Podaj imię i nazwisko."), field="first_name")
    if residence_declared is not True:
        raise InvalidInput(
            _("Głosować mogą mieszkańcy miasta: potwierdź zamieszkanie."),
            field="residence_declared",
        )
    age = age_on(birth, timezone.localdate())
    if age < edition.minimum_age:
        raise NotPermitted(
            _("Głosować mogą osoby, które ukończyły %(age)s lat.") % {"age": edition.minimum_age},
            minimum_age=edition.minimum_age,
        )
    if age < edition.guardian_under and guardian_declared is not True:
        raise InvalidInput(
            _("Osoba poniżej %(age)s lat głosuje za zgodą opiekuna: zaznacz oświadczenie.")
            % {"age": edition.guardian_under},
            field="guardian_declared",
        )
    return Voter(key=pesel_hash(pesel.strip()), method="pesel", age_band=age_band(age))


def identify_by_code(edition, *, code) -> Voter:
    """Codes go out by letter to eligible residents, so age was checked when sending."""

    if not isinstance(code, str) or len(normalise_code(code)) != CODE_LENGTH:
        raise InvalidInput(_("Nieprawidłowy kod do głosowania."), field="code")
    return Voter(key=code_hash(code), method="code", age_band=UNKNOWN_BAND)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def identify(edition, data: dict) -> Voter:
    """Dispatch on data["method"] among the edition's enabled methods."""

    method = data.get("method") or (edition.identification or ["pesel"])[0]
    if method not in edition.identification:
        enabled = ", ".join(edition.identification)
        raise InvalidInput(
            _("Ta edycja przyjmuje identyfikację: %(m)s.") % {"m": enabled}, field="method"
        )
    if method == "code":
        return identify_by_code(edition, code=data.get("code"))
    return identify_by_pesel(
        edition,
        pesel=data.get("pesel"),
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        residence_declared=data.get("residence_declared") in (True, "true", "on", "1"),
        guardian_declared=data.get("guardian_declared") in (True, "true", "on", "1"),
    )
