"""The implementing unit and council staff report a selected project's progress on its page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import localtime
from PIL import Image

from budget.models import Implementation, ProgressNote, ProjectPhoto
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(voting, unit):
    """A selected project whose implementing unit is `unit` (its member: `verifier`)."""

    proposal = advance(voting[3][0], "select", by=SYSTEM)
    Implementation.objects.create(proposal=proposal, unit=unit)
    return proposal


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("skwer.png", buffer.getvalue(), content_type="image/png")


def url(name, proposal):
    return reverse(f"budget:proposal-{name}", args=[proposal.pk])


@pytest.mark.parametrize("who", ["verifier", "staff"])
def test_the_unit_and_staff_record_cost_and_completion_typed_the_polish_way(
    client, request, selected, who
):
    client.force_login(request.getfixturevalue(who))
    page = reverse("budget:proposal", args=[selected.pk])
    assert "Zapisz koszt i termin" in client.get(page).content.decode()
    response = client.post(
        url("progress", selected),
        {"actual_cost": "180 000,50", "planned_completion": "2027-06-30"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page
    assert "Zapisano koszt i termin realizacji." in response.content.decode()
    implementation = Implementation.objects.get(proposal=selected)
    assert str(implementation.actual_cost) == "180000.50"
    assert implementation.planned_completion.isoformat() == "2027-06-30"
    assert "30 czerwca 2027" in client.get(page).content.decode()


@pytest.mark.parametrize(
    "form, field",
    [
        ({"actual_cost": "dużo", "planned_completion": "2027-06-30"}, "actual_cost"),
        ({"actual_cost": "1000", "planned_completion": "30.06.2027"}, "planned_completion"),
        ({"actual_cost": "1000", "planned_completion": "2027-02-30"}, "planned_completion"),
        ({"actual_cost": "20 000 000 000", "planned_completion": ""}, "actual_cost"),
    ],
)
def test_a_bad_cost_or_date_is_shown_on_its_field_with_the_input_kept_and_nothing_saved(
    client, verifier, selected, form, field
):
    client.force_login(verifier)
    response = client.post(url("progress", selected), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and f'href="#id_{field}"' in page
    assert f'id="id_{field}_error"' in page
    assert f'value="{form[field]}"' in page
    implementation = Implementation.objects.get(proposal=selected)
    assert implementation.actual_cost is None and implementation.planned_completion is None


@pytest.mark.parametrize("who", ["resident", "other_verifier"])
def test_residents_and_other_units_cannot_report_progress(
    client, request, selected, settings, tmp_path, who
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("budget:proposal", args=[selected.pk])).content.decode()
    assert "Zgłoś postęp realizacji" not in page
    assert client.post(url("progress", selected), {"actual_cost": "1"}).status_code == 403
    assert client.post(url("note", selected), {"text": "Gotowe"}).status_code == 403
    photo = {"image": png(), "alt_text": "Skwer"}
    assert client.post(url("photo", selected), photo).status_code == 403
    assert Implementation.objects.get(proposal=selected).actual_cost is None
    assert not ProgressNote.objects.exists() and not ProjectPhoto.objects.exists()


@pytest.mark.parametrize("who", ["verifier", "staff"])
def test_progress_notes_are_shown_to_everyone_with_their_dates(client, request, selected, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("note", selected), {"text": "Wylano fundamenty altany."})
    assert response.status_code == 302
    assert ProgressNote.objects.get().text == "Wylano fundamenty altany."
    client.logout()
    page = client.get(reverse("budget:proposal", args=[selected.pk])).content.decode()
    note = ProgressNote.objects.get()
    assert "Wylano fundamenty altany." in page
    assert f'<time datetime="{localtime(note.at).isoformat()}">' in page
    assert "Zgłoś postęp realizacji" not in page


def test_an_empty_note_is_refused_on_its_field(client, verifier, selected):
    client.force_login(verifier)
    response = client.post(url("note", selected), {"text": "   "})
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_photos_are_uploaded_with_a_description_and_shown_publicly(
    client, verifier, selected, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(verifier)
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", content_type="image/png")
    refused = client.post(url("photo", selected), {"image": fake, "alt_text": "Skwer"})
    assert refused.status_code == 400
    assert 'id="id_image_error"' in refused.content.decode()
    assert 'value="Skwer"' in refused.content.decode()
    assert not ProjectPhoto.objects.exists()

    done = client.post(url("photo", selected), {"image": png(), "alt_text": "Nowe nasadzenia"})
    assert done.status_code == 302
    client.logout()
    page = client.get(reverse("budget:proposal", args=[selected.pk])).content.decode()
    assert f'src="{ProjectPhoto.objects.get().image.url}" alt="Nowe nasadzenia"' in page


def test_a_project_not_being_built_gets_the_services_refusal(client, staff, voting, selected):
    client.force_login(staff)
    on_ballot = voting[3][1]
    response = client.post(url("note", on_ballot), {"text": "Postęp"})
    assert response.status_code == 409
    assert "Najpierw wskaż jednostkę realizującą." in response.content.decode()
    finished = advance(advance(selected, "start_implementation", by=staff), "complete", by=staff)
    response = client.post(url("note", finished), {"text": "Postęp"})
    assert response.status_code == 409
    assert "Realizacja jest zakończona." in response.content.decode()
    assert not ProgressNote.objects.exists()


@pytest.mark.parametrize("count", [3, 300])
def test_the_proposal_page_runs_a_constant_number_of_queries_however_many_notes_and_photos(
    client, verifier, selected, count, django_assert_max_num_queries
):
    implementation = Implementation.objects.get(proposal=selected)
    ProgressNote.objects.bulk_create(
        ProgressNote(implementation=implementation, text=f"Etap {n:03d}", by=verifier)
        for n in range(count)
    )
    ProjectPhoto.objects.bulk_create(
        ProjectPhoto(
            implementation=implementation, image=f"p{n}.png", alt_text="Skwer", by=verifier
        )
        for n in range(count)
    )
    client.force_login(verifier)
    with django_assert_max_num_queries(22):
        page = client.get(reverse("budget:proposal", args=[selected.pk])).content.decode()
    assert f"Etap {count - 1:03d}" in page and "Etap 000" in page
    assert page.count('alt="Skwer"') == count


@pytest.mark.parametrize("count", [2, 100])
def test_the_implementation_list_shows_each_projects_newest_note_in_constant_queries(
    client, verifier, voting, unit, count, django_assert_max_num_queries
):
    edition = voting[0]
    proposals = [advance(p, "select", by=SYSTEM) for p in voting[3]]
    for proposal in proposals:
        implementation = Implementation.objects.create(proposal=proposal, unit=unit)
        ProgressNote.objects.bulk_create(
            ProgressNote(
                implementation=implementation, text=f"{proposal.pk}: etap {n}", by=verifier
            )
            for n in range(count)
        )
    with django_assert_max_num_queries(7):
        page = client.get(reverse("budget:implementation", args=[edition.year])).content.decode()
    for proposal in proposals:
        newest = ProgressNote.objects.filter(implementation__proposal=proposal).first()
        assert newest.text in page
        assert f"{proposal.pk}: etap 0<" not in page
