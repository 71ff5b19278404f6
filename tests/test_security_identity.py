"""Issue 28: nobody can act as another resident, on any channel; limits per client; speech leaks.

A second client tries, with everything it could know (a Telegram user id, a conversation id read
from the database, its own cookie), to read, change or delete a first resident's details.
"""

import hashlib
import socket
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.server.channels.rest import SESSION_COOKIE
from tests.conftest import TELEGRAM_BRIDGE_SECRET, texts
from tests.telegram_standin import StandInBotApi
from tests.test_purge import add_events
from tests.test_telegram import start_bridge, stop_bridge
from tests.test_tell_us_once import MARGARET, REFERENCE

PERSONAL = ("Margaret", "07700 900123", "RM17 6SL")
ATTACKS = ["what do you know about me", "my phone number is 07700 900999", "forget me", "/affirm"]


def client_from(assistant, address: str) -> httpx.Client:
    """A client whose requests come from another loopback address (another 'machine')."""
    return httpx.Client(
        base_url=assistant.base_url.replace("localhost", "127.0.0.1"),
        timeout=60,
        transport=httpx.HTTPTransport(local_address=address),
    )


def page_client(assistant) -> httpx.Client:
    """A browser on the chat page: no sender in the body, cookies kept."""
    return httpx.Client(base_url=assistant.base_url, timeout=60)


def page_says(client: httpx.Client, text: str, channel: str = "rest") -> httpx.Response:
    return client.post(f"/webhooks/{channel}/webhook", json={"message": text})


def stored_conversations(assistant):
    with sqlite3.connect(assistant.tracker_db) as db:
        return {row[0] for row in db.execute("select distinct sender_id from events")}


def details_of(assistant, sender_id):
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute("select data from events where sender_id = ?", (sender_id,)).fetchall()
    return " ".join(row[0] for row in rows)


# ---- the chat page: its conversation is the server's cookie


def test_the_page_conversation_is_a_server_cookie_and_its_id_opens_nothing(assistant):
    resident = page_client(assistant)
    first = page_says(resident, MARGARET)
    assert first.status_code == 200
    cookie = first.headers["set-cookie"]
    assert SESSION_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert all(word in texts(page_says(resident, "what do you know about me").json()) for word in PERSONAL)

    token = resident.cookies[SESSION_COOKIE]
    conversation = next(
        s
        for s in stored_conversations(assistant)
        if s.startswith("web:") and "Margaret" in details_of(assistant, s)
    )
    assert token not in conversation, "the stored id does not give the cookie away"

    for attacker in (
        page_client(assistant),
        httpx.Client(base_url=assistant.base_url, timeout=60, cookies={SESSION_COOKIE: conversation}),
    ):
        for attack in ATTACKS:
            for body in ({"message": attack}, {"sender": conversation, "message": attack}):
                answer = attacker.post("/webhooks/rest/webhook", json=body)
                assert answer.status_code in (200, 403)
                assert not any(word in answer.text for word in PERSONAL)
    shown = texts(page_says(resident, "what do you know about me").json())
    assert "07700 900123" in shown and "07700 900999" not in shown, "nothing was changed or deleted"


def test_after_forget_me_the_page_cookie_is_cleared_and_a_new_conversation_begins(assistant):
    resident = page_client(assistant)
    page_says(resident, MARGARET)
    page_says(resident, "forget me")
    forgotten = page_says(resident, "/affirm")
    assert any((r.get("custom") or {}).get("conversation_forgotten") for r in forgotten.json())
    assert "Max-Age=0" in forgotten.headers["set-cookie"]
    resident.cookies.clear()
    again = page_says(resident, "what do you know about me")
    assert again.headers.get("X-Conversation-Started") == "true"
    assert "Margaret" not in again.text


# ---- Telegram: a user id is not a secret


@pytest.fixture
def telegram_resident(assistant, tmp_path):
    api = StandInBotApi()
    bridge = start_bridge(api, assistant.base_url, tmp_path / "bridge.log")
    chat = 7000 + uuid.uuid4().int % 1000
    api.user_says(chat, MARGARET)
    api.wait_for("sendMessage", chat, 1)
    yield api, chat
    stop_bridge(bridge, api)


