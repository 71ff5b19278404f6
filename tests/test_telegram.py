"""The real Telegram bridge against a stand-in Bot API on 127.0.0.1 and the running assistant."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import TELEGRAM_BRIDGE_SECRET
from tests.telegram_standin import StandInBotApi

PROJECT_DIR = Path(__file__).resolve().parents[1]


def start_bridge(api: StandInBotApi, assistant_url: str, log: Path, **extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:TEST",
        "TELEGRAM_API_URL": api.url,
        "ASSISTANT_URL": assistant_url,
        "TELEGRAM_BRIDGE_SECRET": TELEGRAM_BRIDGE_SECRET,
        **extra,
    }
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "telegram"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def stop_bridge(bridge: subprocess.Popen, api: StandInBotApi) -> None:
    bridge.send_signal(signal.SIGINT)
    try:
        bridge.wait(timeout=20)
    except subprocess.TimeoutExpired:
        bridge.kill()
    api.stop()


@pytest.fixture
def telegram(assistant, tmp_path):
    api = StandInBotApi()
    bridge = start_bridge(api, assistant.base_url, tmp_path / "bridge.log")
    yield api
    stop_bridge(bridge, api)


def keyboard_titles(call):
    markup = call["params"].get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else (markup or {})
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def test_start_question_and_button_press(telegram):
    chat = 4201
    telegram.user_says(chat, "/start")
    first = telegram.wait_for("sendMessage", chat, 2)
    assert "automated assistant" in first[0]["params"]["text"]
    assert "Direct payments" in keyboard_titles(first[-1])

    telegram.user_says(chat, "what is a direct payment")
    answer, helpful = telegram.wait_for("sendMessage", chat, 4)[-2:]  # the answer, then "was this helpful?"
    assert "money the council sets aside" in answer["params"]["text"]
    assert "Who can have one" in keyboard_titles(answer)
    assert keyboard_titles(helpful) == ["Yes", "No"]

    telegram.user_presses(chat, "/dp_eligibility")
    pressed = telegram.wait_for("sendMessage", chat, 5)[-1]
    assert "assessed you as needing support" in pressed["params"]["text"]
    assert telegram.sent("answerCallbackQuery"), "the button press must be acknowledged"


def test_speak_sends_a_real_ogg_opus_voice_note(telegram):
    chat = 4202
    telegram.user_says(chat, "/speak")
    assert "Voice notes are on" in telegram.wait_for("sendMessage", chat, 1)[-1]["params"]["text"]
    telegram.user_says(chat, "/menu")
    voice = telegram.wait_for("sendVoice", chat, 1)[0]["params"]["voice"]
    assert voice.startswith(b"OggS") and b"OpusHead" in voice[:200]


def test_each_chat_keeps_its_order_while_chats_run_together(telegram):
    for chat in (4203, 4204):
        telegram.user_says(chat, "what is a direct payment")
        telegram.user_says(chat, "how do i apply for one")
    for chat in (4203, 4204):
        texts = [c["params"]["text"] for c in telegram.wait_for("sendMessage", chat, 4)]
        dp_what = next((i for i, t in enumerate(texts) if "money the council sets aside" in t), None)
        how = next((i for i, t in enumerate(texts) if "say you'd like a direct payment" in t.lower()), None)
        assert dp_what is not None and how is not None and dp_what < how, texts


def test_an_assistant_outage_gets_a_kind_reply_with_the_phone_number(tmp_path):
    api = StandInBotApi()
    bridge = start_bridge(api, "http://127.0.0.1:9", tmp_path / "bridge.log")  # nothing listens
    try:
        api.user_says(4205, "hello")
        reply = api.wait_for("sendMessage", 4205, 1, seconds=60)[0]["params"]["text"]
        assert "01375 511 000" in reply
    finally:
        bridge.send_signal(signal.SIGINT)
        bridge.wait(timeout=20)
        api.stop()


def test_forget_asks_first_then_deletes(telegram):
    chat = 4205
    telegram.user_says(chat, "my name is Margaret Hill")
    telegram.wait_for("sendMessage", chat, 2)
    telegram.user_says(chat, "/forget")
    confirm = telegram.wait_for("sendMessage", chat, 3)[-1]
    assert keyboard_titles(confirm) == ["Yes, delete everything", "No, keep it"]
    telegram.user_presses(chat, "/affirm")
    assert "deleted everything" in telegram.wait_for("sendMessage", chat, 4)[-1]["params"]["text"]


def test_webhook_mode_takes_updates_only_with_the_secret_token(assistant, tmp_path):
    api = StandInBotApi()
    port = 5199
    url = f"http://127.0.0.1:{port}/telegram-updates"
    bridge = start_bridge(
        api,
        assistant.base_url,
        tmp_path / "bridge.log",
        TELEGRAM_WEBHOOK_URL=url,
        TELEGRAM_WEBHOOK_PORT=str(port),
        TELEGRAM_SECRET_TOKEN="s3cret-token",
    )
    try:
        registered = api.wait_for_call("setWebhook")
        assert registered["params"]["url"] == url and registered["params"]["secret_token"] == "s3cret-token"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": 4206, "type": "private"},
                "from": {"id": 4206, "is_bot": False, "first_name": "Resident"},
                "text": "what is a direct payment",
            },
        }
        forged = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
        assert forged.status_code == 403
        accepted = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        assert accepted.status_code == 200
        texts = [c["params"]["text"] for c in api.wait_for("sendMessage", 4206, 2)]
        assert any("money the council sets aside" in t for t in texts)
    finally:
        stop_bridge(bridge, api)


def test_webhook_mode_refuses_to_start_without_a_secret_token(tmp_path):
    api = StandInBotApi()
    try:
        bridge = start_bridge(
            api,
            "http://127.0.0.1:9",
            tmp_path / "bridge.log",
            TELEGRAM_WEBHOOK_URL="http://127.0.0.1:5198/updates",
        )
        assert bridge.wait(timeout=60) != 0
        assert "TELEGRAM_SECRET_TOKEN" in (tmp_path / "bridge.log").read_text()
    finally:
        api.stop()
