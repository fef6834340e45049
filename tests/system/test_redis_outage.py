"""Redis stops during voting and during a live meeting.

The test starts its own redis-server (never the shared one), points the channel layer and
the cache at it, and shuts it down mid-test. Ballots and the moderator's actions are still
accepted (delivery failures are logged and swallowed after commit); once Redis is back a
client that reconnects with its last sequence number is replayed every event it missed, in
order, and then receives new events live.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from config.asgi import application
from tests.system import support
from tests.system.builders import meeting as build_meeting
from tests.system.voting import ballot_body, voting_edition
from workflows.models import LiveEvent

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def own_redis(settings):
    if not support.redis_available():
        pytest.skip("redis-server is not installed")
    port = support.free_port()
    support.start_redis(port)
    url = f"redis://127.0.0.1:{port}/5"
    layer = settings.CHANNEL_LAYERS["default"]
    if "hosts" not in layer.get("CONFIG", {}):
        pytest.skip("needs the Redis channel layer configuration (set REDIS_URL)")
    # The project's own layer (backend and options), pointed at this test's Redis.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": layer["BACKEND"],
            "CONFIG": {
                **layer["CONFIG"],
                "hosts": [{**layer["CONFIG"]["hosts"][0], "address": url}],
                "prefix": f"system{port}",
            },
        }
    }
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    yield port
    support.stop_redis(port)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


async def subscribe(user, stream, last_seq=None) -> tuple[WebsocketCommunicator, list[dict]]:
    """Connect, subscribe, and collect the frames that the subscription sends at once."""

    socket = WebsocketCommunicator(application, "/ws/", headers=[(b"origin", b"http://testserver")])
    socket.scope["user"] = user
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"action": "subscribe", "stream": stream, "last_seq": last_seq})
    frames = [await socket.receive_json_from(timeout=5)]
    assert frames[0]["type"] == "subscribed", frames[0]
    while not await socket.receive_nothing(timeout=0.3):
        frames.append(await socket.receive_json_from())
    return socket, frames


@sync_to_async
def post(user, url, body=None):
    response = client_for(user).post(url, body or {}, format="json")
    return response.status_code, response.json()


@sync_to_async
def stored_seqs(stream) -> list[int]:
    events = LiveEvent.objects.filter(stream=stream).order_by("seq")
    return list(events.values_list("seq", flat=True))


async def test_meeting_and_voting_carry_on_without_redis_and_clients_resync(own_redis, make_user):
    meeting, extras = await sync_to_async(build_meeting)(make_user)
    moderator = extras["meeting moderator"]
    items = await sync_to_async(lambda: list(meeting.items.order_by("position")))()
    box = await sync_to_async(voting_edition)(await sync_to_async(make_user)())
    stream = f"meeting.{meeting.pk}"
    m = f"/api/v1/meetings/{meeting.pk}/"

    # Before the outage: a client follows the meeting live.
    assert (await post(moderator, f"{m}open/"))[0] == 200
    socket, _ = await subscribe(moderator, stream)
    assert (await post(moderator, f"{m}items/{items[0].pk}/open/"))[0] == 200
    event = await socket.receive_json_from(timeout=5)
    assert event["type"] == "item_opened"
    last_seen = event["seq"]
    await socket.disconnect()

    support.stop_redis(own_redis)
    # During the outage every write is accepted.
    during = [
        await post(moderator, f"{m}items/{items[0].pk}/close/"),
        await post(moderator, f"{m}items/{items[1].pk}/open/"),
        await post(moderator, f"{m}items/{items[1].pk}/close/"),
    ]
    assert [status for status, _ in during] == [200, 200, 200], during
    ballots = [await sync_to_async(APIClient().post)(
        box.cast_url, ballot_body(box, n), format="json") for n in range(5)]  # fmt: skip
    assert [b.status_code for b in ballots] == [201] * 5

    support.start_redis(own_redis)
    # The client reconnects with its last sequence number and gets exactly what it missed.
    socket, frames = await subscribe(moderator, stream, last_seq=last_seen)
    replayed = [f["seq"] for f in frames if f.get("seq") and f["type"] not in ("subscribed",)]
    missed = [s for s in await stored_seqs(stream) if s > last_seen]
    assert missed, "the writes during the outage published no event"
    assert replayed == missed
    assert frames[0]["seq"] == missed[-1]
    # ...and then new events live again.
    assert (await post(moderator, f"{m}items/{items[2].pk}/open/"))[0] == 200
    event = await socket.receive_json_from(timeout=5)
    assert event["type"] == "item_opened" and event["seq"] == missed[-1] + 1
    await socket.disconnect()

    # The turnout stream's snapshot after the outage counts every ballot cast during it.
    socket, frames = await subscribe(moderator, f"edition.{box.edition.pk}")
    snapshot = next(f for f in frames if f["type"] == "snapshot")
    assert snapshot["data"]["total"] == 5
    await socket.disconnect()
