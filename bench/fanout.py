"""Live fan-out: 5,000 websocket clients on one `edition.<id>` stream, through nginx.

    .venv/bin/python bench/fanout.py [--clients 5000] [--client-processes 4] [--updates 20]
    .venv/bin/python bench/fanout.py --direct --clients 1000   # one uvicorn, 2 workers, no nginx

Creates its own database `bench_fanout` (dropped at the end), seeds an edition in voting and
serves it in the production shape (deploy/local.py: nginx in front of `--workers` app
processes, channel layer on Redis). The clients run in `--client-processes` processes
(asyncio, the `websockets` library, a share of the connections each): every one subscribes
to `edition.<id>` through /ws/ and gets its snapshot. This process then publishes
turnout-style updates to the stream's group through the channel layer, as the budget's
turnout throttle does, each stamped with its send time. Reports the p50/p99 delivery time
over every (update, client) pair, the delivered share, the dropped connections and the
server memory per connection (app processes; nginx apart).
"""

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import time

from _common import (
    REDIS_URL,
    bench_database,
    children,
    cpu_seconds,
    exit_code,
    figure,
    percentile,
    rss_kib,
    setup_django,
    support,
)

DB = bench_database("bench_fanout")
TARGET_P99_MS = 250  # --direct: one uvicorn with its workers, no proxy
# Issue 23: 5,000 clients over two app processes behind nginx, p99 under half a second.
TARGET_P99_PROXY_MS = 500


def seed() -> int:
    from tests.budget.factories import EditionFactory, PoolFactory, schedule

    edition = EditionFactory(state="voting")
    PoolFactory(edition=edition)
    schedule(edition, "voting")
    return edition.pk


