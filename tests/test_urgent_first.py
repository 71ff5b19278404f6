"""The urgent answer comes before the introduction of a new conversation (bot/server/channels/rest.py).

Pat's first message was "my husband has collapsed, he's not breathing": four lines about what the
assistant is came before "Please call 999 now"."""

import asyncio

from bot.server.channels.rest import UrgentFirstOutput


def collected(*responses):
    output = UrgentFirstOutput()
    for name in responses:
        asyncio.run(output.send_response("r", {"text": name, "utter_action": name}))
    return [message["text"] for message in output.urgent_first()]


def test_the_urgent_answer_comes_before_the_introduction():
    replies = collected("utter_intro", "utter_risk_medical_emergency", "utter_thurrock_first_closed")
    assert replies == ["utter_risk_medical_emergency", "utter_intro", "utter_thurrock_first_closed"]


def test_an_ordinary_first_message_keeps_the_introduction_first():
    assert collected("utter_intro", "utter_dp_what", "utter_ask_helpful") == [
        "utter_intro",
        "utter_dp_what",
        "utter_ask_helpful",
    ]
    assert collected("utter_dp_what", "utter_risk_abuse") == ["utter_dp_what", "utter_risk_abuse"]
