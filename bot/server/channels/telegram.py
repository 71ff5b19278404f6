"""The Telegram bridge's own channel: only the bridge can use it, and only for Telegram chats.

`POST /webhooks/telegram/webhook` with `Authorization: Bearer <TELEGRAM_BRIDGE_SECRET>` and the
REST body, whose sender must be `telegram:<chat id>`; `"speak": true` adds spoken replies as on
the speech channel. Without the secret (or when none is configured) every request is refused,
and the public REST and speech channels refuse `telegram:` senders: a Telegram user id is not a
secret, so knowing one must not open that resident's conversation.
"""

import hmac
from typing import Any, Dict, Optional, Text, Tuple

from sanic.request import Request

from bot.content import channel_messages
from bot.server.channels.inbound import Inbound, Limits
from bot.server.channels.speech import SpeechInput
from bot.settings import settings
from bot.speech.synthesizer import Synthesizer

TELEGRAM_SENDER_PREFIX = "telegram:"


class TelegramBridgeInput(SpeechInput):
    """The REST and speech channels for the Telegram bridge alone (a shared secret)."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramBridgeInput":
        config = settings()
        channel = cls(Limits.from_settings(config), channel_messages(), Synthesizer.from_settings(config))
        channel.secret = config.telegram_bridge_secret or ""
        return channel

    secret: Text = ""

    def authorised(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        return bool(self.secret) and hmac.compare_digest(given.encode(), f"Bearer {self.secret}".encode())

    def identify(self, request: Request, inbound: Inbound) -> Optional[Tuple[Text, bool]]:
        sender = inbound.sender
        if not inbound.problem and not (
            sender.startswith(TELEGRAM_SENDER_PREFIX)
            and sender[len(TELEGRAM_SENDER_PREFIX) :].lstrip("-").isdigit()
        ):
            inbound.problem, inbound.status = "malformed", 400
        return None  # no cookies: the bridge names the chat

    def client_address(self, request: Request) -> Optional[Text]:
        return None  # every resident comes from the bridge's address: limited per chat only

    def add_server_metadata(self, request: Request, inbound: Inbound) -> None:
        inbound.metadata["client_key"] = inbound.sender  # handovers counted per chat

    def wants_speech(self, inbound: Inbound) -> bool:
        return inbound.options.get("speak") is True
