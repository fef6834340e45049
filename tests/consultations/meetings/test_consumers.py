"""A whole meeting over websockets: moderator, participant and observer connected at once."""

from datetime import datetime, timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from consultations.meetings import services
from consultations.meetings.events import EVENT_KEYS
from consultations.meetings.models import Meeting, QueuedHand

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

THIS = "this meeting"  # replaced by the test meeting's id
HEADERS = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


async def connect(user):
    communicator = WebsocketCommunicator(application, "/ws/", headers=HEADERS)
    if user is not None:
        communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


class Client:
    """A websocket client that remembers every event it received."""

    def __init__(self, communicator):
        self.ws = communicator
        self.events: list[dict] = []
        self.snapshot: dict | None = None

    async def subscribe(self, meeting, last_seq=None):
        await self.ws.send_json_to(
            {"action": "subscribe", "stream": f"meeting.{meeting.pk}", "last_seq": last_seq}
        )
        subscribed = await self.ws.receive_json_from()
        assert subscribed["type"] == "subscribed", subscribed
        if last_seq is None:
            frame = await self.ws.receive_json_from()
            assert frame["type"] == "snapshot"
            self.snapshot = frame["data"]
        return subscribed

    async def command(self, action, **fields):
        """Send a command; return its reply or error (events that arrive first are kept)."""

        await self.ws.send_json_to({"action": action, "ref": action, **fields})
        while True:
            frame = await self.ws.receive_json_from(timeout=3)
            if frame["type"] in ("reply", "error"):
                return frame
            self.events.append(frame)

    async def next_event(self, type_):
        for index, event in enumerate(self.events):
            if event["type"] == type_:
                return self.events.pop(index)
        while True:
            frame = await self.ws.receive_json_from(timeout=3)
            if frame["type"] == type_:
                return frame
            self.events.append(frame)

    async def close(self):
        await self.ws.disconnect()


def check_event(event):
    if event["type"] == "transition":
        return
    assert set(event["data"]) == EVENT_KEYS[event["type"]], event


@pytest.fixture
def users(moderator, member, expert, observer):
    return {"moderator": moderator, "member": member, "expert": expert, "observer": observer}


async def room(users, meeting, *names):
    clients = []
    for name in names:
        client = Client(await connect(users[name]))
        await client.subscribe(meeting)
        clients.append(client)
    return clients


async def test_whole_meeting_live(users, meeting, moderator, member, expert):
    mod, part, obs = await room(users, meeting, "moderator", "member", "observer")
    assert obs.snapshot["state"] == "planned"
    assert obs.snapshot["you"]["role"] == "observer"
    assert part.snapshot["you"]["role"] == "participant"

    await sync_to_async(services.open_meeting)(meeting=meeting, by=moderator)
    for client in (mod, part, obs):
        event = await client.next_event("transition")
        assert event["data"]["to"] == "open"

    items = obs.snapshot["agenda"]
    reply = await mod.command("meeting.open_item", meeting=meeting.pk, item=items[0]["id"])
    assert reply["type"] == "reply"
    opened = await obs.next_event("item_opened")
    assert opened["data"]["current_item"] == items[0]["id"]

    reply = await part.command("meeting.raise_hand", meeting=meeting.pk)
    assert reply["data"]["queue"][0]["user"]["id"] == member.pk
    raised = await obs.next_event("hand_raised")
    assert raised["data"]["user"] == {"id": member.pk, "name": "Maria Zespołowa"}

    reply = await mod.command("meeting.give_floor", meeting=meeting.pk)
    assert reply["type"] == "reply", reply
    for client in (mod, part, obs):
        given = await client.next_event("floor_given")
        floor = given["data"]["floor"]
        assert floor["speaker"] == {"id": member.pk, "name": "Maria Zespołowa"}
        assert floor["limit_seconds"] == 120
        assert given["data"]["ended"] is None
        datetime.fromisoformat(floor["started_at"])  # server clock, ISO 8601

    reply = await part.command("meeting.add_contribution", meeting=meeting.pk, text="Głos")
    assert reply["type"] == "reply"
    assert (await obs.next_event("contribution_added"))["data"]["contribution"]["text"] == "Głos"

    reply = await mod.command(
        "meeting.record_decision", meeting=meeting.pk, outcome="consensus", text="Ustalono."
    )
    assert reply["data"]["decision"]["outcome"] == "consensus"
    assert (await obs.next_event("decision_recorded"))["data"]["decision"]["text"] == "Ustalono."

    reply = await mod.command("meeting.close_item", meeting=meeting.pk)
    assert reply["type"] == "reply"
    closed = await obs.next_event("item_closed")
    assert closed["data"]["floor"] is None and closed["data"]["item"]["status"] == "closed"

    await sync_to_async(services.close_meeting)(meeting=meeting, by=moderator)
    assert (await obs.next_event("transition"))["data"]["to"] == "closed"
    reply = await part.command("meeting.raise_hand", meeting=meeting.pk)
    assert (reply["type"], reply["status"]) == ("error", 409)

    for event in obs.events + mod.events + part.events:
        check_event(event)
    for client in (mod, part, obs):
        await client.close()


