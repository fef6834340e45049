"""Live fan-out: 1,000 websocket clients on one `edition.<id>` stream, with Redis.

    .venv/bin/python bench/fanout.py [--clients 1000] [--updates 20] [--workers 2]

Creates its own database `bench_fanout` (dropped at the end), seeds an edition in voting,
serves it with uvicorn (2 workers, channel layer on Redis DB 5), connects the clients (every
one subscribes to `edition.<id>` through /ws/ and gets its snapshot), then publishes
turnout-style updates to the stream's group through the channel layer, as the budget's
turnout throttle does, each stamped with its send time. Reports the p50/p99 delivery time
over every (update, client) pair, the delivered share and the server memory per connection.
"""

import argparse
import asyncio
import json
import sys
import time

from _common import (
    REDIS_URL,
    children,
    exit_code,
    figure,
    percentile,
    rss_kib,
    setup_django,
    support,
)

DB = "bench_fanout"
TARGET_P99_MS = 250


def seed() -> int:
    from tests.budget.factories import EditionFactory, PoolFactory, schedule

    edition = EditionFactory(state="voting")
    PoolFactory(edition=edition)
    schedule(edition, "voting")
    return edition.pk


async def connect(url: str, origin: str, stream: str, latencies: list, dropped: list):
    import websockets

    socket = await websockets.connect(url, origin=origin, max_queue=None, open_timeout=60)
    await socket.send(json.dumps({"action": "subscribe", "stream": stream}))
    while True:
        frame = json.loads(await socket.recv())
        if frame.get("type") == "snapshot":
            break
        if frame.get("type") == "error":
            raise RuntimeError(frame)

    async def listen():
        try:
            async for raw in socket:
                frame = json.loads(raw)
                data = frame.get("data", {}) if frame.get("type") == "turnout" else {}
                if data.get("sent_at"):
                    latencies.append((data["update"], time.time() - data["sent_at"]))
        except websockets.ConnectionClosed as exc:
            dropped.append(str(exc))

    return socket, asyncio.create_task(listen())


async def run(base: str, server, edition_id: int, clients: int, updates: int) -> None:
    from channels.layers import get_channel_layer

    from budget import turnout
    from workflows import live

    stream = f"edition.{edition_id}"
    workers = children(server.pid) or [server.pid]
    await asyncio.sleep(1)
    before = sum(rss_kib(pid) for pid in workers)

    latencies: list[tuple[int, float]] = []
    dropped: list[str] = []
    url = base.replace("http://", "ws://") + "/ws/"
    started = time.monotonic()
    sockets = []
    for start in range(0, clients, 50):  # connect in waves, as a crowd arriving would
        batch = [
            connect(url, base, stream, latencies, dropped) for _ in range(min(50, clients - start))
        ]
        sockets += await asyncio.gather(*batch)
    connect_s = time.monotonic() - started
    await asyncio.sleep(2)
    after = sum(rss_kib(pid) for pid in workers)

    layer = get_channel_layer()
    snapshot = await asyncio.to_thread(turnout.snapshot, edition_id)
    for update in range(updates):
        data = {**snapshot, "total": snapshot["total"] + update, "update": update}
        data["sent_at"] = time.time()
        message = {"stream": stream, "seq": None, "type": "turnout", "data": data}
        await layer.group_send(live.group_name(stream), {"type": "live.event", "event": message})
        await asyncio.sleep(0.5)
    deadline = time.monotonic() + 10
    while len(latencies) < clients * updates and time.monotonic() < deadline:
        await asyncio.sleep(0.2)

    for socket, task in sockets:
        task.cancel()
        await socket.close()

    delays_ms = [delay * 1000 for _, delay in latencies]
    figure("fanout.clients_connected", len(sockets), "", equal=clients)
    figure("fanout.connect_all_s", connect_s, "s")
    figure("fanout.connections_dropped", len(dropped), "", equal=0)
    if dropped:
        print(f"  first drop: {dropped[0]}")
    figure("fanout.delivered_pct", 100 * len(latencies) / (clients * updates), "%", equal=100)
    figure("fanout.p50_delivery_ms", percentile(delays_ms, 50), "ms")
    figure("fanout.p99_delivery_ms", percentile(delays_ms, 99), "ms", below=TARGET_P99_MS)
    figure("fanout.max_delivery_ms", max(delays_ms, default=float("nan")), "ms")
    figure("fanout.server_kib_per_connection", (after - before) / clients, "KiB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--settings", default="config.settings", help="e.g. bench._pubsub to compare layers"
    )
    parser.add_argument("--server-log", default=None, help="keep the server's output here")
    args = parser.parse_args()

    setup_django(DB, args.settings)
    try:
        edition_id = seed()
        server = support.asgi_server(
            DB,
            redis_url=REDIS_URL,
            workers=args.workers,
            env={"DJANGO_SETTINGS_MODULE": args.settings, "LOG_LEVEL": "INFO"},
            log=args.server_log,
        )
        with server as (base, process):
            print(f"fan-out: {args.clients} clients, {args.workers} workers, {args.settings}")
            asyncio.run(run(base, process, edition_id, args.clients, args.updates))
    finally:
        from django.db import connections

        connections.close_all()
        support.drop_database(DB)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
