"""Real processes for the system tests and benches: databases, an ASGI server, a Redis.

Everything here makes its own resources (a database named by the caller, a Redis on its own
port) and removes them, so runs never touch another engineer's data on the shared machine.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- PostgreSQL -----------------------------------------------------------------------------


def admin(host="127.0.0.1", port=5432, user="postgres"):
    """An autocommit connection to the maintenance database (CREATE/DROP DATABASE)."""

    return psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True)


def database_url(name: str, host="127.0.0.1", port=5432, user="postgres") -> str:
    return f"postgres://{user}@{host}:{port}/{name}"


def drop_database(name: str) -> None:
    with admin() as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))


def copy_database(source: str, target: str) -> None:
    """`target` as a copy of `source` (its schema and data); nobody may be connected to it."""

    drop_database(target)
    with admin() as conn:
        # Leftover connections of this test run (threads of earlier websocket tests) would
        # block the copy; the source is the run's own test database, so ending them is safe.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [source],
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(source)
            )
        )


def create_migrated_database(name: str, env: dict | None = None) -> str:
    drop_database(name)
    with admin() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = database_url(name)
    manage("migrate", "--noinput", env={**(env or {}), "DATABASE_URL": url})
    return url


def cut_database(name: str) -> int:
    """An outage of one database: refuse new connections, kill the open ones."""

    with admin() as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


def restore_database(name: str) -> None:
    with admin() as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name))
        )


def query(name: str, statement: str, params=()) -> list[tuple]:
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=name) as conn:
        return conn.execute(statement, params).fetchall()


# --- Django processes -----------------------------------------------------------------------


def child_env(**overrides) -> dict:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    return {k: v for k, v in env.items() if not (k in overrides and overrides[k] is None)}


def manage(*args, env: dict | None = None, timeout=300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(**(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "system-test-secret-key-" + "x" * 40,
    "PESEL_HASH_KEY": "system-test-pesel-key-" + "y" * 40,
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "WARNING",
}


@contextmanager
def asgi_server(
    database: str, *, redis_url: str | None = None, workers: int = 1, log=None, env=None
):
    """Uvicorn serving config.asgi against `database`, production-like settings; yields the
    base URL. The server's output goes to `log` (a path) for the test to read."""

    port = free_port()
    env = child_env(
        **{
            **PRODUCTION_LIKE,
            "DATABASE_URL": database_url(database),
            "REDIS_URL": redis_url or None,
            **(env or {}),
        }
    )
    if not redis_url:
        env.pop("REDIS_URL", None)
    env.pop("PYTEST_VERSION", None)
    out = open(log or os.devnull, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "config.asgi:application",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        out.close()


def wait_until_serving(base: str, process, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            # The first request imports every view: on a busy machine (another suite just
            # ran) it may take longer than one read timeout. Only the overall deadline counts.
            requests.get(f"{base}/api/v1/workflows/", timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise RuntimeError("server did not start")


# --- Redis ----------------------------------------------------------------------------------


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def start_redis(port: int) -> None:
    workdir = tempfile.gettempdir()
    subprocess.run(
        [
            "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "yes", "--dir", workdir,
            "--logfile", os.path.join(workdir, f"redis-system-{port}.log"),
        ],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if redis_cli(port, "PING") == "PONG":
            return
        time.sleep(0.1)
    raise RuntimeError(f"redis on {port} did not start")


def redis_cli(port: int, *command: str) -> str:
    result = subprocess.run(
        ["redis-cli", "-p", str(port), *command], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def stop_redis(port: int) -> None:
    redis_cli(port, "SHUTDOWN", "NOSAVE")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and redis_cli(port, "PING") == "PONG":
        time.sleep(0.1)
