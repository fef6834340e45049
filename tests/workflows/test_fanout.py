"""The process's hub: one channel-layer subscription per stream, however many sockets; an
event encoded once; a slow socket holds up nobody; events during a catch-up follow it."""

import asyncio
from collections import deque

import pytest
from channels.layers import get_channel_layer

from tests.workflows.test_live import connect, subscribe, take
from workflows import fanout, live
from workflows.consumers import MAX_BACKLOG, TOO_SLOW, LiveConsumer

pytestmark = pytest.mark.django_db(transaction=True)


async def test_many_sockets_share_one_subscription_and_all_get_the_event(
    petition, owner, monkeypatch
):
    stream, calls = f"petition.{petition.pk}", []
    layer = get_channel_layer()
    for name in ("group_add", "group_discard"):
        real = getattr(layer, name)

        async def spy(group, channel, real=real, name=name):
            calls.append((name, group, channel))
            return await real(group, channel)

        monkeypatch.setattr(layer, name, spy)
    sockets = [await connect(owner) for _ in range(5)]
    for ws in sockets:
        await subscribe(ws, stream)
        await ws.receive_json_from()  # snapshot
    hub = fanout.hub()
    assert calls == [("group_add", live.group_name(stream), hub.channel)]
    assert len(hub.members[live.group_name(stream)]) == 5

    await take(petition, "submit", owner)
    for ws in sockets:
        event = await ws.receive_json_from(timeout=2)
        assert (event["stream"], event["seq"], event["type"]) == (stream, 1, "transition")

    channel = hub.channel
    for ws in sockets:
        await ws.disconnect()
    # The last socket gone, the hub leaves the group and stops.
    assert calls[1:] == [("group_discard", live.group_name(stream), channel)]
    assert hub.task is None and not hub.members


async def test_an_unsubscribed_socket_gets_nothing_more(petition, owner):
    stream = f"petition.{petition.pk}"
    stays, leaves = await connect(owner), await connect(owner)
    for ws in (stays, leaves):
        await subscribe(ws, stream)
        await ws.receive_json_from()
    await leaves.send_json_to({"action": "unsubscribe", "stream": stream})
    assert (await leaves.receive_json_from())["type"] == "unsubscribed"
    await take(petition, "submit", owner)
    assert (await stays.receive_json_from(timeout=2))["seq"] == 1
    assert await leaves.receive_nothing(timeout=0.3)
    await stays.disconnect()
    await leaves.disconnect()


class Recorder:
    """A socket as the hub sees it, whose writes wait until it is let go."""

    def __init__(self, blocked: bool):
        self.frames: list[str] = []
        self.gate = asyncio.Event()
        if not blocked:
            self.gate.set()

    async def send(self, text_data):
        await self.gate.wait()
        self.frames.append(text_data)

    async def close(self, code, reason):
        self.closed = code


def socket_on(stream: str, blocked: bool) -> LiveConsumer:
    consumer = LiveConsumer()
    recorder = Recorder(blocked)
    consumer.send, consumer.close = recorder.send, recorder.close
    consumer.recorder = recorder
    consumer.last_sent, consumer.joining = {stream: 0}, {}
    consumer.backlog, consumer.writing, consumer.too_slow = deque(), None, False
    return consumer


async def test_a_slow_socket_holds_up_nobody_and_gets_its_frames_in_order():
    stream = "petition.1"
    slow, quick = socket_on(stream, blocked=True), socket_on(stream, blocked=False)
    for seq in (1, 2, 3):
        for consumer in (slow, quick):
            consumer.push(stream, seq, f"frame {seq}")
    assert quick.recorder.frames == ["frame 1", "frame 2", "frame 3"]
    assert slow.recorder.frames == [] and list(slow.backlog) == ["frame 2", "frame 3"]
    slow.recorder.gate.set()
    await slow.writing
    assert slow.recorder.frames == ["frame 1", "frame 2", "frame 3"]
    assert slow.writing is None


async def test_a_socket_too_slow_for_its_backlog_is_closed_to_resync():
    stream = "petition.1"
    slow = socket_on(stream, blocked=True)
    for seq in range(1, MAX_BACKLOG + 3):
        slow.push(stream, seq, f"frame {seq}")
    assert slow.too_slow and not slow.backlog
    slow.recorder.gate.set()
    await slow.writing
    assert slow.recorder.closed == TOO_SLOW


async def test_an_event_during_the_catch_up_follows_it(petition, owner, monkeypatch):
    stream = f"petition.{petition.pk}"
    real = LiveConsumer._catch_up

    def catch_up_then_event(self, found, stream, last_seq):
        found_now = real(self, found, stream, last_seq)
        # Committed after the catch-up read it: only the hub brings it.
        from workflows.services import advance

        advance(petition, "submit", by=owner)
        return found_now

    monkeypatch.setattr(LiveConsumer, "_catch_up", catch_up_then_event)
    ws = await connect(owner)
    assert (await subscribe(ws, stream))["type"] == "subscribed"
    assert (await ws.receive_json_from())["type"] == "snapshot"
    event = await ws.receive_json_from(timeout=2)
    assert (event["type"], event["seq"]) == ("transition", 1)
    await ws.disconnect()
