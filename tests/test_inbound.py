"""What reaches NLU is always a tidy, bounded message, whatever a client sends."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
import yaml

from actions.handover import ALREADY_MADE_BUTTONS, TOPIC_TITLES, topic_payload
from actions.safety import CARRY_ON_PAYLOAD
from bot.server.channels.inbound import RESERVED_PAYLOADS, Limits, read_inbound

PROJECT_DIR = Path(__file__).resolve().parents[1]

LIMITS = Limits(nlu_chars=1000, kept_chars=20000, body_bytes=256 * 1024)


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


def test_a_long_message_is_cut_for_nlu_but_kept_whole():
    story = "My mum has dementia and I look after her every day. " * 400  # about 21,000 chars
    inbound = read_inbound(body(sender="a", message=story), LIMITS)
    assert inbound.problem is None and inbound.was_cut
    assert len(inbound.text) == 1000
    assert inbound.metadata["full_text"] == story.strip()[:20000]


def test_a_huge_body_is_refused_before_parsing():
    inbound = read_inbound(b"x" * (LIMITS.body_bytes + 1), LIMITS)
    assert (inbound.status, inbound.problem) == (413, "too_long")


def test_empty_and_invisible_messages_ask_for_words():
    for message in ["", "   ", "\n\t", "\u200b\u200e", None]:
        assert read_inbound(body(sender="a", message=message), LIMITS).problem == "empty"


def test_malformed_requests_are_told_clearly():
    # no sender is not malformed: the chat page's conversation comes from its cookie (rest.py)
    for raw in [
        b"{not json",
        b"[1, 2]",
        b'"text"',
        b"\xff\xfe",
        body(sender=5, message="hi"),
        body(sender="a" * 500, message="hi"),
        body(sender="a b<script>", message="hi"),
        body(sender="a", message=42),
    ]:
        assert read_inbound(raw, LIMITS).status == 400, raw


def test_control_and_direction_characters_are_removed():
    inbound = read_inbound(body(sender="a", message="\x00direct\x07 payments\u202e"), LIMITS)
    assert inbound.text == "direct payments"


def test_button_payloads_pass_but_rasa_commands_are_read_as_words():
    assert read_inbound(body(sender="a", message="/dp_what"), LIMITS).text == "/dp_what"
    assert read_inbound(body(sender="a", message="/restart"), LIMITS).text == "restart"
    forged = '/greet{"name": "x"}'
    assert read_inbound(body(sender="a", message=forged), LIMITS).text == forged.lstrip("/")


def test_every_button_of_ours_passes_as_a_button():
    """A button whose payload is read as words does nothing it says: "What is your request about?"
    offered topic buttons that the guard turned into words, so the topic could not be changed."""
    domain = yaml.safe_load((PROJECT_DIR / "domain.yml").read_text())
    payloads = {
        button["payload"]
        for variations in domain["responses"].values()
        for variation in variations
        for button in variation.get("buttons") or []
    }
    payloads |= {topic_payload(name) for name in [*TOPIC_TITLES, "general"]}
    payloads |= {f"/{name}" for name in TOPIC_TITLES}  # "did you mean" and "see also" buttons
    payloads |= {button["payload"] for button in ALREADY_MADE_BUTTONS}
    payloads.add(CARRY_ON_PAYLOAD)
    for payload in sorted(payloads):
        assert read_inbound(body(sender="a", message=payload), LIMITS).text == payload
    forged = '/update_detail{"detail":"handover_topic","topic":"x","full_name":"y"}'
    assert read_inbound(body(sender="a", message=forged), LIMITS).text == forged.lstrip("/")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_get_an_answer_not_an_exception(raw):
    inbound = read_inbound(raw, LIMITS)
    assert inbound.status in (200, 400, 413)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000), st.from_regex(r"[A-Za-z0-9:_.@-]{1,128}", fullmatch=True))
def test_any_text_reaches_nlu_bounded_and_tidy(message, sender):
    inbound = read_inbound(body(sender=sender, message=message), LIMITS)
    assert inbound.status == 200
    if inbound.problem is None:
        assert 0 < len(inbound.text) <= LIMITS.nlu_chars
        assert "\x00" not in inbound.text
        assert inbound.text not in RESERVED_PAYLOADS
