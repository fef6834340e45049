"""The counting engine's explanations, in Polish, with the figures behind them.

The engine (budget.tally) explains in English for `pb_tally`; the results page and the
audit log speak Polish, so each kind of explanation is rebuilt here from the same figures.
"""

from fractions import Fraction

from django.utils.translation import gettext as _

from budget.tally import ProjectOutcome
from budget.tally.pb_write import format_number
from budget.tally.result import money

COMPLETION = "added by greedy completion: "


def reason(outcome: ProjectOutcome) -> str:
    text = outcome.reason
    if text.startswith(COMPLETION):
        return _("Dodany w uzupełnieniu metodą zachłanną: %(why)s") % {
            "why": _reason_for(text.removeprefix(COMPLETION), outcome)
        }
    return _reason_for(text, outcome)


def _reason_for(text: str, outcome: ProjectOutcome) -> str:
    d = outcome.details
    if text.startswith("no ballots"):
        return _("W tej puli nie oddano ważnych głosów: nie wybrano żadnego projektu.")
    if text.startswith("fits:"):
        return _("Zmieścił się w puli: po nim zostało %(left)s.") % {
            "left": money(d["remaining_after"])
        }
    if text.startswith("did not fit:"):
        return _("Nie zmieścił się: w puli zostało %(left)s, a projekt kosztuje %(cost)s.") % {
            "left": money(d["remaining"]),
            "cost": money(outcome.cost),
        }
    if text.startswith("not considered: counting stopped"):
        return _(
            "Nie rozpatrywany: liczenie kończy się na pierwszym projekcie, który się nie mieści."
        )
    if text.startswith("below threshold:"):
        return _("Poniżej progu: %(score)s, a wymagane jest co najmniej %(min)s.") % {
            "score": outcome.score,
            "min": text.split("< ", 1)[1].split(" ", 1)[0],
        }
    if text.startswith("bought in round"):
        if "price_per_supporter" in d:
            return _("Kupiony w rundzie %(round)s: każdy popierający zapłacił najwyżej %(p)s.") % {
                "round": d["round"],
                "p": money(d["price_per_supporter"]),
            }
        return _("Kupiony w rundzie %(round)s: popierający zapłacili najwyżej %(p)s za punkt.") % {
            "round": d["round"],
            "p": money(d["price_per_point"]),
        }
    if text.startswith("round "):
        return _(
            "Runda %(round)s: popierającym zostało już tylko %(left)s, a projekt kosztuje %(cost)s."
        ) % {"round": d["round"], "left": money(d["supporters_money"]), "cost": money(outcome.cost)}
    if text.startswith("costs nothing and has supporters"):
        return _("Nic nie kosztuje i ma popierających: wybrany przed pierwszą rundą.")
    if text.startswith("no supporters"):
        return _("Nikt na niego nie zagłosował.")
    if text.startswith("costs nothing"):
        return _("Nic nie kosztuje, więc w metodzie równych udziałów nie daje korzyści.")
    return text  # a new kind of explanation: the engine's own words rather than none


def details(outcome: ProjectOutcome) -> dict:
    """The figures as JSON: money as exact decimal text, other fractions as floats."""

    out = {"engine_reason": outcome.reason}
    for key, value in outcome.details.items():
        if isinstance(value, Fraction):
            try:
                value = format_number(value)
            except ValueError:
                value = float(value)
        out[key] = value
    return out
