"""Staff page forms: a new programme (with its 30 November schedule) and a chapter's draft."""

import pytest
from django.urls import reverse

from consultations.models import ChapterVersion, Programme
from consultations.models.programme import MilestoneCode
from tests.consultations.factories import (
    ChapterFactory,
    TaskAreaFactory,
    force_state,
)
from workflows.accounts.models import Role
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW = "/konsultacje/nowy/"


@pytest.fixture
def areas(db):
    return [TaskAreaFactory(number=n, name=f"obszar {n}") for n in range(1, 17)]


def programme_data(**changes) -> dict:
    data = {
        "title": "Program współpracy na 2031 rok",
        "kind": "annual",
        "year_from": "2031",
        "year_to": "",
        "legal_basis": "",
        "main_goal": "Partnerstwo <b>gminy</b> i organizacji.",
        "task_areas": ["3", "16"],
        MilestoneCode.PUBLICATION: "2030-09-01",
        MilestoneCode.COMMENTS_END: "2030-09-20",
    }
    return {**data, **changes}


def test_staff_create_a_programme_with_its_schedule(client, staff, areas):
    client.force_login(staff)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, programme_data())
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:programme", args=[programme.pk])
    assert (programme.state, programme.year_from, programme.year_to) == ("draft", 2031, 2031)
    assert "Art. 5a" in programme.legal_basis
    assert sorted(a.number for a in programme.priority_task_areas.all()) == [3, 16]
    assert dict(programme.milestones.values_list("code", "planned_on__month")) == {
        "publication": 9,
        "comments_end": 9,
    }
    page = client.get(response["Location"]).content.decode()
    assert "Utworzono program" in page
    assert "Partnerstwo &lt;b&gt;gminy&lt;/b&gt;" in page


def test_an_impossible_schedule_is_refused_then_saved_with_a_justification(client, staff, areas):
    client.force_login(staff)
    late = programme_data(**{MilestoneCode.SECOND_READING: "2030-11-29"})
    response = client.post(NEW, late)
    body = response.content.decode()
    assert response.status_code == 400
    assert "nie pozwala przyjąć programu do 30 listopada" in body
    assert 'name="justification"' in body  # the override is offered only now
    assert not Programme.objects.exists()
    response = client.post(NEW, {**late, "justification": "Sesja nadzwyczajna Rady."})
    assert response.status_code == 302
    programme = Programme.objects.get()
    log = AuditEntry.objects.get(action="schedule_override")
    assert (log.object_id, log.reason) == (str(programme.pk), "Sesja nadzwyczajna Rady.")


def test_the_new_programme_form_offers_no_override_before_a_refusal(client, staff, areas):
    client.force_login(staff)
    body = client.get(NEW).content.decode()
    assert 'name="justification"' not in body
    assert body.count('type="checkbox" name="task_areas"') == 16


def test_invalid_programme_input_shows_field_errors_and_saves_nothing(client, staff, areas):
    client.force_login(staff)
    response = client.post(NEW, programme_data(kind="multi_year", year_to="2031", title=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_title_error"' in body
    assert not Programme.objects.exists()
    response = client.post(NEW, programme_data(kind="multi_year", year_to="2031"))
    assert 'id="id_year_to_error"' in response.content.decode()
    assert "od 2 do 11 lat" in response.content.decode()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.COORDINATING_TEAM, Role.MODERATOR])
def test_others_get_a_403_with_the_reason(client, make_user, areas, role):
    client.force_login(make_user(role))
    for response in (client.get(NEW), client.post(NEW, programme_data())):
        assert response.status_code == 403
        assert "pracownik urzędu" in response.content.decode()
    assert not Programme.objects.exists()


def test_anonymous_is_sent_to_login(client, areas):
    response = client.post(NEW, programme_data())
    assert response.status_code == 302 and "/logowanie/" in response["Location"]
    assert not Programme.objects.exists()


def test_the_new_programme_link_is_for_staff_only(client, staff, resident, coordinator):
    client.force_login(staff)
    assert NEW in client.get("/konsultacje/").content.decode()
    assert NEW in client.get("/panel/").content.decode()
    for other in (resident, coordinator):
        client.force_login(other)
        assert NEW not in client.get("/konsultacje/").content.decode()
    assert NEW not in client.get("/panel/").content.decode()  # the coordinator's dashboard


