"""The websocket at /ws/: subscribe to streams, replay what was missed, run live commands.

Client frames: {"action": "subscribe", "stream": "meeting.17", "last_seq": 12},
{"action": "unsubscribe", "stream": ...}, {"action": "ping"}, or a command registered by an
app (e.g. {"action": "meeting.raise_hand", "ref": "1", ...}).
Server frames: events {"stream", "seq", "type", "data"}, and {"type": "subscribed" |
"snapshot" | "reply" | "error" | "pong", ...}. A malformed frame gets an error frame and the
connection stays open.
"""

import asyncio
import json
import logging
import time
from collections import Counter, deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

from . import live
from .commands import run_command
from .errors import WorkflowError
from .fanout import hub
from .streams import resolve
from .text import clean_input, too_deep

log = logging.getLogger(__name__)

MAX_STREAMS = 20
RATE_PER_SECOND = 10
BURST = 30
# Frames waiting for a client that reads slower than events come; past this the socket is
# closed (once what waits is written) and the client reconnects and resyncs by number.
MAX_BACKLOG = 500
# Close codes (4000-4999: the application's): too many connections from your address; too
# slow a reader.
TOO_MANY_CONNECTIONS = 4429
TOO_SLOW = 4408
# Open sockets per client address in this worker process (one event loop, so no lock).
OPEN_BY_ADDRESS: Counter = Counter()


def client_address(scope) -> str:
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    headers = dict(scope.get("headers") or [])
    if meta_key and meta_key.startswith("HTTP_"):
        forwarded = headers.get(meta_key[5:].lower().replace("_", "-").encode(), b"")
        if forwarded:
            return forwarded.decode("latin-1").split(",")[0].strip()
    return (scope.get("client") or ("unknown",))[0]


