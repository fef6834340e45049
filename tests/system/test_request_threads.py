"""HTTP requests borrow a reused thread for Django's sync code (config/request_threads.py)."""

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator

from config.asgi import application
from config.request_threads import ReusedRequestThreads


class Recorder:
    """An ASGI app whose sync part records its thread; `hold` keeps requests in flight."""

    def __init__(self):
        self.threads: list[int] = []
        self.hold = asyncio.Event()
        self.hold.set()

    async def __call__(self, scope, receive, send):
        await self.hold.wait()
        self.threads.append(await sync_to_async(threading.get_ident)())


async def call(app):
    await app({"type": "http"}, None, None)


async def test_sequential_requests_share_one_thread():
    recorder = Recorder()
    app = ReusedRequestThreads(recorder)
    for _ in range(5):
        await call(app)
    assert len(set(recorder.threads)) == 1
    assert threading.get_ident() not in recorder.threads
    assert len(app.idle) == 1


async def test_requests_in_flight_together_get_their_own_threads():
    recorder = Recorder()
    app = ReusedRequestThreads(recorder)
    recorder.hold.clear()
    requests = [asyncio.create_task(call(app)) for _ in range(4)]
    await asyncio.sleep(0.01)
    recorder.hold.set()
    await asyncio.gather(*requests)
    assert len(set(recorder.threads)) == 4
    assert len(app.idle) == 4


async def test_a_burst_keeps_only_a_few_idle_threads():
    recorder = Recorder()
    app = ReusedRequestThreads(recorder, keep_idle=2)
    recorder.hold.clear()
    requests = [asyncio.create_task(call(app)) for _ in range(6)]
    await asyncio.sleep(0.01)
    recorder.hold.set()
    await asyncio.gather(*requests)
    assert len(app.idle) == 2


async def test_a_failing_request_returns_its_thread():
    async def broken(scope, receive, send):
        await sync_to_async(threading.get_ident)()
        raise RuntimeError("view failed")

    app = ReusedRequestThreads(broken)
    with pytest.raises(RuntimeError):
        await call(app)
    assert len(app.idle) == 1


@pytest.mark.django_db(transaction=True)
async def test_the_served_application_answers_requests_one_after_another():
    # Database reads in the reused thread, request after request.
    threads = application.application_mapping["http"]
    assert isinstance(threads, ReusedRequestThreads)
    idle = []
    for _ in range(3):
        communicator = HttpCommunicator(
            application, "GET", "/api/v1/budget/editions/", headers=[(b"host", b"127.0.0.1")]
        )
        response = await communicator.get_response()
        await communicator.wait()
        assert response["status"] == 200, response["body"][:300]
        idle.append(list(threads.idle))
    assert idle[0] and idle[0] == idle[1] == idle[2]
