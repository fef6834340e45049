"""Error pages in the site's layout, with a way back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_404_in_the_site_layout(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Nie znaleziono strony" in body and 'class="skip-link"' in body


def test_403_shows_the_reason(rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Tylko autor może to zrobić."))
    assert response.status_code == 403
    assert "Tylko autor może to zrobić." in response.content.decode()


def test_500_needs_no_context():
    body = render_to_string("500.html")
    assert "Coś poszło nie tak" in body and "{%" not in body
