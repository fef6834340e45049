"""The unread count over the websocket: a person's own stream, and nobody else's."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from notifications import dispatch, services
from workflows.accounts.models import User
from workflows.consumers import LiveConsumer

pytestmark = pytest.mark.django_db(transaction=True)


async def connect(user):
    communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def subscribe(communicator, stream):
    await communicator.send_json_to({"action": "subscribe", "stream": stream})
    return await communicator.receive_json_from()


@database_sync_to_async
def person(name):
    return User.objects.create_user(username=name, email=f"{name}@example.org")


@database_sync_to_async
def tell(user, key):
    dispatch.notify([user], "voting_opened", key, None, {"title": "Budżet"})


async def test_the_unread_count_rises_live_and_falls_when_read():
    reader = await person("czytelniczka")
    ws = await connect(reader)
    assert (await subscribe(ws, f"notices.{reader.pk}"))["type"] == "subscribed"
    snapshot = await ws.receive_json_from()
    assert snapshot["type"] == "snapshot" and snapshot["data"] == {"unread": 0}
    await tell(reader, "a")
    await tell(reader, "b")
    first, second = await ws.receive_json_from(), await ws.receive_json_from()
    assert (first["type"], first["data"]["unread"]) == ("notice", 1)
    assert (second["type"], second["data"]["unread"]) == ("notice", 2)
    await database_sync_to_async(services.mark_read)(user=reader)
    read = await ws.receive_json_from()
    assert (read["type"], read["data"]) == ("read", {"unread": 0})
    for frame in (first, second, read):
        assert set(frame["data"]) == dispatch.EVENT_KEYS[frame["type"]]
    await ws.disconnect()


@pytest.mark.parametrize("who", ["other", "anonymous"])
async def test_nobody_else_reads_a_persons_stream(who):
    reader = await person("czytelniczka")
    other = await person("ktos-inny") if who == "other" else AnonymousUser()
    ws = await connect(other)
    reply = await subscribe(ws, f"notices.{reader.pk}")
    assert (reply["type"], reply["code"]) == ("error", "forbidden")
    await ws.disconnect()
