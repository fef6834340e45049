"""Who is voting: pluggable identification, PESEL (default) or a one-time code.

Only a keyed hash (HMAC-SHA256 with PESEL_HASH_KEY) of the PESEL or code is kept; the number
is never stored, logged or echoed. Error messages here never contain the input.

One normal form per identifier, and only that form is ever hashed or compared: a PESEL is
its 11 ASCII digits as python-stdnum validates it (spaces, dashes of any kind, full-width
digits dropped or mapped), a code its letters and digits in upper case. The hash also mixes
in the edition's `voter_salt`: erasing it after the protest period (budget.erasure) leaves
keys that nobody, not even with PESEL_HASH_KEY, can link to a person again.
"""

import hashlib
import hmac
import secrets
import unicodedata
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
# The oldest person ever documented lived 122 years: an older birth date is a typing error.
MAX_AGE = 122


@dataclass(frozen=True)
class Voter:
    key: str  # the keyed hash: what the ballot box stores
    method: str
    age_band: str
    guardian_key: str = ""  # the consenting guardian's PESEL, keyed hash (voters under age)


def keyed_hash(value: str, purpose: str = "") -> str:
    key = settings.PESEL_HASH_KEY.encode()
    return hmac.new(key, f"{purpose}{value}".encode(), hashlib.sha256).hexdigest()


def person_key(edition, pesel: str) -> str:
    """The voter key of a person: whichever way they identify (PESEL, or a code issued
    to them), their ballot is stored under this key. `pesel` in normal form."""

    return keyed_hash(f"{edition.voter_salt}:{pesel}", purpose="pesel:")


def guardian_key(edition, pesel: str) -> str:
    return keyed_hash(f"{edition.voter_salt}:{pesel}", purpose="guardian:")


# Art. 10 ust. 1 k.c.: a person of age is 18; a younger guardian cannot consent.
ADULT_AGE = 18


def identify_guardian(edition, guardian, voter_pesel: str) -> str:
    """The keyed hash of the guardian who consents: name and PESEL checked, an adult who is
    not the voter. Only the hash is kept (Ballot.guardian_key), never the name or number."""

    if not isinstance(guardian, dict):
        guardian = {}
    if (
        not str(guardian.get("first_name") or "").strip()
        or not str(guardian.get("last_name") or "").strip()
    ):
        raise InvalidInput(
            _("Podaj imię i nazwisko rodzica lub opiekuna prawnego."), field="guardian.first_name"
        )
    try:
        number, age = _checked_pesel(guardian.get("pesel"), timezone.localdate())
    except InvalidInput:
        raise InvalidInput(
            _("Nieprawidłowy numer PESEL rodzica lub opiekuna prawnego."), field="guardian.pesel"
        ) from None
    if number == voter_pesel or age < ADULT_AGE:
        raise InvalidInput(
            _("Zgodę wyraża pełnoletni rodzic lub opiekun prawny: podaj jego numer PESEL."),
            field="guardian.pesel",
        )
    return guardian_key(edition, number)


def code_hash(edition, code: str) -> str:
    return keyed_hash(f"{edition.voter_salt}:{normalise_code(code)}", purpose="code:")


def normalise_code(code: str) -> str:
    # NFKC maps full-width letters and digits to ASCII; any other script is not our alphabet.
    text = unicodedata.normalize("NFKC", str(code)).upper()
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


def normalise_pesel(pesel) -> str:
    """The PESEL in normal form (11 ASCII digits), checked: checksum, a real date, and a
    birth year a living resident can have. 400 otherwise; the message never repeats it."""

    normal, _age = _checked_pesel(pesel, timezone.localdate())
    return normal


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return UNKNOWN_BAND


def _checked_pesel(pesel, today: date) -> tuple[str, int]:
    """The normal form of a valid PESEL and the age today of its holder (the century of the
    birth date is in the month: +80 for the 1800s, +20 for the 2000s, +40 for the 2100s).

    400 "invalid PESEL" for a wrong length, non-digits, a bad checksum or an impossible date;
    400 for a birth date in the future or more than MAX_AGE years ago (valid checksums for
    1850 or 2150 exist, and nobody voting was born then)."""

    if not isinstance(pesel, str):
        raise InvalidInput(_("Nieprawidłowy numer PESEL."), field="pesel")
    try:
        number = stdnum_pesel.validate(pesel)
        birth = stdnum_pesel.get_birth_date(number)
    except StdnumError:
        raise InvalidInput(_("Nieprawidłowy numer PESEL."), field="pesel") from None
    age = age_on(birth, today)
    if birth > today or age > MAX_AGE:
        raise InvalidInput(
            _(
                "Data urodzenia zapisana w numerze PESEL nie może należeć do żyjącego "
                "mieszkańca: sprawdź numer."
            ),
            field="pesel",
        )
    return number, age


def identify_by_pesel(
    edition,
    *,
    pesel,
    first_name: str,
    last_name: str,
    residence_declared: bool,
    guardian_declared: bool = False,
    guardian: dict | None = None,
) -> Voter:
    """A resident identified by PESEL, name and a declaration of residence in the city.

    Art. 5a ust. 7 pkt 4 u.s.g.: the council sets the voting rules, the minimum age among
    them; the age is counted on the voting day (today in Kraków). Under the edition's
    guardian age the consent is declared and the guardian identified (identify_guardian)."""

    number, age = _checked_pesel(pesel, timezone.localdate())
    if not str(first_name or "").strip() or not str(last_name or "").strip():
        raise InvalidInput(_("Podaj imię i nazwisko."), field="first_name")
    if residence_declared is not True:
        raise InvalidInput(
            _("Głosować mogą mieszkańcy miasta: potwierdź zamieszkanie."),
            field="residence_declared",
        )
    if age < edition.minimum_age:
        raise NotPermitted(
            _("Głosować mogą osoby, które ukończyły %(age)s lat.") % {"age": edition.minimum_age},
            minimum_age=edition.minimum_age,
        )
    guardian_hash = ""
    if age < edition.guardian_under:
        if guardian_declared is not True:
            raise InvalidInput(
                _("Osoba poniżej %(age)s lat głosuje za zgodą opiekuna: zaznacz oświadczenie.")
                % {"age": edition.guardian_under},
                field="guardian_declared",
            )
        guardian_hash = identify_guardian(edition, guardian, number)
    return Voter(
        key=person_key(edition, number),
        method="pesel",
        age_band=age_band(age),
        guardian_key=guardian_hash,
    )


def identify_by_code(edition, *, code) -> Voter:
    """Codes go out by letter to eligible residents, so age was checked when sending.

    The key here is the code's hash; a code issued to a person is exchanged for that
    person's key when the code is used up (services.voting), in the ballot's transaction."""

    if not isinstance(code, str) or len(normalise_code(code)) != CODE_LENGTH:
        raise InvalidInput(_("Nieprawidłowy kod do głosowania."), field="code")
    return Voter(key=code_hash(edition, code), method="code", age_band=UNKNOWN_BAND)


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
        # The API nests the guardian; the page's form has flat guardian_* fields.
        guardian=data.get("guardian")
        or {k: data.get(f"guardian_{k}") for k in ("first_name", "last_name", "pesel")},
    )
