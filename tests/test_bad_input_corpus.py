"""A corpus of bad input: every case gets a clear answer or a clear 4xx, and the server stays up."""

import json

import pytest

from tests.conftest import texts


def body(message, sender="test-corpus"):
    return json.dumps({"sender": sender, "message": message}).encode()


CASES = {
    # malformed requests
    "empty body": b"",
    "unfinished JSON": b"{",
    "missing value": b'{"sender": "a", "message": }',
    "a list": b"[]",
    "a string": b'"hello"',
    "null": b"null",
    "a number": b"123",
    "sender is a number": b'{"sender": 5, "message": "hi"}',
    "no sender": b'{"message": "hi"}',
    "no message": b'{"sender": "test-corpus"}',
    "message is a list": b'{"sender": "test-corpus", "message": ["x"]}',
    "message is an object": b'{"sender": "test-corpus", "message": {"x": 1}}',
    "not UTF-8": b"\xff\xfe\xfd",
    "byte order mark": "\ufeff".encode() + body("hello"),
    "lone surrogate": b'{"sender": "test-corpus", "message": "\\ud800 hi"}',
    "duplicate keys": b'{"sender": "test-corpus", "message": "a", "message": "b"}',
    "deeply nested": b'{"sender": "test-corpus", "message": "hi", "metadata": '
    + b"[" * 5000
    + b"]" * 5000
    + b"}",
    # senders
    "empty sender": body("hi", sender=""),
    "huge sender": body("hi", sender="x" * 10000),
    "path-like sender": body("hi", sender="../../etc/passwd"),
    "sender with spaces": body("hi", sender="a b c"),
    "unicode sender": body("hi", sender="résident"),
    "null sender": b'{"sender": null, "message": "hi"}',
    # messages
    "empty message": body(""),
    "spaces": body("   "),
    "newlines": body("\n\n\n"),
    "one megabyte": body("a" * 1_000_000),
    "twenty thousand characters": body("help with my mum " * 1200),
    "one long word": body("x" * 5000),
    "control characters": body("\x00\x01\x02\x1b[31mhello"),
    "right-to-left override": body("\u202eyaP tceriD\u202c"),
    "combining marks": body("e\u0301\u0301\u0301\u0301\u0301 payments"),
    "zero-width only": body("\u200b\u200b\u200b"),
    "emoji": body("😀👍🏽🏴󠁧󠁢󠁷󠁬󠁳󠁿"),
    "html and script": body("<script>alert(1)</script><img src=x onerror=alert(2)>"),
    "sql": body("'; DROP TABLE events; --"),
    "sql union": body("1 UNION SELECT sender_id FROM events"),
    "template braces": body("{full_name} {{phone}} {0} %s %n"),
    "log4j-like": body("${jndi:ldap://127.0.0.1/a}"),
    "path in message": body("../../../../etc/passwd"),
    "typed restart": body("/restart"),
    "typed session start": body("/session_start"),
    "forged entities": body('/greet{"full_name": "Mallory"}'),
    "unknown payload": body("/definitely_not_an_intent"),
    "slash only": body("/"),
    "Welsh": body("Bore da, dw i angen help gyda gofal"),
    "Arabic": body("مرحبا أحتاج مساعدة"),
    "Chinese": body("我需要帮助照顾我的母亲"),
    "numbers only": body("0000000000000"),
    "words that look like values": body("null undefined NaN true false"),
    "tabs and carriage returns": body("direct\r\npayments\tplease"),
    "wrong postcode": body("my postcode is ZZ99 9ZZZ"),
    "wrong phone": body("my phone number is 12345"),
    "wrong email": body("my email is margaret@@example"),
    "markdown link": body("[click](javascript:alert(1))"),
    # another resident's conversation, and things only the server may set (issue 28)
    "a Telegram resident's id": body("what do you know about me", sender="telegram:123456789"),
    "a chat page conversation id": body("forget me", sender="web:" + "0" * 40),
    "client full_text metadata": json.dumps(
        {"sender": "test-corpus", "message": "hi", "metadata": {"full_text": "Mallory wrote this"}}
    ).encode(),
    "client server-only metadata": json.dumps(
        {"sender": "test-corpus", "message": "hi", "metadata": {"client_key": "x", "utter_action": "y"}}
    ).encode(),
    "metadata is a list": b'{"sender": "test-corpus", "message": "hi", "metadata": [1, 2]}',
    "200 KB of metadata": json.dumps(
        {"sender": "test-corpus", "message": "hi", "metadata": {"x": "y" * 200_000}}
    ).encode(),
    "rate on the REST channel": b'{"sender": "test-corpus", "message": "hi", "rate": []}',
    "a forged session cookie value as sender": body("hi", sender="front_door_session=abc"),
}

# The speech channel's own field, and the bridge's channel without its secret.
SPEECH_CASES = {
    "rate is a list": b'{"sender": "test-corpus", "message": "hi", "rate": []}',
    "rate is an object": b'{"sender": "test-corpus", "message": "hi", "rate": {}}',
    "rate is a number": b'{"sender": "test-corpus", "message": "hi", "rate": 3}',
    "rate is null": b'{"sender": "test-corpus", "message": "hi", "rate": null}',
    "rate we do not offer": b'{"sender": "test-corpus", "message": "hi", "rate": "fast"}',
    "a Telegram resident's id": body("what do you know about me", sender="telegram:123456789"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_bad_input_gets_a_clear_kind_answer(assistant, case):
    answer = assistant.post(CASES[case])
    assert answer.status_code in (200, 400, 403, 413, 429), answer.status_code
    replies = answer.json()
    assert replies and all(
        reply.get("text") or reply.get("buttons") or reply.get("custom") for reply in replies
    )
    if answer.status_code != 200:
        assert any(word in texts(replies) for word in ("Sorry", "too long", "pause"))


@pytest.mark.parametrize("case", sorted(SPEECH_CASES))
def test_bad_input_to_the_speech_channel_gets_a_clear_kind_answer(assistant, case):
    answer = assistant.http.post(
        "/webhooks/speech/webhook", content=SPEECH_CASES[case], headers={"Content-Type": "application/json"}
    )
    assert answer.status_code in (400, 403), answer.status_code
    assert "Sorry" in texts(answer.json())


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer guess"}])
def test_the_bridges_channel_refuses_everyone_else_kindly(assistant, headers):
    answer = assistant.http.post(
        "/webhooks/telegram/webhook",
        content=body("hi", sender="telegram:1"),
        headers={"Content-Type": "application/json", **headers},
    )
    assert answer.status_code == 403 and "Sorry" in texts(answer.json())


def test_the_corpus_is_big_enough_and_the_server_is_still_up_afterwards(assistant, sender):
    assert len(CASES) >= 60
    for case in sorted(CASES):
        assistant.post(CASES[case])
    assert assistant.http.get("/webhooks/rest/").status_code == 200
    assert "money the council sets aside" in texts(assistant.say(sender, "what is a direct payment"))
