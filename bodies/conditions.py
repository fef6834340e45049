"""Conditions other apps' transitions take from the bodies app."""

from django.utils.translation import gettext as _

from workflows.conditions import condition


@condition
def rdpp_opinion_settled(programme):
    """Art. 5 ust. 5 and art. 41i of the 2003 Act: where the city has a public-benefit
    council, the programme goes to the council with its opinion or after its deadline (read
    here, so a programme never waits for the scheduler to record that none was given)."""

    from .models import OpinionState
    from .selectors import active_rdpp, opinions_on, today

    rdpp = active_rdpp()
    if rdpp is None:
        return None
    asked = [o for o in opinions_on(programme) if o.body_id == rdpp.pk]
    if any(o.state in (OpinionState.ADOPTED, OpinionState.NOT_GIVEN) for o in asked):
        return None
    if any(o.due_on < today() for o in asked):
        return None
    if asked:
        return _("%(body)s ma czas na opinię do %(date)s.") % {
            "body": rdpp.name,
            "date": asked[0].due_on.strftime("%d.%m.%Y"),
        }
    return _("Poproś %(body)s o opinię o projekcie programu.") % {"body": rdpp.name}
