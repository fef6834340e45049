from django import template
from django.utils.translation import gettext_lazy as _

from workflows.templatetags.formatting import NBSP, format_number

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share (0..1) as a whole percentage in the active language's number style."""

    return f"{format_number(share * 100, 0)}{NBSP}%"


# What each counting rule does, in words (the codes are Pabulib's names, not for people).
RULES = {
    "greedy": _("zachłanna: projekty od największego poparcia, dopóki starcza pieniędzy"),
    "greedy-threshold": _(
        "zachłanna z progiem: tylko projekty z wymaganym minimum głosów, od największego poparcia"
    ),
    "greedy-no-skip": _(
        "zachłanna bez pomijania: liczenie kończy się na pierwszym projekcie, na który brakuje"
        " pieniędzy"
    ),
    "mes": _("metoda równych udziałów: każdy głosujący ma równą część puli"),
    "mes-greedy": _("metoda równych udziałów, resztę puli rozdziela się zachłannie"),
    "mes-add1": _("metoda równych udziałów z dopełnieniem budżetu (Add1)"),
    "mes-add1-greedy": _(
        "metoda równych udziałów z dopełnieniem budżetu, resztę puli rozdziela się zachłannie"
    ),
}


@register.filter
def rule_label(code) -> str:
    return str(RULES.get(code, code))
