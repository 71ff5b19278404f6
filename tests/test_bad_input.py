"""Bad input gets a clear, kind answer; the server stays up and the conversation goes on."""

import json
import sqlite3
import time

from tests.conftest import answer_text, texts
from tests.domain_text import text_of


def test_empty_and_blank_messages_ask_for_words(assistant, sender):
    for message in ["", "   ", "\n\t  "]:
        assert "didn't get any words" in texts(assistant.say(sender, message))


def test_a_20000_character_message_is_read_in_part_answered_and_kept_whole(assistant, sender, domain):
    story = ("My dad needs help at home and I want to know about direct payments for him. " * 270)[:20000]
    started = time.monotonic()
    replies = assistant.say(sender, story)
    assert time.monotonic() - started < 5
    assert "read the first part" in replies[0]["text"]
    assert len(replies) >= 2, "the resident should also get an answer"
    with sqlite3.connect(assistant.tracker_db) as db:
        kept = [
            json.loads(row[0]).get("metadata", {}).get("full_text")
            for row in db.execute(
                "select data from events where sender_id = ? and type_name = 'user'", (sender,)
            )
        ]
    assert story.strip() in kept, "the whole message must be kept for Thurrock First"


def test_a_one_megabyte_body_is_refused_quickly_and_kindly_without_growing_memory(assistant, sender):
    huge = json.dumps({"sender": sender, "message": "a" * 1_000_000}).encode()
    before = assistant.rss_megabytes()
    for _ in range(5):
        started = time.monotonic()
        reply = assistant.post(huge)
        assert time.monotonic() - started < 1.0
        assert reply.status_code == 413
        assert "too long" in reply.json()[0]["text"]
    assert assistant.rss_megabytes() - before < 50


def test_malformed_requests_get_a_clear_4xx_with_a_kind_message(assistant):
    for body in [
        b"{not json",
        b"[]",
        b'"hello"',
        b'{"sender": 5, "message": "a number"}',
        json.dumps({"sender": "x" * 1000, "message": "hi"}).encode(),
    ]:
        reply = assistant.post(body)
        assert reply.status_code == 400, body
        assert "couldn't read it" in reply.json()[0]["text"]


def test_odd_messages_get_a_reply_and_the_conversation_goes_on(assistant, sender, domain):
    odd = [
        "😀😀😀",
        "<script>alert('x')</script><b>hello</b>",
        "Dzień dobry, potrzebuję pomocy z opieką dla mamy",
        "\u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 e\u0301\u0301\u0301",
        "'; DROP TABLE events; --",
        "\x00\x01\x02\x1b[31m",
        "/",
        '/greet{"name": "x"}',
    ]
    for message in odd:
        replies = assistant.say(sender, message)
        assert replies and all(reply.get("text") for reply in replies), message
    assert answer_text(assistant.say(sender, "what is a direct payment")) == text_of(domain, "utter_dp_what")


def test_other_web_sites_may_not_call_the_assistant_from_a_browser(assistant, sender):
    answer = assistant.http.post(
        "/webhooks/rest/webhook",
        json={"sender": sender, "message": "hi"},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers, "no CORS unless CORS_ORIGINS names the site"
    assert assistant.http.get("/conversations/x/tracker").status_code == 404, "Rasa's HTTP API is off"
