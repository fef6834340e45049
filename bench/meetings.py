"""Meeting room under load: 200 participants and a moderator on websockets, on one machine.

Starts the project's ASGI application in a Uvicorn subprocess (one worker) over a fresh
SQLite file (or BENCH_DATABASE_URL), connects 201 clients to `meeting.<id>`, then runs rounds:
a few participants raise a hand, the moderator gives the floor; the time from the moderator
sending `meeting.give_floor` to each client receiving `floor_given` is measured. A burst
phase then gives the floor 25 times back to back and counts the frames all clients received
per second. Runs once on the in-memory channel layer and once on Redis (REDIS_URL, or
redis://127.0.0.1:6379/0; skipped when Redis does not answer).

    .venv/bin/python bench/meetings.py [--participants 200] [--rounds 30]

Target (issue 5): p99 < 100 ms from the moderator's action to all clients receiving it.
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 100.0
BURST = 25  # under the consumer's burst allowance of 30 frames


class BenchFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    # Sessions made here are read by the server: one key for both (the server runs DEBUG=0).
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["PESEL_HASH_KEY"] = secrets.token_urlsafe(50)
    os.environ.pop("REDIS_URL", None)  # this process only prepares data
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def prepare(participants: int, label: str) -> dict:
    """A team with `participants` members, an open meeting with an open item; sessions."""

    from datetime import timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from consultations.meetings import services
    from consultations.models import SectorTeam
    from workflows.accounts.models import User

    tag = f"{label}-{int(time.time())}"
    moderator = User.objects.create_user(f"bench-mod-{tag}", display_name="Moderator")
    members = User.objects.bulk_create(
        User(username=f"bench-{tag}-{n}", display_name=f"Uczestnik {n}")
        for n in range(participants)
    )
    team = SectorTeam.objects.create(name=f"Zespół {tag}", slug=tag, moderator=moderator)
    team.members.add(*members)
    start = timezone.now()
    meeting = services.create_meeting(
        team=team,
        by=moderator,
        title=f"Bench {tag}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Sala",
        agenda=[{"title": "Analiza SWOT", "section": "swot"}],
    )
    services.open_meeting(meeting=meeting, by=moderator)
    services.open_item(meeting=meeting, item_id=meeting.items.get().pk, by=moderator)

    def session_for(user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    return {
        "meeting": meeting.pk,
        "moderator": session_for(moderator),
        "members": [(u.pk, session_for(u)) for u in members],
    }


def start_server(
    port: int, database_url: str, redis_url: str | None, ws: str, profile: str = ""
) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    env["SECURE_SSL_REDIRECT"] = "false"
    env["LOG_LEVEL"] = "ERROR"
    env["WEBSOCKETS_PER_ADDRESS"] = "100000"  # every participant comes from 127.0.0.1
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    command = [sys.executable, *(["-m", "cProfile", "-o", profile] if profile else [])]
    command += ["-m", "uvicorn", "config.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    command += ["--ws", ws, "--no-access-log"]
    with tempfile.NamedTemporaryFile(
        prefix="bench-meetings-server-", suffix=".log", delete=False
    ) as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server.log_path = log.name
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the ASGI server did not start")


class Client:
    def __init__(self, ws, user_id):
        self.ws = ws
        self.user_id = user_id
        self.frames = 0
        self.waiters: dict[int, asyncio.Future] = {}  # speech id → future of receipt time
        self.floor_times: dict[int, float] = {}
        self.hands = 0
        self.replies: asyncio.Queue = asyncio.Queue()

    async def read(self):
        async for raw in self.ws:
            now = time.perf_counter()
            self.frames += 1
            frame = json.loads(raw)
            kind = frame.get("type")
            if kind == "hand_raised":
                self.hands += 1
            elif kind == "floor_given":
                self.floor_times[frame["data"]["floor"]["speech"]] = now
            elif kind in ("reply", "error"):
                self.replies.put_nowait(frame)


async def connect(port: int, session: str, user_id: int, meeting: int) -> Client:
    import websockets

    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/",
        additional_headers={"Cookie": f"sessionid={session}"},
        origin=f"http://127.0.0.1:{port}",
        max_queue=None,
    )
    await ws.send(json.dumps({"action": "subscribe", "stream": f"meeting.{meeting}"}))
    for _ in range(2):  # subscribed, snapshot
        json.loads(await ws.recv())
    client = Client(ws, user_id)
    asyncio.get_running_loop().create_task(client.read())
    return client


async def command(client: Client, action: str, **fields) -> dict:
    await client.ws.send(json.dumps({"action": action, "ref": action, **fields}))
    return await asyncio.wait_for(client.replies.get(), timeout=10)


async def until(condition, timeout: float = 30) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise BenchFailed("clients did not receive the hand_raised events")
        await asyncio.sleep(0.005)


async def all_received(clients, speech: int, timeout: float = 10) -> None:
    deadline = time.perf_counter() + timeout
    while any(speech not in c.floor_times for c in clients):
        if time.perf_counter() > deadline:
            missing = sum(speech not in c.floor_times for c in clients)
            raise BenchFailed(f"{missing} clients never received floor_given for speech {speech}")
        await asyncio.sleep(0.002)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc): load-independent cost."""

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def scenario(port: int, data: dict, rounds: int, server_pid: int) -> dict:
    meeting = data["meeting"]
    moderator = await connect(port, data["moderator"], 0, meeting)
    members = []
    for chunk in range(0, len(data["members"]), 50):  # connect in batches, not a stampede
        members += await asyncio.gather(
            *(connect(port, s, pk, meeting) for pk, s in data["members"][chunk : chunk + 50])
        )
    everyone = [moderator, *members]
    per_delivery, per_round, replied = [], [], []
    hands = 0
    started = time.perf_counter()
    frames_before = sum(c.frames for c in everyone)
    for n in range(rounds):
        # Fresh hands each round (the queue keeps those not yet given the floor).
        for member in members[(5 * n) % len(members) :][:5]:
            reply = await command(member, "meeting.raise_hand", meeting=meeting)
            assert reply["type"] == "reply", reply
        hands += 5
        await until(lambda h=hands: all(c.hands >= h for c in everyone))  # a quiet room first
        sent = time.perf_counter()
        reply = await command(moderator, "meeting.give_floor", meeting=meeting)
        replied.append((time.perf_counter() - sent) * 1000)
        assert reply["type"] == "reply", reply
        speech = reply["data"]["floor"]["speech"]
        await all_received(everyone, speech)
        latencies = [(c.floor_times[speech] - sent) * 1000 for c in everyone]
        per_delivery += latencies
        per_round.append(max(latencies))
        await asyncio.sleep(0.1)
    scenario_rate = (sum(c.frames for c in everyone) - frames_before) / (
        time.perf_counter() - started
    )

    await asyncio.sleep(3)  # refill the moderator's frame allowance
    frames_before = sum(c.frames for c in everyone)
    burst_start = time.perf_counter()
    server_cpu, client_cpu = cpu_seconds(server_pid), time.process_time()
    speeches = []
    for n in range(BURST):
        member = members[n % len(members)]
        reply = await command(
            moderator, "meeting.give_floor", meeting=meeting, user=member.user_id, out_of_turn=True
        )
        assert reply["type"] == "reply", reply
        speeches.append(reply["data"]["floor"]["speech"])
    await all_received(everyone, speeches[-1], timeout=30)
    server_cpu = (cpu_seconds(server_pid) - server_cpu) / BURST * 1000
    client_cpu = (time.process_time() - client_cpu) / BURST * 1000
    burst_rate = (sum(c.frames for c in everyone) - frames_before) / (
        time.perf_counter() - burst_start
    )
    for client in everyone:
        await client.ws.close()
    return {
        "per_delivery": per_delivery,
        "per_round": per_round,
        "replied": replied,
        "scenario_rate": scenario_rate,
        "burst_rate": burst_rate,
        "server_cpu": server_cpu,
        "client_cpu": client_cpu,
        "clients": len(everyone),
    }


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(layer: str, result: dict) -> bool:
    n = result["clients"]
    all_p50 = percentile(result["per_round"], 50)
    all_p99 = percentile(result["per_round"], 99)
    one_p50 = percentile(result["per_delivery"], 50)
    one_p99 = percentile(result["per_delivery"], 99)
    ok = all_p99 < TARGET_MS

    def verdict(value):
        return "PASS" if value < TARGET_MS else "FAIL"

    print(f"{layer:<7} p50 moderator→all {n} clients  {all_p50:8.1f} ms   target p99 < 100 ms")
    print(
        f"{layer:<7} p99 moderator→all {n} clients  {all_p99:8.1f} ms   "
        f"target < 100 ms  {verdict(all_p99)}"
    )
    print(f"{layer:<7} p50 per delivery               {one_p50:8.1f} ms   (each client)")
    print(
        f"{layer:<7} p99 per delivery               {one_p99:8.1f} ms   "
        f"target < 100 ms  {verdict(one_p99)}"
    )
    replied = percentile(result["replied"], 50)
    print(f"{layer:<7} p50 moderator's reply          {replied:8.1f} ms   (write + enqueue)")
    print(f"{layer:<7} messages/s during rounds      {result['scenario_rate']:8.0f}")
    print(f"{layer:<7} messages/s burst ({BURST} floors)   {result['burst_rate']:8.0f}")
    print(
        f"{layer:<7} CPU per floor given             server {result['server_cpu']:.1f} ms, "
        f"{n} clients {result['client_cpu']:.1f} ms (independent of other load)"
    )
    return ok


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except Exception:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--layers", default="memory,redis", help="comma-separated")
    parser.add_argument("--ws", default="websockets-sansio", help="Uvicorn's websocket protocol")
    parser.add_argument("--profile", default="", help="cProfile the server into this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    tmp = tempfile.TemporaryDirectory(prefix="bench-meetings-")
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.sqlite3"
    setup_django(database_url)
    print(
        f"meetings bench: {args.participants} participants + moderator, {args.rounds} rounds, "
        f"uvicorn --ws {args.ws} (1 worker), database {database_url.split(':', 1)[0]}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    ok = True
    layers = [("memory", None), ("redis", redis_url)]
    for layer, url in layers:
        if layer not in args.layers.split(","):
            continue
        if url and not redis_answers(url):
            print(f"{layer:<7} SKIP: no Redis at {url}")
            continue
        data = prepare(args.participants, layer)
        port = free_port()
        profile = f"{args.profile}.{layer}" if args.profile else ""
        server = start_server(port, database_url, url, args.ws, profile)
        try:
            result = asyncio.run(scenario(port, data, args.rounds, server.pid))
        except (BenchFailed, TimeoutError, OSError) as exc:
            print(f"{layer:<7} FAIL: {exc or type(exc).__name__} (server log: {server.log_path})")
            ok = False
            continue
        finally:
            server.send_signal(signal.SIGINT)  # a clean exit writes the profile
            server.wait(timeout=30)
        ok = report(layer, result) and ok
    tmp.cleanup()
    print(f"load average at the end {os.getloadavg()[0]:.1f} (other work on the machine counts)")
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
