"""Live events over /ws/: after commit only, numbered, replayed on reconnect, access-checked."""

import asyncio
import threading

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction

from tests.workflows.engine_app.models import Petition
from workflows import live
from workflows.consumers import LiveConsumer
from workflows.live import publish
from workflows.models import LiveEvent
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db(transaction=True)


async def connect(user=None):
    communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/")
    if user is not None:
        communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def subscribe(communicator, stream, last_seq=None):
    await communicator.send_json_to({"action": "subscribe", "stream": stream, "last_seq": last_seq})
    return await communicator.receive_json_from()


@database_sync_to_async
def take(petition, name, by):
    return advance(petition, name, by=by)


@database_sync_to_async
def take_then_roll_back(petition, owner):
    with pytest.raises(RuntimeError), transaction.atomic():
        advance(petition, "submit", by=owner)
        raise RuntimeError("rolled back")


async def test_event_arrives_after_commit(petition, owner):
    ws = await connect(owner)
    subscribed = await subscribe(ws, f"petition.{petition.pk}")
    assert subscribed == {"type": "subscribed", "stream": f"petition.{petition.pk}", "seq": 0}
    snapshot = await ws.receive_json_from()
    assert snapshot["type"] == "snapshot" and snapshot["data"]["state"] == "draft"

    await take(petition, "submit", owner)
    event = await ws.receive_json_from(timeout=2)
    assert (event["type"], event["seq"], event["data"]["to"]) == ("transition", 1, "submitted")
    await ws.disconnect()


async def test_no_event_after_rollback(petition, owner):
    ws = await connect(owner)
    await subscribe(ws, f"petition.{petition.pk}")
    await ws.receive_json_from()  # snapshot
    await take_then_roll_back(petition, owner)
    assert await ws.receive_nothing(timeout=0.3)
    assert (await database_sync_to_async(Petition.objects.get)()).state == "draft"
    await ws.disconnect()


async def test_reconnecting_client_gets_what_it_missed(petition, owner):
    stream = f"petition.{petition.pk}"
    ws = await connect(owner)
    await subscribe(ws, stream)
    await ws.receive_json_from()
    await take(petition, "submit", owner)
    first = await ws.receive_json_from(timeout=2)
    await ws.disconnect()

    await take(petition, "close", SYSTEM)
    await database_sync_to_async(publish)(stream, "note", {"text": "po zamknięciu"})

    ws = await connect(owner)
    resumed = await subscribe(ws, stream, last_seq=first["seq"])
    assert resumed["seq"] == 3
    missed = [await ws.receive_json_from(), await ws.receive_json_from()]
    assert [(e["seq"], e["type"]) for e in missed] == [(2, "transition"), (3, "note")]
    assert await ws.receive_nothing(timeout=0.2)
    await ws.disconnect()


async def test_client_too_far_behind_gets_a_snapshot(petition, owner, settings):
    settings.LIVE_REPLAY_LIMIT = 1
    stream = f"petition.{petition.pk}"
    for n in range(3):
        await database_sync_to_async(publish)(stream, "note", {"n": n})
    ws = await connect(owner)
    await subscribe(ws, stream, last_seq=0)
    snapshot = await ws.receive_json_from()
    assert (snapshot["type"], snapshot["seq"]) == ("snapshot", 3)
    await ws.disconnect()


async def test_stream_the_user_may_not_read_is_refused(petition, make_user):
    await database_sync_to_async(Petition.objects.filter(pk=petition.pk).update)(is_public=False)
    stranger = await database_sync_to_async(make_user)(username="stranger")
    ws = await connect(stranger)
    reply = await subscribe(ws, f"petition.{petition.pk}")
    assert (reply["type"], reply["code"]) == ("error", "forbidden")
    await take(petition, "submit", petition.owner)
    assert await ws.receive_nothing(timeout=0.3)
    await ws.disconnect()


async def test_unknown_stream_is_refused_like_a_forbidden_one(owner):
    ws = await connect(owner)
    for stream in ["nothing.1", "petition.999999", "../etc", 42]:
        reply = await subscribe(ws, stream)
        assert reply["type"] == "error"
    await ws.disconnect()


async def test_malformed_frames_get_an_error_and_the_connection_stays_usable(owner):
    ws = await connect(owner)
    await ws.send_to(text_data="not json")
    assert (await ws.receive_json_from())["type"] == "error"
    await ws.send_json_to(["a", "list"])
    assert (await ws.receive_json_from())["type"] == "error"
    await ws.send_json_to({"action": "fly"})
    assert (await ws.receive_json_from())["message"].startswith("Nieznana czynność")
    await ws.send_json_to({"action": "ping", "ref": "r1"})
    assert await ws.receive_json_from() == {"type": "pong", "ref": "r1", "t": None}
    await ws.disconnect()


async def test_flood_is_rate_limited(owner):
    ws = await connect(owner)
    for _ in range(40):
        await ws.send_json_to({"action": "ping"})
    replies = [await ws.receive_json_from() for _ in range(40)]
    assert any(r.get("code") == "rate_limited" for r in replies)
    await ws.disconnect()


def test_write_succeeds_and_failure_is_logged_when_redis_is_down(petition, owner, settings, caplog):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},  # nothing listens on port 1
        }
    }
    with caplog.at_level("WARNING", logger="workflows.live"):
        advance(petition, "submit", by=owner)
    assert Petition.objects.get().state == "submitted"
    assert "live delivery to petition." in caplog.text
    assert LiveEvent.objects.get().seq == 1  # kept for the resync once Redis is back


async def test_subscribing_survives_a_layer_that_fails_while_it_reconnects(
    petition, owner, monkeypatch
):
    # After a Redis restart, redis-py's pub/sub reconnect can race the layer's receiver.
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    real_add, failures = layer.group_add, [RuntimeError("readuntil() called while..."), TypeError()]

    async def flaky_add(group, channel):
        if failures:
            raise failures.pop(0)
        return await real_add(group, channel)

    monkeypatch.setattr(layer, "group_add", flaky_add)
    ws = await connect(owner)
    subscribed = await subscribe(ws, f"petition.{petition.pk}")
    assert subscribed["type"] == "subscribed" and not failures
    await ws.receive_json_from()  # snapshot
    await take(petition, "submit", owner)
    assert (await ws.receive_json_from(timeout=2))["type"] == "transition"
    await ws.disconnect()


def test_a_background_thread_sends_all_its_events_on_one_loop(monkeypatch):
    """The turnout thread sends 4 times a second: a loop (and a Redis connection) per send
    was half its cost."""

    loops = []

    class Layer:
        async def group_send(self, group, message):
            loops.append((group, message["event"]["seq"], asyncio.get_running_loop()))

    def per_call_loop(_):
        raise AssertionError("async_to_sync makes a loop per call")

    monkeypatch.setattr(live, "get_channel_layer", Layer)
    monkeypatch.setattr(live, "async_to_sync", per_call_loop)

    def run():
        with live.thread_loop():
            for seq in (1, 2, 3):
                live.send("petition.7", {"seq": seq})

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert [(group, seq) for group, seq, _ in loops] == [
        (live.group_name("petition.7"), n) for n in (1, 2, 3)
    ]
    assert len({id(loop) for _, _, loop in loops}) == 1
