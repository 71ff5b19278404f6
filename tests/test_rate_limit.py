"""A per-sender rate limit: 500 messages from one sender in a few seconds get a polite pause."""

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given
from hypothesis import strategies as st

from bot.server.channels.rate_limit import SenderRateLimit


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_sender_is_paused_after_the_limit_and_may_talk_again_later():
    clock = Clock()
    limit = SenderRateLimit(messages=3, seconds=10, clock=clock)
    assert [limit.allow("web:a") for _ in range(5)] == [True, True, True, False, False]
    assert limit.allow("web:b"), "another resident is not affected"
    clock.now = 10.0
    assert limit.allow("web:a")


def test_only_the_most_recent_senders_are_remembered():
    limit = SenderRateLimit(messages=1, seconds=60, senders=2, clock=Clock())
    for sender in ("a", "b", "c"):
        assert limit.allow(sender)
    assert limit.allow("a"), "a was forgotten (the oldest), so it starts afresh"
    assert not limit.allow("c")


@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.floats(0, 5)), max_size=200))
def test_no_sender_ever_gets_more_than_the_limit_in_any_window(steps):
    clock = Clock()
    limit = SenderRateLimit(messages=4, seconds=10, clock=clock)
    allowed = {"a": [], "b": []}
    for sender, wait in steps:
        clock.now += wait
        if limit.allow(sender):
            allowed[sender].append(clock.now)
    for times in allowed.values():
        for i, start in enumerate(times):
            assert len([t for t in times[i:] if t - start < 10]) <= 4


def test_500_messages_in_a_few_seconds_are_answered_politely_and_others_are_unaffected(assistant, sender):
    def send(n):
        answer = assistant.http.post(
            "/webhooks/rest/webhook", json={"sender": sender, "message": f"hello {n}"}
        )
        return answer.status_code, answer.json()[0]["text"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(500)))
    paused = [text for status, text in results if status == 429]
    answered = [status for status, _ in results if status == 200]
    assert len(paused) >= 400 and all("taking a short pause" in text for text in paused)
    assert 1 <= len(answered) <= 120
    other = assistant.say("test-someone-else-entirely", "what is a direct payment")
    assert "money the council sets aside" in other[0]["text"] or any(
        "money the council sets aside" in r.get("text", "") for r in other
    )
