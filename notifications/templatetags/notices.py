from django import template

from .. import selectors, targets

register = template.Library()


@register.simple_tag
def unread_notices(user) -> int:
    return selectors.unread_count(user)


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "target": targets.name_of(obj),
        "obj": obj,
        "following": _followed(request, obj),
        "signed_in": bool(user and user.is_authenticated),
    }


def _followed(request, obj) -> bool:
    # One query per page however many buttons it shows (a programme's chapters).
    if request is None or not request.user.is_authenticated:
        return False
    if not hasattr(request, "_notices_followed"):
        request._notices_followed = selectors.followed_keys(request.user)
    return selectors.follow_key(obj) in request._notices_followed
