"""Every model is listed in the admin for administrators; the audit trail is read-only."""

import pytest
from django.apps import apps
from django.contrib import admin

from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

# engine_app: the test-only app of the engine's own tests; axes lists its own (not its
# internal expiry rows).
FRAMEWORK = {"admin", "auth", "contenttypes", "sessions", "authtoken", "engine_app", "axes"}


def test_every_model_of_the_project_is_registered():
    missing = [
        m.__name__
        for m in apps.get_models()
        if m._meta.app_label not in FRAMEWORK and not admin.site.is_registered(m)
    ]
    assert missing == []


def test_every_list_answers_a_search(client, make_user):
    client.force_login(make_user(username="root", is_superuser=True, is_staff=True))
    for model in admin.site._registry:
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        assert client.get(url, {"q": "x"}).status_code == 200, url


def test_the_audit_log_cannot_be_changed_in_the_admin(client, make_user):
    client.force_login(make_user(username="root", is_superuser=True, is_staff=True))
    model_admin = admin.site._registry[AuditEntry]
    request = type("R", (), {"user": None})()
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert client.get("/admin/workflows/auditentry/add/").status_code == 403