async def test_late_joiner_gets_the_floor_with_server_clock(users, item_open, member):
    meeting = item_open.meeting
    await sync_to_async(services.raise_hand)(meeting=meeting, user=member)
    speech = await sync_to_async(services.give_floor)(meeting=meeting, by=meeting.moderator)
    (late,) = await room(users, meeting, "observer")
    floor = late.snapshot["floor"]
    assert floor["speaker"]["id"] == member.pk
    # ISO text carries milliseconds.
    started = datetime.fromisoformat(floor["started_at"])
    assert abs(started - speech.started_at) < timedelta(milliseconds=1)
    assert floor["limit_seconds"] == 120
    assert datetime.fromisoformat(late.snapshot["server_now"]) >= speech.started_at
    assert late.snapshot["current_item"] == item_open.pk
    await late.close()


async def test_reconnecting_client_replays_what_it_missed(users, item_open, member, expert):
    meeting = item_open.meeting
    (part,) = await room(users, meeting, "member")
    seq = (await part.subscribe(meeting))["seq"]
    await part.close()
    await sync_to_async(services.raise_hand)(meeting=meeting, user=expert)
    again = Client(await connect(member))
    await again.subscribe(meeting, last_seq=seq)
    missed = await again.ws.receive_json_from()
    assert (missed["type"], missed["seq"]) == ("hand_raised", seq + 1)
    await again.close()


async def test_only_the_moderator_gives_the_floor(users, item_open, member, expert):
    meeting = item_open.meeting
    part, exp = await room(users, meeting, "member", "expert")
    await exp.command("meeting.raise_hand", meeting=meeting.pk)
    reply = await part.command("meeting.give_floor", meeting=meeting.pk)
    assert (reply["type"], reply["status"], reply["code"]) == ("error", 403, "forbidden")
    assert reply["message"] == "Tylko moderator tego spotkania może to zrobić."
    await part.close()
    await exp.close()


async def test_observer_cannot_raise_a_hand(users, open_meeting):
    (obs,) = await room(users, open_meeting, "observer")
    reply = await obs.command("meeting.raise_hand", meeting=open_meeting.pk)
    assert (reply["type"], reply["status"]) == ("error", 403)
    assert await sync_to_async(QueuedHand.objects.count)() == 0
    await obs.close()


async def test_anonymous_may_watch_but_not_act(open_meeting):
    anon = Client(await connect(None))
    await anon.subscribe(open_meeting)
    assert anon.snapshot["you"]["role"] == "observer"
    reply = await anon.command("meeting.raise_hand", meeting=open_meeting.pk)
    assert (reply["type"], reply["status"]) == ("error", 403)
    await anon.close()


@pytest.mark.parametrize(
    "frame",
    [
        {"action": "meeting.raise_hand"},
        {"action": "meeting.raise_hand", "meeting": "abc"},
        {"action": "meeting.raise_hand", "meeting": [1]},
        {"action": "meeting.raise_hand", "meeting": True},
        {"action": "meeting.open_item", "meeting": THIS},
        {"action": "meeting.give_floor", "meeting": THIS, "user": {"id": 1}},
        {"action": "meeting.record_decision", "meeting": THIS, "outcome": ["x"], "text": 5},
        {"action": "meeting.add_contribution", "meeting": THIS, "text": None},
        {"action": "meeting.teleport", "meeting": THIS},
    ],
)
async def test_malformed_frames_get_an_error_and_change_nothing(users, item_open, frame):
    meeting = item_open.meeting
    if frame.get("meeting") == THIS:
        frame = {**frame, "meeting": meeting.pk}
    (mod,) = await room(users, meeting, "moderator")
    before = await sync_to_async(Meeting.objects.values().get)(pk=meeting.pk)
    await mod.ws.send_json_to(frame)
    error = await mod.ws.receive_json_from()
    assert error["type"] == "error" and error["message"]
    assert await sync_to_async(Meeting.objects.values().get)(pk=meeting.pk) == before
    # The connection is still usable.
    await mod.ws.send_json_to({"action": "ping", "ref": "p"})
    assert (await mod.ws.receive_json_from())["type"] == "pong"
    await mod.close()


async def test_not_json_gets_an_error_frame(users, open_meeting):
    (mod,) = await room(users, open_meeting, "moderator")
    await mod.ws.send_to(text_data="{not json")
    assert (await mod.ws.receive_json_from())["type"] == "error"
    await mod.ws.send_json_to({"action": "ping"})
    assert (await mod.ws.receive_json_from())["type"] == "pong"
    await mod.close()


async def test_hand_toggle_flood_gets_rate_limited_frames(users, open_meeting):
    (part,) = await room(users, open_meeting, "member")
    replies = []
    for n in range(10):
        action = "meeting.raise_hand" if n % 2 == 0 else "meeting.lower_hand"
        replies.append(await part.command(action, meeting=open_meeting.pk))
    assert [r["type"] for r in replies[:6]] == ["reply"] * 6
    assert {(r["type"], r["code"], r["status"]) for r in replies[6:]} == {
        ("error", "rate_limited", 429)
    }
    assert await sync_to_async(QueuedHand.objects.count)() == 0
    await part.close()


async def test_live_events_are_delivered_without_the_sync_thread_hop(
    users, open_meeting, member, monkeypatch
):
    """Channels closes stale DB connections (through the one sync thread) before each message;
    a fan-out to 200 clients must not take that hop 200 times (see bench/meetings.py)."""

    import channels.consumer

    hops = []
    real = channels.consumer.aclose_old_connections

    async def counted():
        hops.append(1)
        await real()

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)
    (obs,) = await room(users, open_meeting, "observer")
    hops.clear()
    await sync_to_async(services.raise_hand)(meeting=open_meeting, user=member)
    assert (await obs.next_event("hand_raised"))["data"]["user"]["id"] == member.pk
    assert hops == []
    await obs.close()
