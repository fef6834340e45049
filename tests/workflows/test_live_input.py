"""Any bad frame on /ws/ gets an error frame and the socket stays open; sockets per client
address are capped (issue 15)."""

import pytest
from channels.testing import WebsocketCommunicator

from workflows import consumers
from workflows.consumers import TOO_MANY_CONNECTIONS, LiveConsumer
from workflows.text import MAX_DEPTH

pytestmark = pytest.mark.django_db(transaction=True)


async def connect(address="10.0.0.1"):
    communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/")
    communicator.scope["client"] = (address, 50000)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def still_open(ws) -> None:
    await ws.send_json_to({"action": "ping", "ref": "after"})
    assert (await ws.receive_json_from())["type"] == "pong"


@pytest.mark.parametrize(
    "frame",
    [
        '{"action": "ping\\u0000"}',
        '{"action": "subscribe", "stream": "meeting.1\\u0000"}',
        "[" * 100_000 + "]" * 100_000,
        '{"action": "ping", "x": ' + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "}",
        '{"action": "meeting.raise_hand", "meeting": "1\\u0000"}',
    ],
    ids=["nul-action", "nul-stream", "100000-deep", "past-max-depth", "nul-command-field"],
)
async def test_a_bad_frame_gets_an_error_frame_and_the_socket_stays_open(frame):
    ws = await connect()
    await ws.send_to(text_data=frame)
    reply = await ws.receive_json_from()
    assert reply["type"] == "error" and reply["code"] == "invalid" and reply["message"]
    await still_open(ws)
    await ws.disconnect()


async def test_a_failing_handler_answers_an_error_frame_not_a_closed_socket(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(consumers, "run_command", broken)
    ws = await connect()
    await ws.send_json_to({"action": "meeting.raise_hand", "ref": "7", "meeting": 1})
    reply = await ws.receive_json_from()
    assert (reply["type"], reply["code"], reply["ref"]) == ("error", "server_error", "7")
    await still_open(ws)
    await ws.disconnect()


async def test_bidi_controls_are_stripped_from_frames():
    ws = await connect()
    await ws.send_json_to({"action": "ping", "ref": "\u202eabc"})
    assert (await ws.receive_json_from())["ref"] == "abc"
    await ws.disconnect()


async def test_sockets_per_address_are_capped_with_a_clear_close(settings):
    settings.WEBSOCKETS_PER_ADDRESS = 2
    first, second = await connect(), await connect()
    third = await connect()
    closed = await third.receive_output()
    assert closed["type"] == "websocket.close" and closed["code"] == TOO_MANY_CONNECTIONS
    assert "too many connections" in closed["reason"]
    other_address = await connect("10.0.0.2")
    await still_open(other_address)
    await first.disconnect()
    fourth = await connect()  # a freed place is taken again
    await still_open(fourth)
    for ws in (second, other_address, fourth):
        await ws.disconnect()
    assert not consumers.OPEN_BY_ADDRESS
