from django import template

from .. import district_opinions
from ..forms import DistrictOpinionsForm
from ..selectors import opinions_on, opinions_on_chapters, opinions_on_many

register = template.Library()


@register.inclusion_tag("bodies/_opinions.html", takes_context=True)
def opinions_for(context, obj, kind: str):
    """The opinions asked on `obj`, and for staff the link that asks for another."""

    user = context["request"].user
    return {
        "opinions": list(opinions_on(obj)),
        "obj": obj,
        "kind": kind,
        "can_request": user.has_perm("bodies.request_opinion"),
    }


@register.inclusion_tag("bodies/_chapter_opinions.html", takes_context=True)
def chapter_opinions(context, chapter):
    """The bodies' opinions on a chapter. A programme page shows every chapter: the opinions
    on all of them are read once, with the first chapter."""

    key = ("chapter_opinions", chapter.programme_id)
    if key not in context.render_context:
        context.render_context[key] = opinions_on_chapters(chapter.programme_id)
    user = context["request"].user
    return {
        "opinions": context.render_context[key].get(chapter.pk, []),
        "chapter": chapter,
        "can_request": user.has_perm("bodies.request_opinion"),
    }


@register.inclusion_tag("bodies/_district_opinions.html", takes_context=True)
def district_opinions_panel(context, edition):
    """On an edition's page, where its rules give district councils the role: how many
    opinions are in, and for staff during verification the form that asks the councils."""

    user = context["request"].user
    may_ask = user.has_perm("bodies.request_opinion")
    return {
        "edition": edition,
        "shown": edition.district_council_opinions,
        "counts": district_opinions.summary(edition) if edition.district_council_opinions else {},
        "form": DistrictOpinionsForm() if may_ask else None,
        "refusal": district_opinions.edition_refusal(edition),
        "request": context["request"],
    }


@register.simple_tag
def opinions_by_object(objects):
    """{% opinions_by_object proposals as opinions %}: the opinions on each object, keyed by
    its id as text (read them with `opinions|lookup:p.pk`); one query for the list."""

    return opinions_on_many(objects)
