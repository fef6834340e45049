"""Permissions of the consultations, in one place: django-rules predicates and one
`rules.add_perm("consultations.<action>_<model>", ...)` per action. Transitions
(`perm(...)`), the guards the services call and the API checks first (workflows.gates, each
raising NotPermitted with the sentence a refused person reads), pages, the stream and the
kinds' visibility ask these names."""

import rules
from django.utils.translation import gettext_lazy as _

from workflows.accounts.roles import is_council_staff
from workflows.gates import perm_guard

from . import flows

ANSWERERS_ONLY = _("Na uwagi odpowiada wyłącznie zespół koordynujący.")


@rules.predicate
def is_coordinator(user, comment_or_programme) -> bool:
    return comment_or_programme is not None and flows.is_coordinator(comment_or_programme, user)


@rules.predicate
def writes_suggested_chapter(user, suggestion) -> bool:
    """The writers of the chapter a meeting's suggestion changes (services.chapters): council
    staff always, the sector team before publication, the coordinating team for the final
    text. With no chapter being written, the team itself (the transition's condition then
    says why not now)."""

    from .services.chapters import writable_chapters
    from .services.suggestions import suggestion_chapter

    if suggestion is None or not (user and user.is_authenticated):
        return False
    chapter = suggestion_chapter(suggestion)
    if chapter is None:
        return is_council_staff(user) or suggestion.team.is_member(user)
    return chapter.pk in writable_chapters(chapter.programme, [chapter], user)


@rules.predicate
def is_public_programme(user, programme) -> bool:
    from .models.programme import PUBLIC_STATES

    return programme is not None and programme.state in PUBLIC_STATES


@rules.predicate
def writes_programme(user, programme) -> bool:
    from .selectors import is_author

    return programme is not None and is_author(user, programme)


rules.add_perm("consultations.view_programme", is_public_programme | writes_programme)
# The office runs the round (drafting, comments, the council) and sets programmes up.
rules.add_perm("consultations.manage_programme", is_council_staff)
# The coordinating team answers the comments and prepares the final text.
rules.add_perm("consultations.answer_programme", is_coordinator)
rules.add_perm("consultations.decide_suggestion", writes_suggested_chapter)
# Art. 5a ust. 2a: the RDPP's opinion goes with the draft; the office or the coordinating
# team (who prepare the final text) attach it.
rules.add_perm("consultations.attach_opinion", is_council_staff | is_coordinator)

ensure_staff = perm_guard(
    "consultations.manage_programme",
    _("Tę czynność wykonuje pracownik urzędu (obsługa Rady Miasta)."),
)
attaches_opinion = perm_guard(
    "consultations.attach_opinion",
    _("Opinię rady dołącza pracownik urzędu albo zespół koordynujący."),
)
answers_comments = perm_guard("consultations.answer_programme", ANSWERERS_ONLY)
