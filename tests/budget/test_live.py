"""Turnout on `edition.<id>`: a snapshot on subscribe, then coalesced updates."""

import math
import time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from budget import turnout
from config.asgi import application

from .conftest import make_edition
from .factories import ProposalFactory
from .pesel import adult

INTERVAL = 0.25


def _setup(author_name):
    from workflows.accounts.models import User

    author = User.objects.create_user(username=author_name)
    edition, city, _district = make_edition("voting", "voting")
    projects = [ProposalFactory(pool=city, author=author, state="on_ballot") for _ in range(2)]
    edition.save()
    return edition, city, projects


def _cast_many(edition, city, project, count):
    from budget.services.voting import cast_ballot

    for n in range(count):
        cast_ballot(
            edition_id=edition.pk,
            identification={
                "method": "pesel",
                "pesel": adult(5000 + n),
                "first_name": "A",
                "last_name": "B",
                "residence_declared": True,
            },
            selections=[{"pool": city.pk, "choices": [{"proposal": project.pk}]}],
        )


async def _receive_until_quiet(ws, quiet: float) -> list[dict]:
    # receive_json_from() cancels the app on a timeout; receive_nothing() does not.
    frames = []
    while not await ws.receive_nothing(timeout=quiet, interval=0.02):
        frames.append(await ws.receive_json_from())
    return frames


@pytest.mark.django_db(transaction=True)
async def test_turnout_is_live_and_coalesced(settings):
    settings.BUDGET_TURNOUT_INTERVAL = INTERVAL
    edition, city, projects = await database_sync_to_async(_setup)("autor-live")
    ws = WebsocketCommunicator(application, "/ws/", headers=[(b"origin", b"http://testserver")])
    connected, _ = await ws.connect()
    assert connected
    await ws.send_json_to({"action": "subscribe", "stream": f"edition.{edition.pk}"})
    assert (await ws.receive_json_from())["type"] == "subscribed"
    snapshot = await ws.receive_json_from()
    assert snapshot["type"] == "snapshot" and snapshot["data"]["total"] == 0

    started = time.monotonic()
    await database_sync_to_async(_cast_many)(edition, city, projects[0], 30)
    frames = await _receive_until_quiet(ws, quiet=1.0)
    elapsed = time.monotonic() - started - 1.0
    await database_sync_to_async(turnout.wait_idle)()
    await ws.disconnect()

    updates = [f for f in frames if f.get("type") == "turnout"]
    assert updates, frames
    # at most one message per slot (plus the trailing one), far fewer than 30 ballots
    assert len(updates) <= math.ceil(elapsed / INTERVAL) + 2 < 30
    last = updates[-1]["data"]
    assert last["total"] == 30  # the trailing update carries the final count
    assert last["by_pool"] == {str(city.pk): 30}
    assert last["by_age_band"] == {"35-49": 30}
    assert "votes" not in str(updates)


@pytest.mark.django_db(transaction=True)
async def test_draft_edition_stream_is_refused(settings):
    from budget.models import Edition

    edition, _, _ = await database_sync_to_async(_setup)("autor-draft")
    await database_sync_to_async(
        lambda: Edition.objects.filter(pk=edition.pk).update(state="draft")
    )()
    ws = WebsocketCommunicator(application, "/ws/", headers=[(b"origin", b"http://testserver")])
    await ws.connect()
    await ws.send_json_to({"action": "subscribe", "stream": f"edition.{edition.pk}"})
    reply = await ws.receive_json_from()
    assert reply["type"] == "error" and reply["code"] == "forbidden"
    await ws.disconnect()
