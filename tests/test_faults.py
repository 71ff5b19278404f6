"""Faults: the action server down (a kind reply with the phone number, then recovery), and health."""

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import PROJECT_DIR, assistant_environment, start_assistant, stop_assistant, texts

RASA_PORT, ACTIONS_PORT, MISSING_ACTIONS_PORT = 5107, 5157, 5158


def test_health_says_conversations_are_kept_in_the_database(assistant):
    health = assistant.http.get("/webhooks/rest/")
    assert health.status_code == 200 and health.json() == {"status": "ok", "tracker_store": "ok"}


@pytest.fixture(scope="module")
def without_actions(tmp_path_factory, mailbox):
    """An assistant whose action server is not there (its endpoint points at an empty port)."""
    workdir = tmp_path_factory.mktemp("no-actions")
    env = assistant_environment(f"sqlite:///{workdir / 'front_door.db'}", mailbox)
    running = start_assistant(workdir, env, RASA_PORT, ACTIONS_PORT, actions_url_port=MISSING_ACTIONS_PORT)
    yield running
    stop_assistant(running)


def test_with_the_action_server_down_residents_still_get_the_phone_number_then_it_recovers(without_actions):
    replies = without_actions.say("test-no-actions", "call me back")
    assert "01375 511 000" in texts(replies), "never silence: the phone number"
    actions = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("rasa")),
            "run",
            "actions",
            "--actions",
            "actions",
            "--port",
            str(MISSING_ACTIONS_PORT),
        ],
        cwd=PROJECT_DIR,
        env=without_actions.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://localhost:{MISSING_ACTIONS_PORT}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(1)
        recovered = texts(without_actions.say("test-after-recovery", "call me back"))
        assert "Is it OK for me to share" in recovered, "the handover works again"
    finally:
        actions.terminate()
        actions.wait(timeout=30)
