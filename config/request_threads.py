"""Request threads reused across requests.

Django's ASGI handler gives every request a fresh one-thread executor for its sync code: a new
OS thread started and joined per request (bench/ballots.py: about a quarter of the server's
CPU per ballot). Here a request borrows an idle executor instead; Django's own
ThreadSensitiveContext then finds this one and adds none. An executor serves one request at a
time, as Django's sync code expects of its thread (its database connection is per thread and
is handed back to the pool when the request finishes).
"""

from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext

# Idle threads kept for the next requests; a burst beyond this many is served by threads that
# end with their request.
KEEP_IDLE = 32


class ReusedRequestThreads:
    def __init__(self, app, keep_idle: int = KEEP_IDLE):
        self.app = app
        self.keep_idle = keep_idle
        self.idle: list[ThreadPoolExecutor] = []

    async def __call__(self, scope, receive, send):
        executor = self.idle.pop() if self.idle else ThreadPoolExecutor(max_workers=1)
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
        finally:
            if len(self.idle) < self.keep_idle:
                self.idle.append(executor)
            else:
                # Without waiting: a request cut short by its client may still be running.
                executor.shutdown(wait=False)
