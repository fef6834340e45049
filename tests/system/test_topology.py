"""Two app processes behind nginx, sharing PostgreSQL and Redis (deploy/local.py).

The shape a city runs in production, on one machine: clients connected through nginx to
different processes receive the same live events with the same sequence numbers; a ballot
cast on one process is a duplicate on the other; killing one process loses no acknowledged
ballot, and its websocket clients reconnect through nginx to the other and catch up.
"""

import asyncio
import json
import threading
import time

import pytest
import requests
import websockets
from django.conf import settings
from django.db import connection

from deploy.local import Topology, nginx_binary
from tests.system import support
from tests.system.voting import ballot_body, voting_edition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed"),
]

DB = f"system_topology_{settings.DATABASES['default']['NAME']}"


@pytest.fixture
def topology(on_postgres, make_user, tmp_path):
    if not support.redis_available():
        pytest.skip("redis-server is not installed")
    box = voting_edition(make_user())
    connection.close()
    support.copy_database(settings.DATABASES["default"]["NAME"], DB)
    redis_port = support.free_port()
    support.start_redis(redis_port)
    env = {
        **support.PRODUCTION_LIKE,
        "DATABASE_URL": support.database_url(DB),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
    }
    try:
        with Topology(apps=2, env=env, log=tmp_path) as running:
            yield box, running, env
    finally:
        support.stop_redis(redis_port)
        support.drop_database(DB)


def publish(env: dict, stream: str, n: int) -> None:
    """A live event written by a third process (as a worker or a command would)."""

    code = (
        "from django.db import transaction\n"
        "from workflows import live\n"
        "with transaction.atomic():\n"
        f"    live.publish({stream!r}, 'topology.test', {{'n': {n}}})\n"
    )
    support.manage("shell", "-c", code, env={**env, "LOG_LEVEL": "WARNING"})


async def subscribe(url: str, origin: str, stream: str, last_seq=None):
    socket = await websockets.connect(url, origin=origin, open_timeout=20)
    request = {"action": "subscribe", "stream": stream}
    if last_seq is not None:
        request["last_seq"] = last_seq
    await socket.send(json.dumps(request))
    return socket


async def events_until(socket, count: int, timeout: float = 20) -> list[dict]:
    """Events of type topology.test, live or replayed, until `count` arrived."""

    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while len(seen) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        frame = json.loads(await asyncio.wait_for(socket.recv(), remaining))
        if frame.get("type") == "topology.test":
            seen.append(frame)
    return seen


def test_live_events_reach_clients_of_every_process_in_order(topology):
    box, running, env = topology
    stream = f"edition.{box.edition.pk}"

    async def scenario():
        through_proxy = running.base.replace("http", "ws") + "/ws/"
        direct = [f"ws://127.0.0.1:{port}/ws/" for port in running.app_ports]
        sockets = [await subscribe(url, running.base, stream) for url in direct]
        # least_conn spreads these over both processes as well.
        sockets += [await subscribe(through_proxy, running.base, stream) for _ in range(4)]
        await asyncio.sleep(1)  # every subscription joined its group
        for n in range(3):
            await asyncio.to_thread(publish, env, stream, n)
        received = [await events_until(socket, 3) for socket in sockets]
        for socket in sockets:
            await socket.close()
        return received

    received = asyncio.run(scenario())
    expected = [(frame["seq"], frame["data"]["n"]) for frame in received[0]]
    assert [n for _, n in expected] == [0, 1, 2]
    assert [seq for seq, _ in expected] == sorted({seq for seq, _ in expected})
    for frames in received:
        assert [(f["seq"], f["data"]["n"]) for f in frames] == expected


def test_a_ballot_cast_on_one_process_is_a_duplicate_on_the_other(topology):
    box, running, _ = topology
    first, second = (f"http://127.0.0.1:{port}" for port in running.app_ports)
    body = ballot_body(box, 1)
    accepted = requests.post(first + box.cast_url, json=body, timeout=15)
    assert accepted.status_code == 201, accepted.text
    refused = requests.post(second + box.cast_url, json=body, timeout=15)
    assert refused.status_code == 409
    assert refused.json()["error"]["details"]["code"] == "already_voted"
    # And through the proxy, whichever process answers.
    again = requests.post(running.base + box.cast_url, json=body, timeout=15)
    assert again.status_code == 409


def test_killing_a_process_loses_no_acknowledged_ballot_and_clients_resync(topology):
    box, running, env = topology
    stream = f"edition.{box.edition.pk}"
    outcomes: list[tuple[int, int, dict]] = []
    stop = threading.Event()

    def vote():
        session = requests.Session()
        n = 100
        while not stop.is_set():
            n += 1
            try:
                response = session.post(
                    running.base + box.cast_url, json=ballot_body(box, n), timeout=15
                )
                outcomes.append((n, response.status_code, response.json()))
            except (requests.RequestException, ValueError) as exc:
                outcomes.append((n, 0, {"transport": str(exc)}))
            time.sleep(0.01)

    async def scenario():
        killed_port = running.app_ports[0]
        socket = await subscribe(f"ws://127.0.0.1:{killed_port}/ws/", running.base, stream)
        publish(env, stream, 0)
        [first] = await events_until(socket, 1)
        voters = threading.Thread(target=vote, daemon=True)
        voters.start()
        await asyncio.sleep(1.5)
        running.kill_app(0)
        # Frames already on their way (turnout updates of the voters) come first; then the
        # connection to the killed process ends.
        with pytest.raises(websockets.ConnectionClosed):
            async with asyncio.timeout(10):
                while True:
                    await socket.recv()
        # Events published while the client was away.
        for n in (1, 2):
            await asyncio.to_thread(publish, env, stream, n)
        await asyncio.sleep(1.5)
        stop.set()
        voters.join(20)
        # The client reconnects through the proxy (only the surviving process answers) and
        # asks for what came after the last event it saw.
        again = await subscribe(
            running.base.replace("http", "ws") + "/ws/", running.base, stream, first["seq"]
        )
        missed = await events_until(again, 2)
        await again.close()
        return first, missed

    first, missed = asyncio.run(scenario())
    assert [f["data"]["n"] for f in missed] == [1, 2]
    assert [f["seq"] for f in missed] == [first["seq"] + 1, first["seq"] + 2]

    statuses = {status for _, status, _ in outcomes}
    # A request in flight to the killed process may fail (502 or a reset); nothing else may.
    assert statuses <= {201, 502, 0}, [o for o in outcomes if o[1] not in (201, 502, 0)][:5]
    accepted = [body["receipt"] for _, status, body in outcomes if status == 201]
    assert len(accepted) > 10
    stored = {r for (r,) in support.query(DB, "SELECT receipt FROM budget_ballot")}
    assert set(accepted) <= stored
    # The proxy stopped sending to the dead process: the last ballots went through.
    assert outcomes[-1][1] == 201
