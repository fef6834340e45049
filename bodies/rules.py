"""Permissions of the bodies app, in one place: django-rules predicates and one
`rules.add_perm("bodies.<action>_<model>", ...)` per action."""

import rules
from django.utils.translation import gettext_lazy as _

from workflows.accounts.roles import is_council_staff
from workflows.gates import perm_guard

from . import flows


@rules.predicate
def is_body_officer(user, body_or_item) -> bool:
    """The chair or the secretary in term of the body (or of an opinion's or consultation's)."""

    body = getattr(body_or_item, "body", body_or_item)
    return body is not None and flows.is_officer(body, user)


# Bodies' work is public (art. 41i: the council's opinions are public documents).
rules.add_perm("bodies.view_body", rules.always_allow)
# The office asks a body for an opinion (and withdraws or records that none came).
rules.add_perm("bodies.request_opinion", is_council_staff)
rules.add_perm("bodies.manage_body", is_council_staff)
# The body's chair or secretary records its adopted opinion and runs its consultations.
rules.add_perm("bodies.record_opinion", is_council_staff | is_body_officer)
rules.add_perm("bodies.run_consultation", is_council_staff | is_body_officer)
# Any signed-in person may comment on a district document: residence is declared, not held.
rules.add_perm("bodies.comment_consultation", rules.is_authenticated)

comments_in_district = perm_guard(
    "bodies.comment_consultation", _("Zaloguj się, aby zgłosić uwagę.")
)
