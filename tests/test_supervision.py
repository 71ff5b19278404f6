"""When a part crashes, the service stays: under `make run` (`python -m bot serve`, as the README
starts it) each part is killed with SIGKILL, as an out-of-memory kill would, and comes back by
itself while residents are answered; a part that keeps crashing is named by the health check."""

import os
import re
import signal
import time
from functools import partial
from pathlib import Path
from typing import Callable

import httpx
import pytest
from supervisor import childutils

from bot.run.crash_watch import CrashWatch
from bot.run.serve import run_directory
from tests.conftest import (
    READY_WITHIN_SECONDS,
    Assistant,
    assistant_environment,
    free_port,
    start_assistant,
    stop_assistant,
    texts,
)
from tests.telegram_standin import StandInBotApi
from tests.test_tell_us_once import MARGARET, REFERENCE, mail_about

BACK_WITHIN_SECONDS = 30
# The Rasa server needs its imports and its model again: about 35 s on a quiet machine and minutes
# on a busy one (docs/deployment.md), so it gets the time any test assistant gets to start; the
# channels meanwhile answer with Thurrock First's number.
RASA_BACK_WITHIN_SECONDS = READY_WITHIN_SECONDS
CRASH_LIMIT = 3
THURROCK_FIRST = "01375 511 000"
HANDOVER = [
    MARGARET,
    "can someone call me back",
    "yes",
    "for myself",
    "mornings",
    "/deny",
    "Help at home",
    "yes",
]


class Supervised:
    """The assistant under `python -m bot serve`, and supervisord's view of its parts."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        socket = run_directory(assistant.ports[0]) / "supervisor.sock"
        self.rpc = childutils.getRPCInterface({"SUPERVISOR_SERVER_URL": f"unix://{socket}"})

    def pid(self, part: str) -> int:
        """The part's process while supervisord has one running (0 when it has none)."""
        info = self.rpc.supervisor.getProcessInfo(part)
        return info["pid"] if info["statename"] in ("STARTING", "RUNNING") else 0

    def kill(self, part: str) -> int:
        pid = self.pid(part)
        assert pid, f"{part} is not running"
        os.kill(pid, signal.SIGKILL)
        return pid

    def health(self) -> httpx.Response:
        return self.assistant.http.get("/webhooks/rest/")


