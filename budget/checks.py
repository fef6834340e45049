"""`manage.py check --deploy`: the key that hides PESEL numbers must be a real secret.

A PESEL has few possible values per birth date, so the HMAC of every number of an age band
can be computed in minutes: with a known or guessable key, a database dump names who voted.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

MIN_LENGTH = 40
MIN_DISTINCT = 10


@register(Tags.security, deploy=True)
def pesel_hash_key_is_strong(app_configs, **kwargs):
    key = settings.PESEL_HASH_KEY
    weak = (
        key == settings.EMBEDDED_PESEL_HASH_KEY
        or len(key) < MIN_LENGTH
        or len(set(key)) < MIN_DISTINCT
        or key == settings.SECRET_KEY
    )
    if not weak:
        return []
    return [
        Warning(
            "PESEL_HASH_KEY is the embedded default, shorter than 40 characters, repetitive "
            "or the same as SECRET_KEY: PESEL numbers could be recovered from their hashes.",
            hint="Set PESEL_HASH_KEY to 50 random characters, kept apart from SECRET_KEY "
            "(README: Rotating PESEL_HASH_KEY).",
            id="budget.W001",
        )
    ]
