"""Shared test fixtures: a real assistant (Rasa server + action server) on spare ports."""

import functools
import inspect
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx
import pytest
import yaml
from aiosmtpd.controller import Controller

PROJECT_DIR = Path(__file__).resolve().parents[1]
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105"))
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155"))
READY_WITHIN_SECONDS = 240
ACTION_SERVER_TOKEN = "test-action-server-token"
TELEGRAM_BRIDGE_SECRET = "test-telegram-bridge-secret"
# What starts the trained assistant: tests whose code or fixtures do this need the model.
STARTS_THE_ASSISTANT = re.compile(r"\bstart_assistant\(|\"-m\", \"bot\", \"serve|front-door\.tar\.gz")


def pytest_collection_modifyitems(items) -> None:
    """Marks `needs_model` every test that starts the trained assistant, itself or through a
    fixture, so `make unit` (`-m "not needs_model"`) runs the rest without training first."""
    for item in items:
        functions = [getattr(item, "function", None)]
        for name in getattr(item, "fixturenames", ()):
            functions += [definition.func for definition in item._fixtureinfo.name2fixturedefs.get(name, ())]
        if any(starts_the_assistant(function) for function in functions if function is not None):
            item.add_marker(pytest.mark.needs_model)


@functools.lru_cache(maxsize=None)
def starts_the_assistant(function) -> bool:
    try:
        return bool(STARTS_THE_ASSISTANT.search(inspect.getsource(function)))
    except (OSError, TypeError):
        return False


@pytest.fixture(autouse=True)
def settings_read_afresh():
    """Each test reads the environment it sets up (bot.settings keeps what it read once)."""
    from bot.settings import settings

    settings.cache_clear()
    yield
    settings.cache_clear()


class Assistant:
    """A running assistant, spoken to over its REST channel as the web page and Telegram do."""

    def __init__(self, process: subprocess.Popen, workdir: Path, env: Dict[str, str], ports: tuple) -> None:
        self.ports = ports  # (Rasa server, action server)
        self.base_url = f"http://localhost:{ports[0]}"
        self.workdir = workdir
        self.env = env
        self.tracker_db = workdir / "front_door.db"  # SQLite: conversations and our tables
        self.process = process
        self.log_path = workdir / "assistant.log"
        self.http = httpx.Client(base_url=self.base_url, timeout=60)

    def post(self, body: bytes) -> httpx.Response:
        return self.http.post(
            "/webhooks/rest/webhook", content=body, headers={"Content-Type": "application/json"}
        )

    def say(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict]:
        payload = {"sender": sender, "message": text}
        if metadata is not None:
            payload["metadata"] = metadata
        reply = self.http.post("/webhooks/rest/webhook", json=payload)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def server_pid(self) -> int:
        """The Rasa server process (a child of `python -m bot serve`)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        for pid in children.split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"--model" in cmdline:
                return int(pid)
        raise RuntimeError("the Rasa server process was not found")

    def rss_megabytes(self) -> float:
        for line in Path(f"/proc/{self.server_pid()}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def texts(replies: List[Dict]) -> str:
    """All the words of a list of replies, as one string."""
    return "\n".join(reply.get("text", "") for reply in replies)


def answers_only(replies: List[Dict]) -> List[Dict]:
    """The replies without the occasional "Was this helpful?" question that follows an answer."""
    return [
        reply
        for reply in replies
        if not any(b["payload"].startswith("/answer_feedback") for b in reply.get("buttons", []))
    ]


def answer_text(replies: List[Dict]) -> str:
    return texts(answers_only(replies))


def button_titles(replies: List[Dict]) -> List[str]:
    return [button["title"] for reply in replies for button in reply.get("buttons", [])]


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_DIR / "domain.yml").read_text())


class Mailbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives; can go down and up."""

    def __init__(self) -> None:
        self.messages: List[EmailMessage] = []
        self.port = free_port()
        self.controller: Optional[Controller] = None

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def mailbox() -> Mailbox:
    box = Mailbox()
    box.start()
    yield box
    box.stop()