def until(check: Callable[[], object], seconds: float, every: float = 0.5) -> float:
    """Waits until check() is true; returns how long it took."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(every)
    return time.monotonic() - started


def answers(running: Assistant, sender: str, text: str) -> str:
    """What the resident sees; fails if they would see an error or nothing."""
    said = texts(running.say(sender, text))
    assert said.strip(), "the resident met silence"
    return said


def test_crashes_are_counted_within_the_window_only():
    watch = CrashWatch(limit=2, window_seconds=600)
    assert [watch.crashed("actions", at) for at in (0, 100, 200)] == [1, 2, 3]
    assert watch.too_often(3) and not watch.too_often(2)
    assert watch.crashed("actions", 750) == 2, "the crashes at 0 s and 100 s are older than the window"
    assert watch.crashed("outbox", 750) == 1, "each part is counted on its own"


@pytest.fixture(scope="module")
def telegram_api():
    api = StandInBotApi()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def supervised(tmp_path_factory, mailbox, telegram_api):
    workdir = tmp_path_factory.mktemp("supervised")
    env = {
        **assistant_environment(f"sqlite:///{workdir / 'front_door.db'}", mailbox),
        "PART_CRASH_LIMIT": str(CRASH_LIMIT),
        "SPOOL_DIR": str(workdir / "spool"),
        "TRACKER_STANDBY_PATH": str(workdir / "standby.db"),
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_API_URL": telegram_api.url,
    }
    rasa_port = free_port()
    actions_port = next(port for port in iter(free_port, None) if port != rasa_port)
    running = start_assistant(workdir, env, rasa_port, actions_port)
    yield Supervised(running)
    stop_assistant(running)


def test_action_server_killed_residents_are_answered_and_their_conversation_goes_on(supervised, sender):
    running = supervised.assistant
    answers(running, sender, MARGARET)
    killed = supervised.kill("actions")
    during = answers(running, f"{sender}-meanwhile", "can someone call me back")
    assert THURROCK_FIRST in during, "while the action server is away: the kind reply with the number"

    def back() -> bool:
        answers(running, f"{sender}-meanwhile", "what is a direct payment")  # answered throughout
        try:
            return httpx.get(f"http://localhost:{running.ports[1]}/health").status_code == 200
        except httpx.HTTPError:
            return False

    took = until(back, BACK_WITHIN_SECONDS)
    assert supervised.pid("actions") not in (0, killed)
    print(f"action server back in {took:.1f} s")
    shown = answers(running, sender, "what do you know about me")
    assert "Margaret Hill" in shown and "RM17 6SL" in shown, "details given before the crash"
    assert "Is it OK for me to share" in answers(running, sender, "can someone call me back"), (
        "the handover goes on"
    )
    assert re.search(r"PART CRASHED: actions exited, crash 1 ", running.log())


def test_handover_confirmed_while_the_outbox_is_down_is_delivered_when_it_is_back(
    supervised, sender, mailbox
):
    running = supervised.assistant
    for line in HANDOVER[:-1]:
        answers(running, sender, line)
    killed = supervised.kill("outbox")
    confirmed = answers(running, sender, HANDOVER[-1])
    reference = REFERENCE.search(confirmed)
    assert reference, confirmed
    took = until(lambda: mail_about(mailbox, reference.group(0), "Margaret Hill"), BACK_WITHIN_SECONDS)
    until(lambda: supervised.pid("outbox") not in (0, killed), BACK_WITHIN_SECONDS)  # a new outbox runs
    print(f"handover delivered {took:.1f} s after it was confirmed with the outbox killed")


def test_telegram_bridge_killed_messages_sent_meanwhile_are_answered(supervised, telegram_api):
    chat = 4290
    telegram_api.user_says(chat, "/start")
    telegram_api.wait_for("sendMessage", chat, 1)
    supervised.kill("telegram")
    telegram_api.user_says(chat, "what is a direct payment")
    took = until(
        lambda: any(
            "money the council sets aside" in call["params"].get("text", "")
            for call in telegram_api.sent("sendMessage", chat)
        ),
        BACK_WITHIN_SECONDS,
    )
    print(f"telegram answered {took:.1f} s after the bridge was killed")


def test_rasa_server_killed_residents_are_answered_kindly_and_it_comes_back_remembering(
    supervised, sender, telegram_api
):
    running = supervised.assistant
    answers(running, sender, MARGARET)
    supervised.kill("rasa")
    chat = 4291
    telegram_api.user_says(chat, "what is a direct payment")
    until(
        lambda: any(
            THURROCK_FIRST in call["params"].get("text", "")
            for call in telegram_api.sent("sendMessage", chat)
        ),
        20,
    )

    def back() -> bool:
        try:
            return bool(running.say(f"{sender}-probe", "hello"))
        except (httpx.HTTPError, AssertionError):
            return False

    took = until(back, RASA_BACK_WITHIN_SECONDS)
    print(f"Rasa server back in {took:.1f} s")
    shown = answers(running, sender, "what do you know about me")
    assert "Margaret Hill" in shown and "RM17 6SL" in shown, "details given before the crash"


def test_a_part_that_keeps_crashing_is_named_by_the_health_check_and_not_restarted(supervised):
    running = supervised.assistant
    assert supervised.health().status_code == 200, supervised.health().text

    def restarted_or_given_up(killed: int) -> bool:
        return (
            supervised.pid("outbox") not in (0, killed)
            or supervised.rpc.supervisor.getProcessInfo("outbox")["statename"] == "STOPPED"
        )

    for _ in range(CRASH_LIMIT + 1):  # the outbox crashed once already in this module: this is enough
        killed = supervised.kill("outbox")
        until(partial(restarted_or_given_up, killed), 15)
        if supervised.rpc.supervisor.getProcessInfo("outbox")["statename"] == "STOPPED":
            break
    time.sleep(4)  # longer than the outbox needs to start: it stays down
    assert supervised.rpc.supervisor.getProcessInfo("outbox")["statename"] == "STOPPED"
    health = supervised.health()
    assert health.status_code == 503 and "outbox" in health.json()["parts_down"], health.text
    assert f"more than {CRASH_LIMIT} times" in health.json()["parts_down"]["outbox"]
    assert "PART DOWN: outbox" in running.log()
    answers(running, "test-still-serving", "what is a direct payment")
    supervised.rpc.supervisor.startProcess("outbox")  # what an operator does once it is fixed
    assert supervised.health().status_code == 200


def test_sigterm_stops_every_part(supervised):
    pids = [supervised.pid(part) for part in ("rasa", "actions", "telegram", "outbox")]
    assert all(pids)
    supervised.assistant.process.send_signal(signal.SIGTERM)
    supervised.assistant.process.wait(timeout=60)
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]