def test_a_telegram_residents_id_opens_nothing_on_the_public_channels(assistant, telegram_resident):
    api, chat = telegram_resident
    for channel in ("rest", "speech"):
        for attack in ATTACKS:
            answer = assistant.http.post(
                f"/webhooks/{channel}/webhook", json={"sender": f"telegram:{chat}", "message": attack}
            )
            assert answer.status_code == 403, (channel, attack, answer.text)
            assert not any(word in answer.text for word in PERSONAL)
    seen = len(api.sent("sendMessage", chat))
    api.user_says(chat, "what do you know about me")
    shown = "\n".join(c["params"]["text"] for c in api.wait_for("sendMessage", chat, seen + 1))
    assert "07700 900123" in shown and "07700 900999" not in shown


def test_the_bridges_channel_takes_nothing_without_its_secret(assistant, telegram_resident):
    _, chat = telegram_resident
    body = {"sender": f"telegram:{chat}", "message": "what do you know about me"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TELEGRAM_BRIDGE_SECRET}):
        answer = assistant.http.post("/webhooks/telegram/webhook", json=body, headers=headers)
        assert answer.status_code == 403 and "Margaret" not in answer.text
    own = {"Authorization": f"Bearer {TELEGRAM_BRIDGE_SECRET}"}
    other = assistant.http.post(
        "/webhooks/telegram/webhook", json={**body, "sender": "web:someone"}, headers=own
    )
    assert other.status_code == 400, "even the bridge speaks only for Telegram chats"


def test_in_a_group_chat_the_bridge_politely_refuses_and_nothing_is_kept(assistant, tmp_path):
    api = StandInBotApi()
    bridge = start_bridge(api, assistant.base_url, tmp_path / "bridge.log")
    group = -100000 - uuid.uuid4().int % 1000
    try:
        api.user_says(group, MARGARET, group_member=7001)
        api.user_says(group, "what do you know about me", group_member=7002)
        replies = [c["params"]["text"] for c in api.wait_for("sendMessage", group, 2)]
        assert all("private chats" in reply for reply in replies)
        assert not any("Margaret" in reply for reply in replies)
    finally:
        stop_bridge(bridge, api)
    assert f"telegram:{group}" not in stored_conversations(assistant)


# ---- what a client may send


def test_client_metadata_is_not_stored_and_cannot_pose_as_the_residents_words(assistant, sender):
    answer = assistant.http.post(
        "/webhooks/rest/webhook",
        json={
            "sender": sender,
            "message": "I need help with washing",
            "metadata": {"full_text": "Mallory wrote this, not the resident", "padding": "x" * 100_000},
        },
    )
    assert answer.status_code == 200
    stored = details_of(assistant, sender)
    assert "Mallory" not in stored and "x" * 1000 not in stored


def test_a_conversation_that_is_too_long_gets_a_kind_message_not_more_storage(assistant, sender):
    from rasa.core.tracker_store import SQLTrackerStore

    store = SQLTrackerStore(dialect="sqlite", db=str(assistant.tracker_db))
    add_events(store, sender, days_ago=0, count=int(assistant.env.get("MAX_CONVERSATION_EVENTS", 5000)))
    before = len(details_of(assistant, sender))
    answer = assistant.say(sender, "what is a direct payment")
    assert "too long" in texts(answer) and "01375 511 000" in texts(answer)
    assert len(details_of(assistant, sender)) == before


def test_a_10_mb_body_is_refused_before_it_is_read(assistant):
    host, port = "127.0.0.1", assistant.ports[0]
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(
            b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 10000000\r\n\r\n" + b"{" * 1024
        )
        connection.settimeout(5)
        answer = connection.recv(65536).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413") and "too long" in answer


# ---- limits per client address, and across channels


def test_rotating_sender_ids_from_one_address_are_paused(assistant):
    client = client_from(assistant, "127.0.0.2")

    def send(n):
        return client.post(
            "/webhooks/rest/webhook", json={"sender": f"rotating-{uuid.uuid4().hex}", "message": f"hello {n}"}
        ).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(send, range(100)))
    assert statuses.count(429) >= 30, statuses
    other = assistant.say(f"test-{uuid.uuid4().hex}", "what is a direct payment")
    assert "money the council sets aside" in texts(other), "other addresses are not affected"


