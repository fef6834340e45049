"""The councillors move from the register's `members` list to the memberships of the
district's council body (bodies app), the one that votes the council's opinions.

Data-preserving: each councillor listed on a register entry becomes, from today, a member of
the district's council body in term (set up, named as the entry, when the district has none),
unless already one. Reversed, the members in term of that body are listed again.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

DISTRICT_COUNCIL = "district_council"


def _body_in_term(Body, district_id, today):
    return (
        Body.objects.filter(kind=DISTRICT_COUNCIL, district_id=district_id, term_start__lte=today)
        .exclude(term_end__lt=today)
        .order_by("-term_start", "-pk")
        .first()
    )


def forward(apps, schema_editor):
    DistrictCouncil = apps.get_model("districts", "DistrictCouncil")
    Body = apps.get_model("bodies", "Body")
    Membership = apps.get_model("bodies", "Membership")
    today = timezone.localdate()
    for council in DistrictCouncil.objects.prefetch_related("members"):
        people = list(council.members.all())
        if not people:
            continue
        body = _body_in_term(Body, council.district_id, today) or Body.objects.create(
            kind=DISTRICT_COUNCIL,
            district_id=council.district_id,
            name=council.name,
            legal_basis="Statut dzielnicy",
            term_start=today,
        )
        sitting = set(
            Membership.objects.filter(body=body, term_start__lte=today)
            .exclude(term_end__lt=today)
            .values_list("person_id", flat=True)
        )
        Membership.objects.bulk_create(
            Membership(body=body, person=person, role="member", term_start=today)
            for person in people
            if person.pk not in sitting
        )


def backward(apps, schema_editor):
    DistrictCouncil = apps.get_model("districts", "DistrictCouncil")
    Body = apps.get_model("bodies", "Body")
    Membership = apps.get_model("bodies", "Membership")
    today = timezone.localdate()
    for council in DistrictCouncil.objects.all():
        body = _body_in_term(Body, council.district_id, today)
        if body is not None:
            sitting = (
                Membership.objects.filter(body=body, term_start__lte=today)
                .exclude(term_end__lt=today)
                .values_list("person_id", flat=True)
            )
            council.members.set(set(sitting))


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0004_council_members"),
        ("bodies", "0004_opinion_proposed_wording"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="districtcouncil", name="members"),
    ]
