"""Every page's query string and form, cleaned before any view reads them (workflows.text);
the API's bodies are cleaned by its parsers (workflows.parsers). A NUL character is a 400
here, in the API's error shape under /api/."""

from django.http import HttpResponse, JsonResponse

from .errors import InvalidInput
from .text import clean_querydict

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def refusal(request, status: int, code: str, message: str, details: dict | None = None):
    if request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "details": details or {}}}
        return JsonResponse(body, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET = clean_querydict(request.GET)
            if (
                request.method == "POST"
                and not request.path.startswith("/api/")
                and request.content_type in FORMS
            ):
                request.POST = clean_querydict(request.POST)
        except InvalidInput as exc:
            return refusal(request, exc.status, exc.code, exc.message, exc.details)
        return self.get_response(request)
