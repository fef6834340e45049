"""The production shape on one machine: N app processes behind nginx, and the task worker.

    python -m deploy.local [--port 8000] [--apps 2]

`make serve` runs this; tests/system/test_topology.py and the benches start the same shape
with `Topology`. Each app process is one uvicorn worker on its own port (as systemd runs
them in production, deploy/systemd/wspolnota-web@.service), nginx (Debian's package)
balances HTTP and websockets between them, and they share PostgreSQL and Redis from the
environment (`DATABASE_URL`, `REDIS_URL`).
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "local.conf.in"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def render_nginx_conf(prefix: Path, port: int, app_ports: list[int]) -> str:
    upstreams = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in app_ports
    )
    return Template(NGINX_TEMPLATE.read_text()).substitute(
        # nginx started by root drops to "nobody", who may not write the temp folders.
        user_line="user root;" if os.geteuid() == 0 else "",
        prefix=prefix,
        port=port,
        upstreams=upstreams,
        static_root=ROOT / "staticfiles",
    )


def app_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", "config.asgi:application",
        "--host", "127.0.0.1", "--port", str(port),
        # X-Forwarded-Proto/-For are believed only from the proxy on this machine.
        "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
        "--log-level", "warning", "--no-access-log",
        # Live events are small JSON: compressing each for each socket cost a fifth more CPU
        # per delivery and 40 KiB more memory per connection (bench/fanout.py, 1,000 clients).
        "--ws-per-message-deflate", "false",
    ]  # fmt: skip


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process {process.args[:3]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Topology:
    """Start `apps` app processes and nginx in front of them; `stop()` ends them all.

    `env` is the environment of the app processes (DATABASE_URL, REDIS_URL, ...); `log`
    a folder for their output. `worker` adds the task worker if given: command lines of
    which each but the last runs to completion first (systemd's ExecStartPre), and the last
    is the worker process (`worker_commands()` is the production one).
    """

    def __init__(self, *, port=None, apps=2, env=None, log=None, worker=None):
        self.port = port or free_port()
        self.app_ports = [free_port() for _ in range(apps)]
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.env.pop("PYTEST_VERSION", None)
        self.prefix = Path(tempfile.mkdtemp(prefix="wspolnota-nginx-"))
        self.log = Path(log) if log else self.prefix
        self.worker_commands = worker or []
        self.apps: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self._files = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, command, name):
        out = open(self.log / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self._files.append(out)
        # Our own command lines (uvicorn, nginx, manage.py), never user input.
        return subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )

    def start_app(self, index: int) -> subprocess.Popen:
        port = self.app_ports[index]
        process = self._spawn(app_command(port), f"app-{port}")
        wait_for_port(port, process)
        if index < len(self.apps):
            self.apps[index] = process
        else:
            self.apps.append(process)
        return process

    def start(self) -> "Topology":
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
        for index in range(len(self.app_ports)):
            self.start_app(index)
        conf = self.prefix / "nginx.conf"
        conf.write_text(render_nginx_conf(self.prefix, self.port, self.app_ports))
        self.nginx = self._spawn([binary, "-p", str(self.prefix), "-c", str(conf)], "nginx")
        wait_for_port(self.port, self.nginx)
        self.start_worker()
        return self

    def start_worker(self) -> subprocess.Popen | None:
        if not self.worker_commands:
            return None
        *before, worker = self.worker_commands
        for step, command in enumerate(before):
            if self._spawn(command, f"worker-before-{step}").wait() != 0:
                raise RuntimeError(f"{command[1:]} failed; see {self.log}")
        self.worker = self._spawn(worker, "worker")
        return self.worker

    def kill_app(self, index: int) -> None:
        """SIGKILL one app process: a crash, not a graceful stop."""

        self.apps[index].kill()
        self.apps[index].wait()

    def stop(self) -> None:
        for process in [*self.apps, self.nginx, self.worker]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.apps, self.nginx, self.worker]:
            if process is None:
                continue
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for out in self._files:
            out.close()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> "Topology":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--apps", type=int, default=2)
    args = parser.parse_args()
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if missing:
        # Several processes share state only through PostgreSQL and Redis.
        print(f"make serve needs {' and '.join(missing)} (see docs/production.md)")
        return 2
    topology = Topology(port=args.port, apps=args.apps, log=None, worker=worker_commands())
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    with topology:
        ports = ", ".join(str(p) for p in topology.app_ports)
        print(f"Serving {topology.base}/ through nginx → app processes on ports {ports}")
        print(f"Logs: {topology.log}")
        try:
            while not stopping and all(p.poll() is None for p in [*topology.apps, topology.nginx]):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


def worker_commands() -> list[list[str]]:
    """The task worker as production runs it (deploy/systemd/wspolnota-worker@.service):
    `schedule_recurring` starts the recurring chains (deadlines every minute, staff warnings,
    the daily digest; harmless when they already run), then `db_worker` runs them, the mail
    and the bundles. Without the first step a fresh database would never fire a deadline."""

    manage = [sys.executable, "manage.py"]
    return [[*manage, "schedule_recurring"], [*manage, "db_worker", "--no-reload"]]


if __name__ == "__main__":
    sys.exit(main())
