"""A database that is down or restarting answers 503 with a message, not a 500 traceback."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy

log = logging.getLogger(__name__)

MESSAGE = gettext_lazy(
    "Serwis jest chwilowo niedostępny (baza danych). Spróbuj ponownie za chwilę."
)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError) or not _is_outage(
            exception
        ):
            return None
        log.warning("database unavailable: %s", type(exception).__name__)
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"error": {"code": "unavailable", "message": str(MESSAGE), "details": {}}},
                status=503,
            )
        else:
            response = HttpResponse(
                str(MESSAGE), status=503, content_type="text/plain; charset=utf-8"
            )
        response["Retry-After"] = "5"
        return response


def _is_outage(exc: DatabaseError) -> bool:
    text = str(exc).lower()
    # SQLite's "database is locked" is contention, not an outage; everything else of this
    # class (connection refused, terminated, server closed) is.
    return "database is locked" not in text
