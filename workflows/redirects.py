"""Following a `next` parameter: only to this site, never to another host or scheme."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str = "") -> str:
    """The `next` that a form (POST) or link (GET) carries if it stays on this site, else
    `default` (a URL or a URL name), e.g. after `?next=https://evil.example/`."""

    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default) if default else ""