def start_redis(port: int, run_dir: Path) -> subprocess.Popen:
    """A private redis-server on loopback, for locks only (nothing is saved to disk)."""
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(run_dir),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        if redis.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.1)
    return redis


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """A real Redis server (Debian's redis-server) on loopback, for the lock store."""
    port = free_port()
    server = start_redis(port, tmp_path_factory.mktemp("redis"))
    yield f"redis://127.0.0.1:{port}/1"
    server.terminate()
    server.wait(timeout=10)


def missing(what: str) -> None:
    """A real part a test needs is not here: skipped on a developer's machine, a failure under CI."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must provide {what}")
    pytest.skip(f"not here: {what}")


def postgres_url() -> str:
    """The test PostgreSQL (TEST_DATABASE_URL, from .ci/start-postgres): CI must have one."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        missing("PostgreSQL: set TEST_DATABASE_URL (see .ci/start-postgres)")
    return url


USUAL_CLOCK = "2026-12-02T11:00"  # a Wednesday, not a bank holiday


def assistant_environment(database_url: str, mailbox: Mailbox) -> Dict[str, str]:
    """The environment a test assistant runs with: its own database, and our SMTP server."""
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "DATABASE_URL": database_url,
        "HANDOVER_EMAIL_TO": "thurrock.first@example.test",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(mailbox.port),
        "OUTBOX_POLL_SECONDS": "0.5",
        "OUTBOX_RETRY_SECONDS": "1",
        "OUTBOX_LONGEST_RETRY_SECONDS": "2",
        "RATE_LIMIT_MESSAGES": "60",  # the menu walk presses buttons quickly
        "RATE_LIMIT_SECONDS": "60",
        # the whole suite talks from 127.0.0.1: the per-address limits are tested from 127.0.0.2
        "RATE_LIMIT_EXEMPT_ADDRESSES": "127.0.0.1 ::1",
        "HANDOVERS_PER_ADDRESS_PER_DAY": "2",
        "CORS_ORIGINS": "https://partner.example",  # a site allowed to call the channels (no cookies)
        "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN,
        "TELEGRAM_BRIDGE_SECRET": TELEGRAM_BRIDGE_SECRET,
        # Thurrock First open (full service): what the assistant says never depends on when CI runs.
        # Tests of the hours set their own (a conversation file's `clock`).
        "CLOCK_OVERRIDE": USUAL_CLOCK,
    }


def write_endpoints(workdir: Path, actions_port: int) -> Path:
    """The project's endpoints.yml (stores, responses), with the action server on another port."""
    endpoints = yaml.safe_load((PROJECT_DIR / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://localhost:{actions_port}/webhook"
    path = workdir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def start_assistant(
    workdir: Path,
    env: Dict[str, str],
    rasa_port: int,
    actions_port: int,
    actions_url_port: Optional[int] = None,
) -> Assistant:
    """Starts `python -m bot serve` and waits until it answers (actions_url_port: where the Rasa
    server looks for actions, if not where `serve` starts them)."""
    endpoints = write_endpoints(workdir, actions_url_port or actions_port)
    log_path = workdir / "assistant.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve",
                "--port",
                str(rasa_port),
                "--actions-port",
                str(actions_port),
                "--endpoints",
                str(endpoints),
            ],
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    running = Assistant(process, workdir, env, (rasa_port, actions_port))
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"the assistant stopped while starting:\n{running.log()[-4000:]}")
        try:
            if running.say("readiness-probe", "/greet"):
                break
        except (httpx.HTTPError, AssertionError):
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the assistant was not ready in time:\n{running.log()[-4000:]}")
        time.sleep(1)
    return running


def stop_assistant(running: Assistant) -> None:
    running.process.send_signal(signal.SIGINT)
    try:
        running.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        running.process.kill()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, mailbox) -> Assistant:
    workdir = tmp_path_factory.mktemp("assistant")
    env = assistant_environment(f"sqlite:///{workdir / 'front_door.db'}", mailbox)
    running = start_assistant(workdir, env, RASA_PORT, ACTIONS_PORT)
    yield running
    stop_assistant(running)


@pytest.fixture
def sender() -> str:
    """A new resident for each test."""
    return f"test-{uuid.uuid4().hex[:12]}"
