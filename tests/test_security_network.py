"""Issue 28: only the public server is reachable from other machines; the action server needs its token."""

import socket
import subprocess

import httpx
import pytest

from tests.conftest import ACTION_SERVER_TOKEN


def this_machines_other_address() -> str:
    """An address of this machine that is not loopback (what another machine would connect to)."""
    for address in subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split():
        if ":" not in address and not address.startswith("127."):
            return address
    pytest.skip("this machine has no address but loopback")


def refused(address: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(3)
        return probe.connect_ex((address, port)) != 0


def test_from_another_address_neither_the_assistant_nor_its_action_server_answers(assistant):
    address = this_machines_other_address()
    rasa_port, actions_port = assistant.ports
    assert not refused("127.0.0.1", rasa_port), "the assistant is up"
    assert refused(address, actions_port), "the action server listens beyond loopback"
    assert refused(address, rasa_port), "HOST defaults to loopback"


def test_the_action_server_refuses_requests_without_its_token(assistant):
    actions = httpx.Client(base_url=f"http://127.0.0.1:{assistant.ports[1]}", timeout=30)
    forged = {
        "next_action": "action_forget_me",
        "sender_id": "web:someone",
        "version": "3.6.21",
        "tracker": {"sender_id": "web:someone", "slots": {}, "latest_message": {}, "events": []},
        "domain": {},
    }
    assert actions.get("/actions").status_code == 403
    assert actions.post("/webhook", json=forged).status_code == 403
    assert actions.post("/webhook", json=forged, headers={"X-Action-Token": "guess"}).status_code == 403
    as_a_form = actions.post(
        "/webhook",
        content=b"{}",
        headers={"X-Action-Token": ACTION_SERVER_TOKEN, "Content-Type": "text/plain"},
    )
    assert as_a_form.status_code == 415, "a web page cannot post to it from a visitor's browser"
    assert actions.get("/actions", headers={"X-Action-Token": ACTION_SERVER_TOKEN}).status_code == 200
    assert actions.get("/health").status_code == 200
