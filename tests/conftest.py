"""Shared test fixtures: a real assistant (Rasa server + action server) on spare ports."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx
import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105"))
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155"))
READY_WITHIN_SECONDS = 240


class Assistant:
    """A running assistant, spoken to over its REST channel as the web page and Telegram do."""

    def __init__(
        self, base_url: str, process: subprocess.Popen, log_path: Path, tracker_db: Path
    ) -> None:
        self.base_url = base_url
        self.tracker_db = tracker_db
        self.process = process
        self.log_path = log_path
        self.http = httpx.Client(base_url=base_url, timeout=60)

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
            if b"actions" not in cmdline:
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


def button_titles(replies: List[Dict]) -> List[str]:
    return [button["title"] for reply in replies for button in reply.get("buttons", [])]


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_DIR / "domain.yml").read_text())


@pytest.fixture(scope="session")
def assistant(tmp_path_factory) -> Assistant:
    workdir = tmp_path_factory.mktemp("assistant")
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump(
            {
                "action_endpoint": {"url": f"http://localhost:{ACTIONS_PORT}/webhook"},
                "tracker_store": {
                    "type": "SQL", "dialect": "sqlite", "db": str(workdir / "tracker.db")
                },
            }
        )
    )
    log_path = workdir / "assistant.log"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(RASA_PORT),
             "--actions-port", str(ACTIONS_PORT), "--endpoints", str(endpoints)],
            cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT, env=env,
        )
    running = Assistant(f"http://localhost:{RASA_PORT}", process, log_path, workdir / "tracker.db")
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
    yield running
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def sender() -> str:
    """A new resident for each test."""
    return f"test-{uuid.uuid4().hex[:12]}"
