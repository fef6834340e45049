"""The writes of small grants (art. 19a): the organisation's offer and the public's remarks."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from workflows.deadlines import ensure_before
from workflows.errors import Conflict, InvalidInput, NotPermitted

from . import flows
from .services import MAX_TEXT, MAX_TITLE, _text
from .small import SmallGrant, SmallGrantComment, SmallGrantState


@transaction.atomic
def offer_small_grant(
    *,
    by,
    organisation,
    task_area,
    title: str,
    description: str,
    amount,
    carried_out_from: date,
    carried_out_to: date,
) -> SmallGrant:
    """The limits (10 000 zł, 90 days) are checked when the city publishes it, with reasons."""

    if not flows.represents(by, organisation.pk):
        raise NotPermitted(_("Ofertę składa przedstawiciel organizacji."))
    amount = flows.parse_amount(amount, "amount")
    if amount <= 0:
        raise InvalidInput(_("Podaj kwotę dotacji większą od zera."), field="amount")
    if carried_out_to < carried_out_from:
        raise InvalidInput(_("Koniec realizacji musi być po jej początku."), field="carried_out_to")
    return SmallGrant.objects.create(
        organisation=organisation,
        task_area=task_area,
        created_by=by,
        title=_text(title, "title", limit=MAX_TITLE),
        description=_text(description, "description", limit=MAX_TEXT),
        amount=amount,
        carried_out_from=carried_out_from,
        carried_out_to=carried_out_to,
    )


@transaction.atomic
def comment(*, by, grant: SmallGrant, text: str, sender: str = "") -> SmallGrantComment:
    """A remark on the published offer: by the person signed in, or one that reached the
    city by post or e-mail, recorded by staff with its sender's name."""

    if not by.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby zgłosić uwagę."))
    sender = _text(sender, "sender", required=False, limit=MAX_TITLE)
    if sender and not by.has_perm("grants.manage_small_grant", grant):
        raise NotPermitted(_("Uwagę nadesłaną do urzędu wpisuje pracownik urzędu."))
    grant = SmallGrant.objects.select_for_update(of=("self",)).get(pk=grant.pk)
    if grant.state != SmallGrantState.PUBLISHED:
        raise Conflict(_("Uwagi zgłasza się w ciągu 7 dni od publikacji oferty."))
    # At write time, whether or not the scheduler has closed the period yet.
    ensure_before(grant, "close_comments", _("Zgłoszenie uwagi"))
    return SmallGrantComment.objects.create(
        grant=grant, author=by, sender=sender, text=_text(text, "text", limit=MAX_TEXT)
    )
