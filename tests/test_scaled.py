"""Two Rasa replicas and two action servers behind nginx, sharing PostgreSQL and Redis
(`python -m bot serve-scaled`, as `make run-scaled` starts it)."""

import json
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List

import httpx
import pytest
import sqlalchemy as sa

from bot.server.channels.rest import SESSION_COOKIE
from bot.server.tracker_store import replica_standby_files
from bot.settings import Settings
from tests.conftest import (
    PROJECT_DIR,
    READY_WITHIN_SECONDS,
    Assistant,
    assistant_environment,
    postgres_url,
    texts,
)
from tests.test_tell_us_once import MARGARET, REFERENCE

PORT, ACTIONS_PORT, FIRST_REPLICA, FIRST_ACTION_SERVER = 5109, 5160, 5110, 5161
PUBLIC_HOST = "127.0.0.2"  # HOST: where nginx serves residents (a loopback address other than 127.0.0.1)
RATE_LIMIT = 12
HANDOVER = [
    MARGARET,
    "what is a needs assessment",
    "call me back",
    "yes",
    "for myself",
    "mornings",
    "/deny",
    "Help at home",
    "yes",
]


class Scaled:
    def __init__(self, process: subprocess.Popen, workdir: Path, env: dict) -> None:
        self.process = process
        self.env = env
        self.front = Assistant(process, workdir, env, (PORT, ACTIONS_PORT))
        self.replicas = [Assistant(process, workdir, env, (FIRST_REPLICA + n, ACTIONS_PORT)) for n in (0, 1)]

    def replica_pid(self, port: int) -> int:
        for child in Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split():
            if f"\0--port\0{port}\0".encode() in Path(f"/proc/{child}/cmdline").read_bytes():
                return int(child)
        raise RuntimeError(f"no replica on port {port}")


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, mailbox, redis_url):
    workdir = tmp_path_factory.mktemp("scaled")
    env = {
        **assistant_environment(postgres_url(), mailbox),
        "REDIS_URL": redis_url,
        "RATE_LIMIT_MESSAGES": str(RATE_LIMIT),
        "HOST": PUBLIC_HOST,
        "CONVERSATION_HASH_SALT": "scaled-test-salt-long-and-random-enough",
        "RATE_LIMIT_EXEMPT_ADDRESSES": f"127.0.0.1 {PUBLIC_HOST}",
    }
    with open(workdir / "assistant.log", "ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve-scaled",
                "--replicas",
                "2",
                "--action-servers",
                "2",
                "--port",
                str(PORT),
                "--actions-port",
                str(ACTIONS_PORT),
                "--first-replica-port",
                str(FIRST_REPLICA),
                "--first-action-server-port",
                str(FIRST_ACTION_SERVER),
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = Scaled(process, workdir, env)
    running.front.http = httpx.Client(base_url=f"http://{PUBLIC_HOST}:{PORT}", timeout=60)
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    for part in (*running.replicas, running.front):
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)  # never SIGKILL first: its nginx and replicas were left running
                pytest.fail(f"the scaled assistant did not start:\n{running.front.log()[-4000:]}")
            try:
                if part.say("readiness-probe", "/greet"):
                    break
            except (httpx.HTTPError, AssertionError):
                time.sleep(1)
    yield running
    stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stops the supervisor as Ctrl-C does, so it stops every part it started; killed only if stuck."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def events(scaled: Scaled, sender: str) -> List[dict]:
    engine = sa.create_engine(scaled.env["DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("select data from events where sender_id = :s order by id"), {"s": sender}
        ).scalars()
        found = [json.loads(row) for row in rows]
    engine.dispose()
    return found


def assert_turns_whole_and_in_order(stored: List[dict], said: List[str]) -> None:
    """Each message once, in order, and each handled to the end before the next one began."""
    assert [e["text"] for e in stored if e["event"] == "user"] == said
    turns = [[]]
    for event in stored:
        if event["event"] == "user":
            turns.append([])
        turns[-1].append(event)
    for turn in turns[1:]:
        listens = [e for e in turn if e["event"] == "action" and e["name"] == "action_listen"]
        assert len(listens) == 1 and turn[-1] is listens[0], [e.get("name") or e["event"] for e in turn]


def test_turns_sent_alternately_to_two_replicas_keep_details_forms_and_the_handover(scaled, sender):
    for n, line in enumerate(HANDOVER):
        replies = scaled.replicas[n % 2].say(sender, line)
    reference = REFERENCE.search(texts(replies))
    assert reference, texts(replies)
    engine = sa.create_engine(scaled.env["DATABASE_URL"])
    with engine.connect() as connection:
        row = connection.execute(
            sa.text("select full_name, postcode, phone from handovers where reference = :r"),
            {"r": reference.group(0)},
        ).one()
    engine.dispose()
    assert tuple(row) == ("Margaret Hill", "RM17 6SL", "07700 900123"), "told once, on the other replica"
    assert_turns_whole_and_in_order(events(scaled, sender), HANDOVER)


def test_messages_at_the_same_moment_on_both_replicas_are_handled_one_at_a_time(scaled, sender):
    scaled.replicas[0].say(sender, "hello")
    together = ["what is a direct payment", "what is a carer's assessment"]
    start = threading.Barrier(2)
    answers = {}

    def send(n: int) -> None:
        start.wait()
        answers[n] = texts(scaled.replicas[n].say(sender, together[n]))

    threads = [threading.Thread(target=send, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "direct payment" in answers[0].lower() and "carer" in answers[1].lower()
    stored = events(scaled, sender)
    said = [e["text"] for e in stored if e["event"] == "user"]
    assert sorted(said[1:]) == sorted(together), "neither message lost"
    assert_turns_whole_and_in_order(stored, said)


def test_nginx_sends_each_conversation_to_one_replica(scaled, sender):
    """The rate limit lives in each replica: it is only reached if every message met the same one."""
    statuses = [
        scaled.front.http.post(
            "/webhooks/rest/webhook", json={"sender": sender, "message": "hello"}
        ).status_code
        for _ in range(RATE_LIMIT + 1)
    ]
    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT and statuses[-1] == 429


def test_a_replica_stopped_mid_conversation_the_other_carries_on_until_it_is_back(scaled, sender):
    scaled.replicas[0].say(sender, MARGARET)
    stopped = scaled.replica_pid(FIRST_REPLICA)
    subprocess.run(["kill", "-TERM", str(stopped)], check=True)
    deadline = time.monotonic() + 60
    while Path(f"/proc/{stopped}").exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    shown = texts(scaled.front.say(sender, "what do you know about me"))
    assert "Margaret Hill" in shown and "RM17 6SL" in shown
    for n in range(4):
        assert scaled.front.say(f"{sender}-{n}", "what is a direct payment"), "every conversation answered"
    deadline = time.monotonic() + READY_WITHIN_SECONDS  # supervisord restarts it; it reloads the model
    while True:
        try:
            if scaled.replicas[0].say(sender, "what do you know about me"):
                break
        except (httpx.HTTPError, AssertionError):
            assert time.monotonic() < deadline, "the stopped replica was not restarted"
            time.sleep(1)
    assert scaled.replica_pid(FIRST_REPLICA) != stopped


def listening(pids: List[int]) -> List[tuple]:
    """(address, port, program) of every TCP socket these processes listen on (`ss`)."""
    found = []
    for line in subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout.splitlines():
        fields = line.split()
        owners = {int(pid) for pid in re.findall(r"pid=(\d+)", line)}
        if owners & set(pids):
            address, port = fields[3].rsplit(":", 1)
            found.append((address.strip("[]"), int(port), re.search(r'\(\("([^"]+)"', line).group(1)))
    return found


def process_tree(pid: int) -> List[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid] + [p for child in children for p in process_tree(int(child))]


def test_only_nginx_listens_beyond_the_internal_loopback_address(scaled):
    sockets = listening(process_tree(scaled.process.pid))
    assert any(port == FIRST_REPLICA for _, port, _ in sockets), sockets
    public = [(address, port, program) for address, port, program in sockets if address != "127.0.0.1"]
    assert {(address, port) for address, port, _ in public} == {(PUBLIC_HOST, PORT)}, sockets
    assert {program for _, _, program in public} == {"nginx"}


def test_nginx_limits_each_address_with_a_kind_answer(scaled):
    """A cheap page, asked for quickly: nginx refuses beyond its rate, kindly, before any replica works."""

    def ask(_: int) -> httpx.Response:
        return scaled.front.http.get("/chat/chat.css")

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(ask, range(200)))
    paused = [a for a in answers if a.status_code == 429]
    assert len(paused) >= 30 and all("short pause" in a.json()[0]["text"] for a in paused)
    time.sleep(6)  # the bucket empties before the next test


def test_each_replica_keeps_its_standby_file_where_forget_me_and_the_purge_look(scaled):
    """During an outage each replica keeps conversations in its own file, beside the configured one."""
    configured = Path(scaled.env.get("TRACKER_STANDBY_PATH") or Settings().tracker_standby_path)
    kept = []
    for port in (FIRST_REPLICA, FIRST_REPLICA + 1):
        environ = Path(f"/proc/{scaled.replica_pid(port)}/environ").read_bytes().split(b"\0")
        variables = dict(item.decode().split("=", 1) for item in environ if b"=" in item)
        kept.append(Path(variables["TRACKER_STANDBY_PATH"]))
    assert kept[0] != kept[1], "two replicas never write one SQLite file"
    for path in kept:
        path.write_bytes(b"")
    try:
        assert set(kept) <= set(replica_standby_files(configured)), kept
    finally:
        for path in kept:
            if path.stat().st_size == 0:
                path.unlink()


def test_the_conversation_cookie_is_secure_when_the_proxy_in_front_says_https(scaled):
    """docs/security.md: TLS in front, setting X-Forwarded-Proto; over plain HTTP a Secure cookie would be lost."""
    plain = scaled.front.http.post("/webhooks/rest/webhook", json={"message": "hello"})
    assert plain.status_code == 200 and SESSION_COOKIE in plain.headers["set-cookie"]
    assert "secure" not in plain.headers["set-cookie"].lower()

    behind_tls = scaled.replicas[0].http.post(
        "/webhooks/rest/webhook",
        json={"message": "hello"},
        headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
    )
    assert behind_tls.status_code == 200 and SESSION_COOKIE in behind_tls.headers["set-cookie"]
    assert "secure" in behind_tls.headers["set-cookie"].lower().split("; ")