def raise_open_files() -> int:
    """Each socket is a file descriptor: lift this process's soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


# --- client processes ----------------------------------------------------------------------


async def connect(url: str, origin: str, stream: str, received: list, dropped: list, all_in):
    import websockets

    # Offers per-message deflate, as browsers do: the server decides whether to use it.
    socket = await websockets.connect(url, origin=origin, max_queue=None, open_timeout=120)
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
                # Stamp the arrival first: the decoding below is this process's work.
                now = time.time()
                frame = json.loads(raw)
                data = frame.get("data", {}) if frame.get("type") == "turnout" else {}
                if data.get("sent_at"):
                    received.append(now - data["sent_at"])
                    all_in()
        except websockets.ConnectionClosed as exc:
            dropped.append(str(exc))

    return socket, asyncio.create_task(listen())


async def client_main(url: str, origin: str, stream: str, count: int, updates: int) -> None:
    """One client process: connect `count` sockets, say so, collect until every socket has
    every update or the parent says stop."""
    received: list[float] = []
    dropped: list[str] = []
    failed: list[str] = []
    sockets = []
    complete = asyncio.Event()

    def all_in() -> None:
        if len(received) >= count * updates:
            complete.set()

    started = time.monotonic()
    for start in range(0, count, 25):  # in waves, as a crowd arriving would
        batch = [
            connect(url, origin, stream, received, dropped, all_in)
            for _ in range(min(25, count - start))
        ]
        for result in await asyncio.gather(*batch, return_exceptions=True):
            if isinstance(result, BaseException):
                failed.append(repr(result))
            else:
                sockets.append(result)
    print(json.dumps({"ready": len(sockets), "connect_s": time.monotonic() - started}), flush=True)
    stop = asyncio.ensure_future(asyncio.to_thread(sys.stdin.readline))  # the parent's "stop"
    done = asyncio.ensure_future(complete.wait())
    await asyncio.wait([stop, done], return_when=asyncio.FIRST_COMPLETED)
    for _, task in sockets:
        task.cancel()
    await asyncio.gather(*(socket.close() for socket, _ in sockets), return_exceptions=True)
    report = {"received": received, "dropped": dropped, "failed": failed}
    print(json.dumps(report), flush=True)


def start_clients(base: str, stream: str, clients: int, processes: int, updates: int) -> list:
    url = base.replace("http://", "ws://") + "/ws/"
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    return [
        subprocess.Popen(
            [sys.executable, __file__, "--client", url, base, stream, str(share), str(updates)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for share in shares
        if share
    ]


# --- the publisher (this process) ----------------------------------------------------------


async def run(
    base: str,
    workers: list[int],
    proxy: int | None,
    edition_id: int,
    args: argparse.Namespace,
    target_ms: float,
) -> None:
    from channels.layers import get_channel_layer

    from budget import turnout
    from workflows import live

    stream = f"edition.{edition_id}"
    await asyncio.sleep(1)
    before = {pid: rss_kib(pid) for pid in [*workers, proxy] if pid}

    started = time.monotonic()
    procs = start_clients(base, stream, args.clients, args.client_processes, args.updates)
    ready = [json.loads(await asyncio.to_thread(p.stdout.readline)) for p in procs]
    connect_s = time.monotonic() - started
    connected = sum(r["ready"] for r in ready)
    await asyncio.sleep(2)
    after = {pid: rss_kib(pid) for pid in before}

    layer = get_channel_layer()
    cpu_before = {pid: cpu_seconds(pid) for pid in before}
    snapshot = await asyncio.to_thread(turnout.snapshot, edition_id)
    for update in range(args.updates):
        data = {**snapshot, "total": snapshot["total"] + update, "update": update}
        data["sent_at"] = time.time()
        message = {"stream": stream, "seq": None, "type": "turnout", "data": data}
        await layer.group_send(live.group_name(stream), {"type": "live.event", "event": message})
        await asyncio.sleep(args.interval)
    # Late is not lost: wait until every client has every update (the children report on
    # their own then), or --settle seconds, then stop the rest.
    reading = [asyncio.ensure_future(asyncio.to_thread(p.stdout.readline)) for p in procs]
    await asyncio.wait(reading, timeout=args.settle)
    cpu = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in before}
    for p, line in zip(procs, reading, strict=True):
        if not line.done():
            p.stdin.write("stop\n")
            p.stdin.flush()
    reports = [json.loads(await line) for line in reading]
    for p in procs:
        p.stdin.close()  # a child that finished early still waits on its stdin
        p.wait(30)

    delays_ms = [d * 1000 for r in reports for d in r["received"]]
    dropped = [d for r in reports for d in r["dropped"]]
    failed = [f for r in reports for f in r["failed"]]
    figure("fanout.clients_connected", connected, "", equal=args.clients)
    if failed:
        print(f"  {len(failed)} failed to connect, first: {failed[0]}")
    figure("fanout.connect_all_s", connect_s, "s")
    figure("fanout.connections_dropped", len(dropped), "", equal=0)
    if dropped:
        print(f"  first drop: {dropped[0]}")
    expected = args.clients * args.updates
    figure("fanout.delivered_pct", 100 * len(delays_ms) / expected, "%", equal=100)
    figure("fanout.p50_delivery_ms", percentile(delays_ms, 50), "ms")
    figure("fanout.p99_delivery_ms", percentile(delays_ms, 99), "ms", below=target_ms)
    figure("fanout.max_delivery_ms", max(delays_ms, default=float("nan")), "ms")
    apps = sum(after[pid] - before[pid] for pid in workers)
    figure("fanout.server_kib_per_connection", apps / max(connected, 1), "KiB")
    # What a core does: server CPU per message delivered to one client.
    delivered = max(len(delays_ms), 1)
    app_cpu = sum(cpu[pid] for pid in workers)
    figure("fanout.app_cpu_us_per_delivery", 1e6 * app_cpu / delivered, "us")
    if proxy:
        nginx = after[proxy] - before[proxy]
        figure("fanout.nginx_kib_per_connection", nginx / max(connected, 1), "KiB")
        figure("fanout.nginx_cpu_us_per_delivery", 1e6 * cpu[proxy] / delivered, "us")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        raise_open_files()
        url, origin, stream, count, updates = sys.argv[2:7]
        asyncio.run(client_main(url, origin, stream, int(count), int(updates)))
        return 0

    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--client-processes", type=int, default=4)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between updates")
    parser.add_argument(
        "--settle", type=float, default=60, help="seconds to wait for late deliveries at the end"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--settings", default="config.settings", help="e.g. bench._pubsub to compare layers"
    )
    parser.add_argument("--server-log", default=None, help="keep the server's output here")
    parser.add_argument(
        "--direct",
        action="store_true",
        help="one uvicorn with --workers workers, no nginx (the shape before issue 23)",
    )
    args = parser.parse_args()
    raise_open_files()  # the app processes and nginx inherit it

    setup_django(DB, args.settings)
    try:
        edition_id = seed()
        # Every simulated client comes from 127.0.0.1: lift the per-address cap.
        env = {
            "DJANGO_SETTINGS_MODULE": args.settings,
            "LOG_LEVEL": "INFO",
            "WEBSOCKETS_PER_ADDRESS": "100000",
        }
        if not args.direct:
            from deploy.local import Topology

            env = {
                **support.PRODUCTION_LIKE,
                **env,
                "REDIS_URL": REDIS_URL,
                "DATABASE_URL": support.database_url(DB),
            }
            with Topology(apps=args.workers, env=env, log=args.server_log) as topology:
                print(
                    f"fan-out: {args.clients} clients in {args.client_processes} processes, "
                    f"nginx + {args.workers} app processes, load average "
                    f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
                )
                pids = [p.pid for p in topology.apps]
                # nginx's master forks the worker that holds the connections.
                proxy = (children(topology.nginx.pid) or [topology.nginx.pid])[0]
                target = TARGET_P99_PROXY_MS
                asyncio.run(run(topology.base, pids, proxy, edition_id, args, target))
            return exit_code()
        server = support.asgi_server(
            DB, redis_url=REDIS_URL, workers=args.workers, env=env, log=args.server_log
        )
        with server as (base, process):
            print(f"fan-out: {args.clients} clients, {args.workers} workers, {args.settings}")
            pids = children(process.pid) or [process.pid]
            asyncio.run(run(base, pids, None, edition_id, args, TARGET_P99_MS))
    finally:
        from django.db import connections

        connections.close_all()
        support.drop_database(DB)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
