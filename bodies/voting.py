"""Quorum and majority of a body's vote: pure arithmetic, no Django models."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Count:
    members: int  # members in term on the day of the vote
    present: int
    votes_for: int
    votes_against: int
    votes_abstained: int

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstained


def quorum(members: int, percent: int) -> int:
    """Members who must be present: `percent` of the body, rounded up (half of 15 is 8)."""

    return -(-members * percent // 100)


def refusal(count: Count, *, quorum_percent: int, majority: str) -> str | None:
    """Why the vote did not carry, or None when it did."""

    needed = quorum(count.members, quorum_percent)
    if count.present < needed:
        return _(
            "Brak kworum: obecnych %(present)d z %(members)d członków, potrzeba co najmniej "
            "%(needed)d."
        ) % {"present": count.present, "members": count.members, "needed": needed}
    if majority == "simple":
        carried = count.votes_for > count.votes_against
        rule = _("więcej głosów za niż przeciw")
    elif majority == "absolute":
        carried = 2 * count.votes_for > count.cast
        rule = _("ponad połowa oddanych głosów za")
    else:
        carried = 2 * count.votes_for > count.members
        rule = _("ponad połowa składu za")
    if carried:
        return None
    return _(
        "Opinia nie została przyjęta (%(for)d za, %(against)d przeciw, %(abstained)d "
        "wstrzymujących się); wymagane: %(rule)s."
    ) % {
        "for": count.votes_for,
        "against": count.votes_against,
        "abstained": count.votes_abstained,
        "rule": rule,
    }
