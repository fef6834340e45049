from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff

from .. import selectors


def edition_or_404(request, year: int):
    qs = selectors.editions() if is_council_staff(request.user) else selectors.public_editions()
    found = qs.filter(year=year).first()
    if found is None:
        raise Http404(_("Nie ma takiej edycji."))
    return found


def refused(request, exc) -> None:
    messages.error(request, exc.message)
