"""Photos of a project being built: real images only, with a description."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from budget.models import Implementation, ProjectPhoto
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("skwer.png", buffer.getvalue(), content_type="image/png")


def test_photo_upload_accepts_images_only(api_as, staff, unit, voting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = advance(voting[3][0], "select", by=SYSTEM)
    Implementation.objects.create(proposal=proposal, unit=unit)
    url = f"/api/v1/budget/implementations/{proposal.pk}/photos/"
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", content_type="image/png")
    client = api_as(staff)
    assert (
        client.post(url, {"image": fake, "alt_text": "Skwer"}, format="multipart").status_code
        == 400
    )
    assert client.post(url, {"image": png(), "alt_text": ""}, format="multipart").status_code == 400
    response = client.post(
        url, {"image": png(), "alt_text": "Nowe nasadzenia na skwerze"}, format="multipart"
    )
    assert response.status_code == 201
    assert ProjectPhoto.objects.get().alt_text == "Nowe nasadzenia na skwerze"


def test_residents_cannot_add_photos(api_as, resident, unit, voting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = advance(voting[3][0], "select", by=SYSTEM)
    Implementation.objects.create(proposal=proposal, unit=unit)
    response = api_as(resident).post(
        f"/api/v1/budget/implementations/{proposal.pk}/photos/",
        {"image": png(), "alt_text": "x"},
        format="multipart",
    )
    assert response.status_code == 403
