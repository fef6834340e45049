"""What the competition transitions entail, whichever door takes them (declared on the kind)."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.deadlines import set_deadline
from workflows.models import Deadline
from workflows.services import advance

from .models import OfferState


def schedule_closing(competition, *, by, payload) -> dict:
    """The engine closes the call for offers at the deadline the announcement gives."""

    set_deadline(
        competition,
        "close_offers",
        competition.offers_deadline,
        legal_basis=_("termin składania ofert z ogłoszenia konkursu (art. 13 ustawy)"),
    )
    return {"closes_at": competition.offers_deadline.isoformat()}


def score_offers(competition, *, by, payload) -> dict:
    """Every formally correct offer gets the commission's combined score."""

    offers = list(competition.offers.filter(state=OfferState.FORMALLY_ACCEPTED))
    for offer in offers:
        advance(offer, "record_score", by=by)
    return {"scored": len(offers)}


def schedule_correction_end(offer, *, by, payload) -> dict:
    """The engine rejects the offer formally if it is not corrected by the deadline."""

    set_deadline(
        offer,
        "reject_uncorrected",
        offer.correction_deadline,
        legal_basis=_("termin na poprawę błędów formalnych z ogłoszenia konkursu"),
    )
    return {"correct_by": offer.correction_deadline.isoformat()}


def schedule_comments_end(grant, *, by, payload) -> dict:
    """Art. 19a ust. 3: seven days for comments, then the engine closes them."""

    set_deadline(
        grant,
        "close_comments",
        grant.comments_close_at,
        legal_basis=_("7 dni na uwagi do oferty (art. 19a ust. 3 ustawy)"),
    )
    return {"comments_close_at": grant.comments_close_at.isoformat()}


def settle_report_deadline(report, *, by, payload) -> dict:
    """The report is with the council: its 31 May deadline is spent, whichever door took the
    transition (the scheduler's own firing marks it fired after this)."""

    spent = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(type(report)),
        object_id=str(report.pk),
        transition="submit_to_council",
        fired_at__isnull=True,
    ).update(fired_at=timezone.now(), outcome="settled")
    return {"submitted_on": report.submitted_on.isoformat(), "deadline_settled": bool(spent)}