class LiveConsumer(AsyncJsonWebsocketConsumer):
    # No channel of its own: live events come through the process's hub (fanout.py).
    channel_layer_alias = None

    async def connect(self):
        self.last_sent: dict[str, int] = {}
        # Events that arrive while a subscription catches up, sent after its catch-up.
        self.joining: dict[str, list[tuple[int | None, str]]] = {}
        self.backlog: deque[str] = deque()
        self.writing: asyncio.Task | None = None
        self.too_slow = False
        self.tokens = float(BURST)
        self.refilled_at = time.monotonic()
        self.address = client_address(self.scope)
        await self.accept()
        if OPEN_BY_ADDRESS[self.address] >= settings.WEBSOCKETS_PER_ADDRESS:
            self.address = None  # not counted, so not released
            # Accepted first so that the client reads the code and the reason.
            await self.close(
                code=TOO_MANY_CONNECTIONS,
                reason=f"too many connections from one address "
                f"(at most {settings.WEBSOCKETS_PER_ADDRESS})",
            )
            return
        OPEN_BY_ADDRESS[self.address] += 1

    async def disconnect(self, code):
        address = getattr(self, "address", None)
        if address is not None:
            OPEN_BY_ADDRESS[address] -= 1
            if OPEN_BY_ADDRESS[address] <= 0:
                del OPEN_BY_ADDRESS[address]
            self.address = None
        streams = {*getattr(self, "last_sent", {}), *getattr(self, "joining", {})}
        self.last_sent, self.joining = {}, {}
        for stream in streams:
            await hub().discard(stream, self)
        if getattr(self, "writing", None) is not None:
            self.writing.cancel()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Whatever a frame holds, the answer is a frame: the socket stays open.
        try:
            content = clean_input(json.loads(text_data or ""))
        except RecursionError:
            await self.error(too_deep().message)
            return
        except WorkflowError as exc:
            await self.error(exc.message, code=exc.code)
            return
        except ValueError:
            await self.error(_("Nieprawidłowa wiadomość: oczekiwano obiektu JSON."))
            return
        try:
            await self.receive_json(content)
        except Exception:
            log.exception("websocket frame failed")
            ref = content.get("ref") if isinstance(content, dict) else None
            await self.error(_("Nie udało się obsłużyć wiadomości."), code="server_error", ref=ref)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or not isinstance(content.get("action"), str):
            await self.error(_("Nieprawidłowa wiadomość: brak pola „action”."))
            return
        if not self._take_token():
            await self.error(
                _("Zbyt wiele wiadomości — zwolnij."), code="rate_limited", ref=content.get("ref")
            )
            return
        action = content["action"]
        if action == "ping":
            await self.send_json({"type": "pong", "ref": content.get("ref"), "t": content.get("t")})
        elif action == "subscribe":
            await self.subscribe(content.get("stream"), content.get("last_seq"))
        elif action == "unsubscribe":
            await self.unsubscribe(content.get("stream"))
        else:
            await self.command(action, content)

    def _take_token(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.refilled_at) * RATE_PER_SECOND)
        self.refilled_at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def subscribe(self, stream, last_seq):
        if not isinstance(stream, str) or (last_seq is not None and not isinstance(last_seq, int)):
            await self.error(_("Podaj nazwę strumienia (np. „meeting.17”) i opcjonalnie last_seq."))
            return
        if stream not in self.last_sent and len(self.last_sent) >= MAX_STREAMS:
            await self.error(
                _("Najwyżej %(n)s subskrypcji na połączenie.") % {"n": MAX_STREAMS},
                stream=stream,
            )
            return
        found = resolve(stream)
        allowed = found is not None and await database_sync_to_async(found[0].can_read)(
            self.scope.get("user"), found[1]
        )
        if not allowed:
            # Same answer for "does not exist" and "not yours": existence does not leak.
            await self.error(_("Brak dostępu do tego strumienia."), code="forbidden", stream=stream)
            return
        if stream in self.last_sent:
            await self._catch_up_and_send(found, stream, last_seq)
            return
        self.joining[stream] = []
        try:
            await hub().add(stream, self)
            await self._catch_up_and_send(found, stream, last_seq)
        except BaseException:
            self.last_sent.pop(stream, None)
            await hub().discard(stream, self)
            raise
        finally:
            # What came meanwhile follows the catch-up, in order (push drops what it had).
            for seq, text in self.joining.pop(stream, []):
                self.push(stream, seq, text)

    async def _catch_up_and_send(self, found, stream, last_seq):
        catch_up = await database_sync_to_async(self._catch_up)(found, stream, last_seq)
        self.last_sent[stream] = max(catch_up["seq"], self.last_sent.get(stream, 0))
        await self.send_json({"type": "subscribed", "stream": stream, "seq": catch_up["seq"]})
        if catch_up["snapshot"] is not None:
            await self.send_json(
                {
                    "type": "snapshot",
                    "stream": stream,
                    "seq": catch_up["seq"],
                    "data": catch_up["snapshot"],
                }
            )
        for event in catch_up["events"]:
            await self.send_json(event)

    def _catch_up(self, found, stream, last_seq) -> dict:
        stream_type, key = found
        events = live.missed(stream, last_seq) if last_seq is not None else None
        if events is not None:
            seq = events[-1]["seq"] if events else last_seq
            return {"seq": seq, "events": events, "snapshot": None}
        seq = live.current_seq(stream)
        return {
            "seq": seq,
            "events": [],
            "snapshot": stream_type.snapshot(key, self.scope.get("user")),
        }

    async def unsubscribe(self, stream):
        if stream in self.last_sent:
            del self.last_sent[stream]
            await hub().discard(stream, self)
        await self.send_json({"type": "unsubscribed", "stream": stream})

    async def command(self, action, content):
        try:
            reply = await database_sync_to_async(run_command)(
                action, self.scope.get("user"), content
            )
        except WorkflowError as exc:
            await self.error(exc.message, code=exc.code, ref=content.get("ref"), status=exc.status)
            return
        await self.send_json({"type": "reply", "ref": content.get("ref"), "data": reply})

    def push(self, stream: str, seq: int | None, text: str) -> None:
        """An event from the hub, already encoded: written now if the socket takes it,
        else queued behind what is being written."""
        if stream in self.joining:
            self.joining[stream].append((seq, text))
            return
        if stream not in self.last_sent:
            return
        if seq is not None:
            if seq <= self.last_sent[stream]:
                return  # already delivered by the catch-up
            self.last_sent[stream] = seq
        if self.writing is not None:
            if len(self.backlog) >= MAX_BACKLOG:
                self.backlog.clear()
                self.too_slow = True
            elif not self.too_slow:
                self.backlog.append(text)
            return
        # Eager: a socket that takes the frame at once costs no task switch.
        task = asyncio.eager_task_factory(asyncio.get_running_loop(), self._write(text))
        if not task.done():
            self.writing = task

    async def _write(self, text: str) -> None:
        try:
            await self.send(text_data=text)
            while self.backlog:
                await self.send(text_data=self.backlog.popleft())
            if self.too_slow:
                await self.close(code=TOO_SLOW, reason="too slow a reader: reconnect")
        except Exception:
            self.backlog.clear()  # the client has gone; its disconnect is on its way
        finally:
            self.writing = None

    async def error(self, message, code="invalid", **extra):
        await self.send_json({"type": "error", "code": code, "message": message, **extra})
