"""Demo people: one account per role (passwords are printed; this is a demo)."""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Role, User
from .roles import grant_role

DEMO_PASSWORD = "demo-krakow-2026"  # noqa: S105 - printed on the console, demo only

PEOPLE = [
    ("mieszkaniec", "Anna Mieszkańska", [Role.RESIDENT]),
    ("mieszkaniec2", "Piotr Nowak", [Role.RESIDENT]),
    ("organizacja", "Ewa Społeczna", [Role.RESIDENT, Role.ORGANISATION_REP]),
    ("organizacja2", "Jan Pomocny", [Role.RESIDENT, Role.ORGANISATION_REP]),
    ("czlonek", "Maria Zespołowa", [Role.SECTOR_TEAM_MEMBER, Role.ORGANISATION_REP]),
    ("moderator", "Tomasz Moderator", [Role.MODERATOR, Role.SECTOR_TEAM_MEMBER]),
    ("koordynator", "Katarzyna Koordynująca", [Role.COORDINATING_TEAM]),
    ("urzednik", "Marek Urzędniczy", [Role.COUNCIL_STAFF]),
    ("weryfikator", "Zofia Weryfikująca", [Role.VERIFIER]),
    ("admin", "Administrator", [Role.ADMINISTRATOR]),
]

# What each account can try in the demo city today (the demo places a process at every
# stage, so each of these is open on the day the demo is loaded). Shown on the login page
# in demo mode.
TRY = {
    "mieszkaniec": _(
        "Zagłosuj w edycji w głosowaniu; zgłoś projekt w trwającym naborze; odwołaj się od "
        "odrzucenia projektu „Dodatkowe pomosty na kąpielisku Zakrzówek”; zgłoś uwagę do "
        "programu w konsultacjach."
    ),
    "mieszkaniec2": _(
        "Poprzyj projekt w trwającym naborze, zagłosuj i zobacz wyniki oraz realizację "
        "wybranych projektów."
    ),
    "organizacja": _(
        "Zgłoś uwagę do programu współpracy w imieniu Fundacji Wspólny Kraków (z numerem KRS)."
    ),
    "organizacja2": _("Zgłoś uwagę w imieniu Stowarzyszenia Zielona Nowa Huta."),
    "czlonek": _(
        "Napisz szkic rozdziału w programie, nad którym pracują zespoły sektorowe; dołącz do "
        "spotkania zespołu."
    ),
    "moderator": _(
        "Otwórz spotkanie zespołu, które zaraz się zacznie: udzielaj głosu, pilnuj czasu "
        "wypowiedzi, zapisuj ustalenia."
    ),
    "koordynator": _(
        "Odpowiedz na uwagi, które czekają na odpowiedź, zatwierdź tekst końcowy i opublikuj "
        "raport z konsultacji."
    ),
    "urzednik": _(
        "Odnotuj drugie czytanie i uchwałę Rady Miasta; rozpatrz odwołanie od weryfikacji; "
        "sprawdź formalnie nowe projekty; wpisz karty papierowe."
    ),
    "weryfikator": _(
        "Oceń merytorycznie i kosztowo projekty przekazane do Zarządu Zieleni Miejskiej "
        "i Zarządu Dróg Miasta Krakowa."
    ),
    "admin": _("Zarządzaj użytkownikami, rolami i dzielnicami w panelu administracyjnym."),
}

ORGANISATIONS = [
    ("Fundacja Wspólny Kraków", "0000123456", ["organizacja", "czlonek"]),
    ("Stowarzyszenie Zielona Nowa Huta", "0000234567", ["organizacja2"]),
    ("Krakowskie Forum Organizacji Pozarządowych", "0000345678", ["moderator"]),
]


@transaction.atomic
def load(stdout) -> None:
    created = []
    # One hash for every account: each costs over a second with the production hasher.
    password = make_password(DEMO_PASSWORD)
    for username, name, roles in PEOPLE:
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"display_name": name}
        )
        if was_created:
            user.password = password
            if Role.ADMINISTRATOR in roles:
                user.is_staff = user.is_superuser = True
            user.save()
            created.append(username)
        for role in roles:
            grant_role(user, role)
    for name, krs, usernames in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(krs=krs, defaults={"name": name})
        org.representatives.add(*User.objects.filter(username__in=usernames))
    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for username, name, roles in PEOPLE:
        stdout.write(f"  {username:<14} {name:<26} {', '.join(str(r.label) for r in roles)}")
    if not created:
        stdout.write("  (already present, nothing added)")


def demo_accounts() -> list[dict]:
    """The demo accounts present in the database, with their roles and what to try."""

    present = set(User.objects.filter(username__in=TRY).values_list("username", flat=True))
    return [
        {
            "username": username,
            "name": name,
            "roles": ", ".join(str(r.label) for r in roles),
            "try": TRY[username],
        }
        for username, name, roles in PEOPLE
        if username in present
    ]