def test_the_form_page_has_constant_queries(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    TaskAreaFactory(number=1)
    with django_assert_max_num_queries(8) as few:
        client.get(NEW)
    queries = len(few)  # counted now: the next request resets Django's query log
    for n in range(2, 17):
        TaskAreaFactory(number=n)
    with django_assert_max_num_queries(queries):
        client.get(NEW)


# --- a chapter's draft ------------------------------------------------------------------


@pytest.fixture
def drafting(programme):
    return force_state(programme, "drafting")


@pytest.fixture
def team_chapter(drafting):
    return ChapterFactory(programme=drafting)


@pytest.fixture
def writer(make_user, team_chapter):
    user = make_user(Role.SECTOR_TEAM_MEMBER, username="writer")
    team_chapter.sector_team.members.add(user)
    return user


def edit_url(chapter) -> str:
    return f"/konsultacje/rozdzialy/{chapter.pk}/szkic/"


def block_rows(blocks, *, extra=3, version="", note="") -> dict:
    data = {
        "note": note,
        "version": version,
        "form-TOTAL_FORMS": str(len(blocks) + extra),
        "form-INITIAL_FORMS": "0",
    }
    for i, block in enumerate(blocks):
        for key, value in block.items():
            data[f"form-{i}-{key}"] = value
    for i in range(len(blocks), len(blocks) + extra):
        data[f"form-{i}-kind"] = "text"
    return data


SWOT = [
    {"kind": "strength", "text": "Aktywne organizacje <script>x</script>", "task_areas": ["3"]},
    {"kind": "goal", "text": "Wzmocnienie sektora."},
    {
        "kind": "action",
        "text": "Małe granty.",
        "responsible_unit": "Wydział Polityki Społecznej",
        "indicator": "liczba grantów",
        "budget_estimate": "50000",
    },
]


def test_a_team_member_writes_the_first_draft(client, writer, team_chapter):
    TaskAreaFactory(number=3)
    client.force_login(writer)
    assert client.get(edit_url(team_chapter)).status_code == 200
    response = client.post(edit_url(team_chapter), block_rows(SWOT, note="Pierwszy szkic"))
    assert response.status_code == 302 and response["Location"] == edit_url(team_chapter)
    version = team_chapter.versions.get()
    assert (version.number, version.note, version.is_published) == (1, "Pierwszy szkic", False)
    kinds = [(b.kind, b.budget_estimate) for b in version.blocks.all()]
    assert [k for k, _ in kinds] == ["strength", "goal", "action"]  # blank rows ignored
    assert kinds[2][1] == 50000
    assert [a.number for a in version.blocks.first().task_areas.all()] == [3]
    page = client.get(edit_url(team_chapter)).content.decode()
    assert "Zapisano szkic (wersja 1)" in page
    assert "Aktywne organizacje &lt;script&gt;" in page and "<script>x" not in page


def test_editing_the_draft_keeps_anchors_and_clearing_text_removes_a_block(
    client, writer, team_chapter
):
    client.force_login(writer)
    client.post(edit_url(team_chapter), block_rows(SWOT))
    version = team_chapter.versions.get()
    anchors = list(version.blocks.values_list("anchor", flat=True))
    edited = [
        {"anchor": anchors[0], "kind": "strength", "text": "Aktywne organizacje."},
        {"anchor": anchors[1], "kind": "goal", "text": ""},
        {"anchor": anchors[2], "kind": "action", "text": "Małe granty dla młodych."},
    ]
    response = client.post(edit_url(team_chapter), block_rows(edited, version=1))
    assert response.status_code == 302
    version = team_chapter.versions.get()
    assert list(version.blocks.values_list("anchor", "text")) == [
        (anchors[0], "Aktywne organizacje."),
        (anchors[2], "Małe granty dla młodych."),
    ]


def test_a_published_version_is_not_changed(client, writer, team_chapter):
    client.force_login(writer)
    client.post(edit_url(team_chapter), block_rows(SWOT))
    publish = f"/konsultacje/rozdzialy/{team_chapter.pk}/publikacja/"
    assert client.post(publish, {"version": "1"}).status_code == 302
    # A page still showing the draft of version 1 is saved after it was published.
    stale = block_rows([{"kind": "text", "text": "Zmiana po publikacji."}], version=1)
    response = client.post(edit_url(team_chapter), stale)
    assert response.status_code == 409
    assert "Wersja 1 jest opublikowana i nie można jej zmieniać" in response.content.decode()
    assert "Zmiana po publikacji." not in "".join(
        team_chapter.versions.get().blocks.values_list("text", flat=True)
    )
    # Saved without a draft, it becomes version 2, the published text untouched.
    page = client.get(edit_url(team_chapter)).content.decode()
    assert "zapisanie utworzy szkic wersji 2" in page
    fresh = block_rows([{"kind": "text", "text": "Zmiana po publikacji."}])
    assert client.post(edit_url(team_chapter), fresh).status_code == 302
    versions = [(v.number, v.is_published) for v in team_chapter.versions.all()]
    assert versions == [(1, True), (2, False)]


def test_invalid_block_input_shows_the_error_and_saves_nothing(client, writer, team_chapter):
    client.force_login(writer)
    bad = block_rows([{"kind": "action", "text": "Granty", "budget_estimate": "-5"}])
    response = client.post(edit_url(team_chapter), bad)
    assert response.status_code == 400
    assert 'id="id_form-0-budget_estimate_error"' in response.content.decode()
    empty = block_rows([], extra=2)
    response = client.post(edit_url(team_chapter), empty)
    assert response.status_code == 400
    assert "Podaj treść rozdziału" in response.content.decode()
    assert not ChapterVersion.objects.exists()


def test_another_team_gets_403_and_a_frozen_text_is_refused(client, make_user, team_chapter):
    other = ChapterFactory(programme=team_chapter.programme)
    outsider = make_user(Role.SECTOR_TEAM_MEMBER)
    other.sector_team.members.add(outsider)
    client.force_login(outsider)
    for response in (
        client.get(edit_url(team_chapter)),
        client.post(edit_url(team_chapter), block_rows(SWOT)),
    ):
        assert response.status_code == 403
        assert "Rozdział redaguje jego zespół sektorowy" in response.content.decode()
    staff_user = make_user(Role.COUNCIL_STAFF)
    force_state(team_chapter.programme, "comments_open")
    client.force_login(staff_user)
    response = client.get(edit_url(team_chapter))
    assert response.status_code == 409
    assert "tekstu programu się nie zmienia" in response.content.decode()
    assert not ChapterVersion.objects.exists()


def test_the_coordinating_team_edits_the_final_text(client, coordinator, team_chapter):
    client.force_login(coordinator)
    assert client.get(edit_url(team_chapter)).status_code == 403
    force_state(team_chapter.programme, "answering")
    assert client.post(edit_url(team_chapter), block_rows(SWOT)).status_code == 302
    assert team_chapter.versions.count() == 1


def test_anonymous_is_sent_to_login_from_the_draft(client, team_chapter):
    response = client.get(edit_url(team_chapter))
    assert response.status_code == 302 and "/logowanie/" in response["Location"]


def test_the_programme_page_links_the_writers_chapter_only(client, writer, team_chapter):
    other = ChapterFactory(programme=team_chapter.programme)
    client.force_login(writer)
    page = client.get(f"/konsultacje/{team_chapter.programme_id}/").content.decode()
    assert edit_url(team_chapter) in page and edit_url(other) not in page


def test_the_draft_page_has_constant_queries(
    client, writer, team_chapter, django_assert_max_num_queries
):
    client.force_login(writer)
    client.post(edit_url(team_chapter), block_rows(SWOT[:1]))
    with django_assert_max_num_queries(20) as few:
        client.get(edit_url(team_chapter))
    queries = len(few)  # counted now: the next request resets Django's query log
    client.post(edit_url(team_chapter), block_rows(SWOT * 5, version=1))
    assert team_chapter.versions.get().blocks.count() == 15
    with django_assert_max_num_queries(queries):
        client.get(edit_url(team_chapter))


def test_the_programme_page_links_meeting_planning_for_the_teams_planners(
    client, writer, staff, team_chapter
):
    plan = f"/spotkania/nowe/?zespol={team_chapter.sector_team_id}"
    client.force_login(staff)
    assert plan in client.get(f"/konsultacje/{team_chapter.programme_id}/").content.decode()
    client.force_login(writer)
    assert plan not in client.get(f"/konsultacje/{team_chapter.programme_id}/").content.decode()


def test_the_api_saves_the_schedule_with_the_programme_or_neither(api_as, staff):
    url = "/api/v1/consultations/programmes/"
    late = {
        "title": "Program współpracy na 2032 rok",
        "year_from": 2032,
        "legal_basis": "Uchwała Rady Miasta",
        "planned": {"second_reading": "2031-11-29"},
    }
    response = api_as(staff).post(url, late, format="json")
    assert response.status_code == 409 and response.json()["error"]["details"]["problems"]
    assert not Programme.objects.exists()
    response = api_as(staff).post(url, {**late, "justification": "Sesja."}, format="json")
    assert response.status_code == 201
    programme = Programme.objects.get()
    assert (programme.legal_basis, programme.milestones.count()) == ("Uchwała Rady Miasta", 1)


def test_only_writers_publish_a_draft(client, writer, make_user, team_chapter):
    client.force_login(writer)
    client.post(edit_url(team_chapter), block_rows(SWOT))
    publish = f"/konsultacje/rozdzialy/{team_chapter.pk}/publikacja/"
    outsider = make_user(Role.SECTOR_TEAM_MEMBER)
    ChapterFactory(programme=team_chapter.programme).sector_team.members.add(outsider)
    client.force_login(outsider)
    assert client.post(publish, {"version": "1"}).status_code == 403
    for bad in ("x", "²", str(2**63)):
        assert client.post(publish, {"version": bad}).status_code == 404
    assert not team_chapter.versions.get().is_published
    client.force_login(writer)
    response = client.post(publish, {"version": "1"})
    assert response["Location"].endswith(f"#rozdzial-{team_chapter.pk}")
    assert team_chapter.versions.get().is_published
