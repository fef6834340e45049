"""Organisations and who speaks for them: staff register an organisation (with its KRS
number where it has one); a person claims to represent it and the organisation confirms."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.pl import regon as regon_number

from ..errors import Conflict, InvalidInput, NotPermitted
from ..permissions import has_perm
from .models import Organisation, OrganisationKind, RepresentationClaim, Role
from .roles import grant_role, represents


def clean_krs(value) -> str | None:
    """KRS numbers are 10 digits with leading zeros (they carry no check digit); a number
    typed without the zeros is padded, anything else refused."""

    text = str(value or "").strip().replace(" ", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 10) or int(text) == 0:
        raise InvalidInput(_("Numer KRS to do 10 cyfr (np. 0000123456)."), field="krs")
    return text.zfill(10)


def clean_regon(value) -> str:
    text = str(value or "").strip().replace(" ", "").replace("-", "")
    if text and not regon_number.is_valid(text):
        raise InvalidInput(_("Numer REGON jest nieprawidłowy (suma kontrolna)."), field="regon")
    return text


@transaction.atomic
def organisation_save(
    *, by, organisation=None, name, kind=OrganisationKind.NGO, krs="", regon="", register=""
) -> Organisation:
    if not has_perm(by, "accounts.change_organisation"):
        raise NotPermitted(_("Organizacje rejestruje pracownik urzędu."))
    name = str(name or "").strip()[:300]
    if not name:
        raise InvalidInput(_("Podaj nazwę organizacji."), field="name")
    if kind not in OrganisationKind.values:
        raise InvalidInput(_("Wybierz rodzaj organizacji."), field="kind")
    number = clean_krs(krs)
    register = str(register or "").strip()[:300]
    if number is None and not register:
        raise InvalidInput(
            _("Podaj numer KRS albo rejestr lub dokument, z którego wynika istnienie podmiotu."),
            field="krs",
        )
    organisation = organisation or Organisation()
    organisation.name, organisation.kind, organisation.krs = name, kind, number
    organisation.regon, organisation.register = clean_regon(regon), register
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        raise Conflict(
            _("Organizacja z numerem KRS %(krs)s już jest w systemie.") % {"krs": number},
            field="krs",
        ) from None
    return organisation


@transaction.atomic
def claim_representation(*, by, organisation: Organisation, note="") -> RepresentationClaim:
    if not by or not by.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby zgłosić się jako przedstawiciel."))
    if represents(by, organisation):
        raise Conflict(_("Już reprezentujesz tę organizację."))
    claim, created = RepresentationClaim.objects.get_or_create(
        organisation=organisation, user=by, defaults={"note": str(note or "").strip()[:300]}
    )
    if not created:
        raise Conflict(_("Zgłoszenie czeka na potwierdzenie organizacji."))
    return claim


def may_confirm(user, organisation: Organisation) -> bool:
    return has_perm(user, "accounts.confirm_representative", organisation)


@transaction.atomic
def confirm_representation(*, by, claim: RepresentationClaim) -> RepresentationClaim:
    claim = RepresentationClaim.objects.select_for_update(of=("self",)).get(pk=claim.pk)
    if not may_confirm(by, claim.organisation):
        raise NotPermitted(_("Przedstawiciela potwierdza organizacja (jej przedstawiciel)."))
    if claim.confirmed_at:
        raise Conflict(_("To zgłoszenie jest już potwierdzone."))
    claim.confirmed_by, claim.confirmed_at = by, timezone.now()
    claim.save(update_fields=["confirmed_by", "confirmed_at"])
    claim.organisation.representatives.add(claim.user)
    grant_role(claim.user, Role.ORGANISATION_REP)
    return claim
