"""Ids and numbers in bodies, query strings, websocket frames and stream names: "²" (which
`isdigit()` accepts and `int()` refuses) and an id past 2**63-1 get the 400/404 of the
endpoint's other bad input, never a 500 (workflows.parsing)."""

import pytest
from channels.testing import WebsocketCommunicator

from config.asgi import application
from tests.budget.factories import EditionFactory, PoolFactory, ProposalFactory, schedule
from tests.consultations.factories import ChapterFactory
from workflows.accounts.models import Role

BAD = ["²", "99999999999999999999"]

# (method, url, field, other fields, status); the bad value goes into `field`, in the
# query string for GET and in the JSON body otherwise.
CASES = {
    "proposal list edition": ("get", "/api/v1/budget/proposals/", "edition", {}, 400),
    "proposal list district": ("get", "/api/v1/budget/proposals/", "district", {}, 400),
    "implementation list": ("get", "/api/v1/budget/implementations/", "edition", {}, 400),
    "new proposal edition": ("post", "/api/v1/budget/proposals/", "edition", {}, 404),
    "new proposal pool": (
        "post",
        "/api/v1/budget/proposals/",
        "pool",
        {"edition": "{submission}", "title": "Ławki"},
        400,
    ),
    "merge target": ("post", "/api/v1/budget/proposals/{draft}/merge/", "target", {}, 400),
    "pool district": (
        "put",
        "/api/v1/budget/editions/{draft_edition}/pools/",
        "district",
        {"name": "Pula", "amount": "1000", "max_project_cost": "100", "population": 1000},
        404,
    ),
    "implementing unit": ("post", "/api/v1/budget/implementations/{selected}/", "unit", {}, 400),
    "verifying unit": (
        "post",
        "/api/v1/workflows/proposal/{submitted}/transitions/pass_formal_check/",
        "unit",
        {},
        400,
    ),
    "meeting list team": ("get", "/api/v1/meetings/", "team", {}, 400),
    "comment list chapter": (
        "get",
        "/api/v1/consultations/programmes/{programme}/comments/",
        "chapter",
        {},
        400,
    ),
    "new comment organisation": (
        "post",
        "/api/v1/consultations/programmes/{programme}/comments/",
        "organisation",
        {},
        400,
    ),
    "chapter diff": (
        "get",
        "/api/v1/consultations/chapters/{chapter}/diff/",
        "from",
        {"to": "1"},
        400,
    ),
    "implementation page district": ("get", "/budzet/{year}/realizacja/", "dzielnica", {}, 404),
}


@pytest.fixture
def world(make_user):
    admin = make_user(Role.ADMINISTRATOR, *Role)
    draft_edition = EditionFactory(state="draft")
    submission = EditionFactory(state="submission")
    PoolFactory(edition=submission)
    schedule(submission, "submission")
    public = EditionFactory(state="submission")
    chapter = ChapterFactory()
    return admin, {
        "draft_edition": draft_edition.pk,
        "submission": submission.pk,
        "year": public.year,
        "draft": ProposalFactory(author=admin).pk,
        "selected": ProposalFactory(author=admin, state="selected").pk,
        "submitted": ProposalFactory(author=admin, state="submitted").pk,
        "programme": chapter.programme.pk,
        "chapter": chapter.pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("case", CASES)
def test_a_bad_number_is_a_clear_refusal(client, world, case, value):
    admin, ids = world
    method, url, field, others, status = CASES[case]
    url = url.format(**ids)
    data = {k: v.format(**ids) if isinstance(v, str) else v for k, v in others.items()}
    data[field] = value
    client.force_login(admin)
    if method == "get":
        response = client.get(url, data)
    else:
        response = getattr(client, method)(url, data, content_type="application/json")
    assert response.status_code == status, (response.status_code, response.content[:300])
    if url.startswith("/api/"):
        assert response.json()["error"]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_a_bad_chapter_on_the_comment_form_is_no_chapter(client, world, value):
    admin, ids = world
    client.force_login(admin)
    response = client.get(f"/konsultacje/{ids['programme']}/uwagi/nowa/", {"rozdzial": value})
    assert response.status_code == 200


async def _frames(user, *messages) -> list[dict]:
    ws = WebsocketCommunicator(
        application, "/ws/", headers=[(b"origin", b"http://testserver"), (b"host", b"testserver")]
    )
    ws.scope["user"] = user
    connected, _ = await ws.connect()
    assert connected
    replies = []
    for message in messages:
        await ws.send_json_to(message)
        replies.append(await ws.receive_json_from(timeout=3))
    await ws.disconnect()
    return replies


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize("prefix", ["edition", "meeting", "consultation", "proposal", "petition"])
async def test_a_stream_of_an_id_out_of_range_is_forbidden(make_user, prefix):
    from asgiref.sync import sync_to_async

    admin = await sync_to_async(make_user)(Role.ADMINISTRATOR, *Role)
    (frame,) = await _frames(
        admin, {"action": "subscribe", "stream": f"{prefix}.99999999999999999999"}
    )
    assert frame["type"] == "error" and frame["code"] == "forbidden", frame


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize("value", BAD)
async def test_a_meeting_command_with_a_bad_id_is_refused(make_user, value):
    from asgiref.sync import sync_to_async

    admin = await sync_to_async(make_user)(Role.ADMINISTRATOR, *Role)
    (frame,) = await _frames(admin, {"action": "meeting.check_in", "meeting": value})
    assert frame["type"] == "error" and frame["code"] != "server_error", frame
    assert "meeting" in frame["message"], frame


@pytest.mark.parametrize("value", [*BAD, "١٢", 12.0, True])
def test_a_ballot_with_a_bad_pool_id_is_refused_by_the_rules(value):
    from budget.ballot_rules import validate
    from workflows.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        validate(None, {}, [{"pool": value, "choices": []}])
    assert refused.value.details["rule"] == "pool_of_edition"


@pytest.mark.parametrize("value", [*BAD, "-1", 12.0, True, "١٢"])
def test_a_count_of_votes_is_ascii_digits_within_its_column(value):
    from consultations.inputs import CouncilVoteInput

    vote = {"resolution_number": "XV/1/2026", "resolution_date": "2026-11-30"}
    typed = CouncilVoteInput(data={**vote, "votes_for": " 12 ", "votes_against": 0})
    assert typed.is_valid() and typed.validated_data["votes_for"] == 12
    refused = CouncilVoteInput(data={**vote, "votes_for": value, "votes_against": 0})
    assert not refused.is_valid() and set(refused.errors) == {"votes_for"}


@pytest.mark.parametrize("number", [*BAD, "١٢"])
def test_a_districts_csv_with_a_bad_number_names_the_line(number):
    from districts.services import parse_districts_csv
    from workflows.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Wiersz 2: potrzebny numer"):
        parse_districts_csv(f"number,name\n{number},Stare Miasto\n")
