"""The pages' script catalogue (/jsi18n/), revalidated by the browser instead of rebuilt.

Every page loads it, and Django builds it anew for each request. It changes only with the
language and the compiled catalogues, so its ETag names both: a repeat request gets an empty
304. `no-cache` makes the browser ask each time, so switching the language (the same URL,
another cookie) never shows the old one.
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from django.views.i18n import JavaScriptCatalog


def _version(request, *args, **kwargs) -> str:
    # Read per request (a stat or two): the development server reloads catalogues on change.
    compiled = (
        path.stat().st_mtime_ns
        for folder in settings.LOCALE_PATHS
        for path in Path(folder).glob("*/LC_MESSAGES/djangojs.mo")
    )
    return f"{get_language()}-{max(compiled, default=0)}"


def script_catalogue(**options):
    return cache_control(no_cache=True)(etag(_version)(JavaScriptCatalog.as_view(**options)))