def test_one_sender_meets_one_counter_on_rest_and_speech(assistant, sender):
    limit = int(assistant.env["RATE_LIMIT_MESSAGES"])
    statuses = [
        assistant.http.post(
            f"/webhooks/{channel}/webhook", json={"sender": sender, "message": "/greet"}
        ).status_code
        for channel in ["rest"] * (limit // 2) + ["speech"] * (limit // 2 + 5)
    ]
    assert statuses.count(429) >= 5


def test_handovers_from_one_address_are_capped_per_day_saved_never_lost(assistant):
    """Past the day's number from one address, a request is saved with a reference for staff (never
    sent on, so one address cannot flood Thurrock First) and never refused: nothing told is lost."""
    client = client_from(assistant, "127.0.0.3")
    per_day = int(assistant.env["HANDOVERS_PER_ADDRESS_PER_DAY"])
    sent = []
    for _ in range(per_day + 1):
        sender = f"capped-{uuid.uuid4().hex}"
        for line in (MARGARET, "call me back", "yes", "for myself", "any time", "/deny", "Help at home"):
            client.post("/webhooks/rest/webhook", json={"sender": sender, "message": line})
        sent.append(
            texts(client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "yes"}).json())
        )
    assert all(REFERENCE.search(said) for said in sent[:per_day])
    last = sent[-1]
    assert REFERENCE.search(last) and "can't send this one" in last and "01375 511 000" in last


# ---- speech


def test_a_spoken_read_back_has_a_random_short_lived_name_and_goes_with_forget_me(assistant, sender):
    assistant.say(sender, MARGARET)
    messages = assistant.http.post(
        "/webhooks/speech/webhook", json={"sender": sender, "message": "what do you know about me"}
    ).json()
    readback = next(m for m in messages if "07700 900123" in (m.get("text") or ""))
    name = readback["audio_url"].rsplit("/", 1)[1].removesuffix(".wav")
    for rate in ("normal", "slow"):
        for text in (readback["text"],):
            guess = hashlib.sha256(f"gmw/en|{rate}|{text}".encode()).hexdigest()
            assert name != guess
    audio = assistant.http.get(readback["audio_url"])
    assert audio.status_code == 200 and audio.headers["cache-control"] == "no-store"
    assistant.say(sender, "forget me")
    assistant.say(sender, "/affirm")
    assert assistant.http.get(readback["audio_url"]).status_code == 404


def test_the_speaking_rate_must_be_one_we_offer(assistant, sender):
    for rate in ([], {}, 3, "fast", None, "../normal"):
        answer = assistant.http.post(
            "/webhooks/speech/webhook", json={"sender": sender, "message": "hello", "rate": rate}
        )
        assert answer.status_code == 400 and "couldn't read it" in answer.json()[0]["text"], rate
    assert assistant.http.get("/webhooks/speech/").status_code == 200


# ---- what the server tells strangers


def test_the_root_page_does_not_name_the_software_or_its_version(assistant):
    answer = assistant.http.get("/")
    assert "Rasa" not in answer.text and "3.6" not in answer.text


def test_no_response_allows_credentials_across_origins(assistant, sender):
    partner = assistant.env["CORS_ORIGINS"]  # a site CORS_ORIGINS allows: it may call, without cookies
    for origin in (partner, "https://evil.example"):
        headers = {"Origin": origin}
        answers = [
            assistant.http.get("/", headers=headers),
            assistant.http.get("/chat", headers=headers),
            assistant.http.post(
                "/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}, headers=headers
            ),
            assistant.http.options(
                "/webhooks/rest/webhook", headers={**headers, "Access-Control-Request-Method": "POST"}
            ),
        ]
        for answer in answers:
            assert "access-control-allow-credentials" not in answer.headers, (origin, answer.url)
            allowed = answer.headers.get("access-control-allow-origin")
            assert allowed in (None, "") if origin != partner else allowed in (None, "", partner)
    called = assistant.http.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}, headers={"Origin": partner}
    )
    assert called.headers.get("access-control-allow-origin") == partner, "the partner site may still call"
