"""Demo people: one account per role (passwords are printed; this is a demo)."""

from django.db import transaction

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

ORGANISATIONS = [
    ("Fundacja Wspólny Kraków", "0000123456", ["organizacja", "czlonek"]),
    ("Stowarzyszenie Zielona Nowa Huta", "0000234567", ["organizacja2"]),
    ("Krakowskie Forum Organizacji Pozarządowych", "0000345678", ["moderator"]),
]


@transaction.atomic
def load(stdout) -> None:
    created = []
    for username, name, roles in PEOPLE:
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"display_name": name}
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
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
