"""A real worker: `manage.py run_huey` in its own process, on the SQLite queue or on Redis.

The worker is another process, so it must see the test's database and queue:
- Database. PostgreSQL: the test database itself (test_<name>); the tests here use `transactional_db`, so
  what they create is committed and visible to the worker. SQLite: pytest-django's test database lives in
  memory, which no other process can open, so `shared_database` copies it (schema and migration data,
  through SQLite's backup API, a few milliseconds) to a file under tmp_path and gives this thread a
  connection to that file for the test; the in-memory database's connection is left untouched and is
  this thread's connection again afterwards.
- Queue. This process's Huey storage is swapped for one the worker opens too: a SQLite queue file under
  tmp_path, or Redis on 127.0.0.1:6379 (TEST_REDIS_URL) under a queue name unique to the test run, so
  parallel runs never take each other's jobs; its keys are deleted afterwards.
  `transactional_db` empties every table after a test; serialized rollback puts the migrations' rows (the
  grade levels, the AASL indicators) back before the next one.
- Files. MEDIA_ROOT (staged imports, kept files) is a tmp_path folder both processes use.
Immediate mode is never used here: every job goes through the queue to the other process.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, connections

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# One worker thread, no periodic tasks (the tests call the sweep), a quick poll of the SQLite queue.
WORKER_OPTIONS = ["--workers", "1", "--no-periodic", "--max-delay", "0.2"]


@pytest.fixture(autouse=True)
def shared_database(transactional_db, django_db_serialized_rollback, tmp_path):
    """The database URL the worker uses; on SQLite, this process moves to a file copy for the test."""
    if connection.vendor != "sqlite":
        params = connection.settings_dict
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
        yield (
            f"postgres://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        )
        return
    path = tmp_path / "db.sqlite3"
    in_memory = connections["default"]
    in_memory.ensure_connection()
    copy = sqlite3.connect(path)
    in_memory.connection.backup(copy)
    copy.close()
    # This thread talks to the file through a wrapper of its own; the in-memory database's wrapper is left
    # exactly as it was (closing it would drop that database) and comes back after the test.
    on_file = in_memory.__class__({**in_memory.settings_dict, "NAME": str(path)}, alias="default")
    connections["default"] = on_file
    try:
        yield f"sqlite:///{path}"
    finally:
        on_file.close()
        connections["default"] = in_memory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _redis_storage(name):
    from huey.storage import PriorityRedisStorage

    storage = PriorityRedisStorage(name, url=REDIS_URL)
    try:
        storage.conn.ping()
    except Exception as error:  # noqa: BLE001 - any connection failure means the same thing here
        pytest.fail(f"Redis is not answering at {REDIS_URL} ({error}): run `make redis-deps`.", pytrace=False)
    return storage


class Worker:
    """`manage.py run_huey` against this test's database, queue and MEDIA_ROOT."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.process = env, log, None

    def start(self) -> "Worker":
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", *WORKER_OPTIONS],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        return self

    def kill(self) -> None:
        """kill -9: no clean-up of any kind, as when the machine or the OOM killer stops it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # graceful: finish the task in hand, then exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path):
    """This process's queue, swapped for one the worker shares: the kind of queue the test is about."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import SqliteStorage

    name = f"collabtrack-test-{uuid.uuid4().hex[:12]}"
    if request.param == "redis":
        storage, env = _redis_storage(name), {"HUEY_REDIS_URL": REDIS_URL}
    else:
        path = tmp_path / "huey.sqlite3"
        storage, env = SqliteStorage(name, filename=str(path)), {"HUEY_SQLITE_PATH": str(path)}
    saved, HUEY.storage = HUEY.storage, storage
    yield request.param, env | {"HUEY_NAME": name}
    HUEY.storage = saved
    storage.flush_all()  # the queue, schedule and results of this test's queue name only


@pytest.fixture
def start_worker(queue, shared_database, media, tmp_path):
    """start_worker() -> a running Worker; every worker is stopped after the test."""
    _, queue_env = queue
    env = {
        **os.environ,
        **queue_env,
        "DATABASE_URL": shared_database,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "collabtrack.settings",
        "DEBUG": "true",
        "LOG_LEVEL": "INFO",
    }
    env.pop("HUEY_IMMEDIATE", None)
    workers = []

    def start() -> Worker:
        worker = Worker(env, tmp_path / "worker.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(condition, *, timeout: float, worker: Worker | None = None, what: str = "the condition"):
    """Poll `condition()` until it is true; fail with the worker's output after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    output = worker.output() if worker else ""
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.\nWorker output:\n{output[-4000:]}")
