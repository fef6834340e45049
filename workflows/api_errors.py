"""One error shape for the whole API: {"error": {"code", "message", "details"}}."""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import WorkflowError


def error_response(status_code: int, code: str, message: str, details: dict | None = None):
    return Response(
        {"error": {"code": code, "message": message, "details": details or {}}},
        status=status_code,
    )


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            inner = _first_message(value)
            return inner if field == "non_field_errors" else f"{field}: {inner}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def oversized(exc) -> tuple[int, str, str] | None:
    """A body Django refuses to read (status, code, message), or None for other errors."""

    if isinstance(exc, RequestDataTooBig):
        return 413, "too_large", _("Za duże żądanie: wyślij mniej danych.")
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return 413, "too_large", _("Za dużo pól lub plików w jednym żądaniu.")
    return None


def exception_handler(exc, context):
    refused = oversized(exc)
    if refused:
        return error_response(*refused)
    if isinstance(exc, WorkflowError):
        response = error_response(exc.status, exc.code, exc.message, exc.details)
        if "retry_after" in exc.details:
            response["Retry-After"] = str(exc.details["retry_after"])
        return response
    if isinstance(exc, DjangoValidationError):
        return error_response(400, "invalid", "; ".join(exc.messages), {"errors": exc.messages})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Nie znaleziono."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("Brak uprawnień."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        details = {"fields": exc.detail}
        if isinstance(exc.detail, dict) and exc.detail:
            # The first field to correct, named like a service's InvalidInput names it.
            details["field"] = next(iter(exc.detail))
        return error_response(
            status.HTTP_400_BAD_REQUEST, "invalid", _first_message(exc.detail), details
        )
    code = getattr(exc, "default_code", "error")
    message = _first_message(response.data.get("detail", response.data))
    error = error_response(response.status_code, code, message)
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            error[header] = response[header]
    return error


def bad_request(request, exception):
    """Django's 400 (a SuspiciousOperation outside a DRF view): an oversized body is a 413;
    the API's error shape under /api/, a short page elsewhere."""

    status_code, code, message = oversized(exception) or (
        400,
        "invalid",
        _("Nieprawidłowe żądanie."),
    )
    if request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "details": {}}}
        return JsonResponse(body, status=status_code)
    if status_code == 400:
        return defaults.bad_request(request, exception)
    return HttpResponse(message, status=status_code, content_type="text/plain; charset=utf-8")


def not_found(request, exception):
    """Django's 404 (no URL matched, e.g. /api/v1/meetings/-1/) in the API's error shape;
    pages keep the HTML page."""

    if request.path.startswith("/api/"):
        body = {"error": {"code": "not_found", "message": _("Nie znaleziono."), "details": {}}}
        return JsonResponse(body, status=404)
    return defaults.page_not_found(request, exception)
