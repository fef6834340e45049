"""One subscription per stream per app process: the process's hub takes each live event off
the channel layer once, encodes it once and hands the text to each of its sockets on the
stream.

Channels' way, one channel per socket, made every event cost each socket a message off the
layer, a decoding, a wake-up of its task and a JSON encoding: 0.75 s of CPU per event for
5,000 sockets (bench/fanout.py). The hub runs in the app process's event loop; it stops when
its last socket leaves (and a new loop, in tests, gets a new hub).
"""

import asyncio
import json
import logging
from typing import Protocol

from channels.layers import get_channel_layer

from . import live

log = logging.getLogger(__name__)

JOIN_ATTEMPTS = 4


class Socket(Protocol):
    def push(self, stream: str, seq: int | None, text: str) -> None: ...


class Hub:
    def __init__(self, layer, loop: asyncio.AbstractEventLoop) -> None:
        self.layer, self.loop = layer, loop
        self.members: dict[str, set[Socket]] = {}  # group -> this process's sockets on it
        self.channel: str | None = None
        self.task: asyncio.Task | None = None
        # Joins and leaves wait on Redis: one at a time, so two first sockets on a stream
        # do not both join it, nor a leave stop the hub under a join.
        self.lock = asyncio.Lock()

    async def add(self, stream: str, socket: Socket) -> None:
        group = live.group_name(stream)
        async with self.lock:
            if self.task is None:
                self.channel = await self.layer.new_channel()
                self.task = self.loop.create_task(self._receive(self.channel))
            if group not in self.members:
                await self._join(group)
                self.members[group] = set()
            self.members[group].add(socket)

    async def discard(self, stream: str, socket: Socket) -> None:
        group = live.group_name(stream)
        async with self.lock:
            members = self.members.get(group)
            if members is None or socket not in members:
                return
            members.discard(socket)
            if members:
                return
            del self.members[group]
            try:
                await self.layer.group_discard(group, self.channel)
            except Exception:
                # Redis away: the subscription went with the connection.
                log.warning("leaving %s failed", group, exc_info=True)
            if not self.members:
                self.task.cancel()
                self.task = self.channel = None

    async def _join(self, group: str) -> None:
        # After a Redis restart the layer's first call may hit a dead connection, or its
        # reconnect may race the layer's receiver task for the one pub/sub socket (redis-py
        # #2540): a RuntimeError ("readuntil() called while another coroutine is already
        # waiting") or a TypeError from the closed transport. Joining is idempotent, so a few
        # short retries get a fresh connection; missed events come back by sequence number.
        for attempt in range(JOIN_ATTEMPTS):
            try:
                return await self.layer.group_add(group, self.channel)
            except Exception:
                if attempt == JOIN_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.1 * (attempt + 1))

    async def _receive(self, channel: str) -> None:
        while True:
            try:
                message = await self.layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                # Redis away: the layer reconnects; clients resync by sequence number.
                log.warning("live hub receive failed", exc_info=True)
                await asyncio.sleep(0.5)
                continue
            if message.get("type") == "live.event":
                self.deliver(message["event"])

    def deliver(self, event: dict) -> None:
        members = self.members.get(live.group_name(event["stream"]))
        if not members:
            return
        text = json.dumps(event)
        for socket in tuple(members):
            socket.push(event["stream"], event.get("seq"), text)


_hub: Hub | None = None


def hub() -> Hub:
    """This process's hub (a new one for a new event loop or channel layer: tests)."""

    global _hub
    loop, layer = asyncio.get_running_loop(), get_channel_layer()
    if _hub is None or _hub.loop is not loop or _hub.layer is not layer:
        _hub = Hub(layer, loop)
    return _hub
