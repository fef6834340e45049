"""Who may write through the API, decided before the view reads the request.

A write view names the service's own guard in `write_guard` (or one per method, in a dict
keyed by the method's name; or per route, as_view(write_guard=...)): a function that raises
NotPermitted with the sentence a refused person reads, called as `guard(user)` or, when the
view says how its URL finds the object (`permission_object(self)`, with the visibility rules
of the page, so 404 for what the person may not see), as `guard(user, obj)`. Whoever the
guard refuses gets that 403 whatever body, encoding or size they sent: a 400 would teach a
stranger how to shape a request they may never make. The services still call the same guards,
so a page, the API and a websocket refuse alike.
"""

from rest_framework.permissions import SAFE_METHODS, IsAuthenticatedOrReadOnly

from .errors import NotPermitted
from .permissions import has_perm
from .transitions import ensure_may_take


class WriteGate(IsAuthenticatedOrReadOnly):
    """The API's default: signed in to write, then the view's `write_guard` if it has one."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        # From the class (a plain function there) or from as_view(write_guard=...).
        guard = vars(view).get("write_guard") or getattr(type(view), "write_guard", None)
        if isinstance(guard, dict):  # one view, a different rule per method
            guard = guard.get(request.method.lower())
        if guard is None or request.method in SAFE_METHODS:
            return True
        if hasattr(view, "permission_object"):
            guard(request.user, view.permission_object())
        else:
            guard(request.user)
        return True


def transition_guard(name: str):
    """The guard of a view that is an alias of the transition `name` (its object from the URL)."""

    def guard(user, obj) -> None:
        ensure_may_take(obj, name, user)

    guard.__name__ = f"may_take_{name}"
    return guard


def perm_guard(name: str, refusal):
    """A guard asking the permission `name` (an app's rules.py), refusing with `refusal`."""

    def guard(user, obj=None) -> None:
        if not has_perm(user, name, obj):
            raise NotPermitted(str(refusal))

    guard.__name__ = f"has_perm_{name.replace('.', '_')}"
    guard.permission = name
    return guard
