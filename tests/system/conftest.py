import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The matrix creates a dozen users per case; the production hasher costs ~0.3 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
