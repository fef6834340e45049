"""`manage.py check --deploy` is clean with production settings (security headers, cookies)."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env() -> dict[str, str]:
    # Production has none of the test run's variables (the browser tests' conftest sets
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses).
    test_only = ("PYTEST", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(test_only)}
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        PESEL_HASH_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        ALLOWED_HOSTS="example.org",
        EMAIL_HOST="smtp.example.org",  # password reset and e-mail confirmation need one
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


@pytest.mark.slow
def test_check_deploy_is_clean_in_production():
    result = deploy_check(production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output, output


def deploy_check(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("key", ["SECRET_KEY", "PESEL_HASH_KEY"])
def test_embedded_key_is_refused_in_production(key):
    env = production_env()
    env.pop(key)
    result = deploy_check(env)
    assert result.returncode != 0
    assert f"Set {key}" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "weak",
    [
        "embedded-pesel-key-set-PESEL_HASH_KEY",  # the public default, set explicitly
        "krakow-2027",  # short
        "ab" * 30,  # long but guessable
        "same-as-secret",
    ],
)
def test_a_weak_pesel_hash_key_is_flagged(weak):
    env = production_env()
    if weak == "same-as-secret":
        weak = env["SECRET_KEY"]
    env["PESEL_HASH_KEY"] = weak
    result = deploy_check(env)
    assert result.returncode != 0
    assert "budget.W001" in result.stderr + result.stdout


def test_production_without_a_mail_server_is_flagged():
    env = production_env()
    env.pop("EMAIL_HOST")
    result = deploy_check(env)
    assert result.returncode != 0
    assert "mail.E001" in result.stdout + result.stderr
