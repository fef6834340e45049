"""Every page's query string and form, cleaned when the view first reads them
(workflows.text); the API's bodies are cleaned by its parsers (workflows.parsers). A NUL
character is a 400 here, in the API's error shape under /api/.

The cleaning waits for the view: a view asks who may act (login_required, a rule, the
transition's permission) before it reads its input, so a stranger is sent to the login page
or refused with a 403 whatever form, garbage or NUL they sent; a 400 would teach them how to
shape a request they may never make. Django's CSRF check reads a form before any view (it
looks for its token there), so a body Django cannot parse is not refused then either: the
error is kept and raised when the view reads the form.
"""

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.functional import SimpleLazyObject

from .errors import InvalidInput
from .text import clean_querydict

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# What Django raises for a form it cannot read: broken multipart, a body, field or file
# count over the limits (SuspiciousOperation), a form that is not UTF-8 (BadRequest).
UNREADABLE = (MultiPartParserError, SuspiciousOperation, BadRequest)


def refusal(request, status: int, code: str, message: str, details: dict | None = None):
    if request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "details": details or {}}}
        return JsonResponse(body, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RefusedInput(BadRequest):
    """A form or query string refused as the view reads it. Not a WorkflowError, so a view
    that shows a service's refusal as a message cannot turn it into one: always a 400."""

    def __init__(self, invalid: InvalidInput) -> None:
        super().__init__(invalid.message)
        self.invalid = invalid


def _cleaned(data, unreadable: Exception | None = None):
    if unreadable is not None:
        raise unreadable
    try:
        return clean_querydict(data)
    except InvalidInput as exc:
        raise RefusedInput(exc) from exc


class CleanInputMiddleware:
    """After CsrfViewMiddleware: its check reads the form as Django parsed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        query = request.GET
        request.GET = SimpleLazyObject(lambda: _cleaned(query))
        if (
            request.method == "POST"
            and not request.path.startswith("/api/")
            and request.content_type in FORMS
        ):
            form, unreadable = None, None
            try:
                form = request.POST  # parsed by Django (already, if CSRF looked at it)
            except UNREADABLE as exc:
                unreadable = exc
            request.POST = SimpleLazyObject(lambda: _cleaned(form, unreadable))
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, RefusedInput):
            return None
        invalid = exception.invalid
        return refusal(request, invalid.status, invalid.code, invalid.message, invalid.details)
