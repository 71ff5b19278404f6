"""Rasa's REST channel with a length cap, kind replies for bad requests, and no silence.

Same URL and body as Rasa's own (`POST /webhooks/rest/webhook`), so Rasa's docs, the web page
and the Telegram bridge all work with it unchanged.
"""

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content import channel_messages
from bot.server.channels.inbound import Inbound, Limits, read_inbound
from bot.server.channels.rate_limit import SenderRateLimit
from bot.settings import settings

logger = logging.getLogger(__name__)


def sql_tracker_store(store: Any) -> Any:
    """Rasa wraps the tracker store (fail-safe, awaitable); this finds ours inside."""
    while not hasattr(store, "forget") and hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store if hasattr(store, "forget") else None


async def tracker_store_health(request: Request) -> HTTPResponse:
    """200 when conversations are being kept in the database; 503, loudly, when they are not.

    Rasa 3.6 quietly falls back to keeping conversations in memory if its database fails; ours
    keeps them in a standby file instead and says so here.
    """
    store = sql_tracker_store(request.app.ctx.agent.tracker_store)
    if store is None:
        logger.error("Conversations are NOT kept in a database: the tracker store is not SQL")
        return response.json({"status": "degraded", "tracker_store": "not a database"}, status=503)
    health = await store.health()
    if health["status"] != "ok":
        logger.error("The conversation database cannot be reached: %d conversations wait in the standby",
                     health["conversations_in_standby"])
        return response.json(health, status=503)
    return response.json(health)


class CappedRestInput(InputChannel):
    """REST input that never lets an oversized or malformed message reach NLU."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "CappedRestInput":
        return cls(Limits.from_settings(settings()), channel_messages())

    def __init__(self, limits: Limits, messages: Dict[Text, Text]) -> None:
        self.limits = limits
        self.messages = messages
        self.rate_limit = SenderRateLimit.from_settings(settings())

    def reply(self, sender: Text, key: Text) -> Dict[Text, Any]:
        return {"recipient_id": sender, "text": self.messages[key]}

    async def answer(
        self,
        inbound: Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: CollectingOutputChannel,
    ) -> List[Dict[Text, Any]]:
        """Runs one checked message through the assistant; a failure still gets a reply."""
        if inbound.problem:
            return [self.reply(inbound.sender, inbound.problem)]
        if not self.rate_limit.allow(inbound.sender):
            inbound.status = 429
            return [self.reply(inbound.sender, "slow_down")]
        try:
            await on_new_message(
                UserMessage(
                    inbound.text,
                    output,
                    inbound.sender,
                    input_channel=self.name(),
                    metadata=inbound.metadata,
                )
            )
        except Exception:  # the resident must never meet silence
            logger.exception("Could not handle a message on the %s channel", self.name())
            return [self.reply(inbound.sender, "unavailable")]
        replies = list(output.messages)
        if inbound.was_cut:
            replies.insert(0, self.reply(inbound.sender, "long_message_cut"))
        return replies or [self.reply(inbound.sender, "unavailable")]

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"front_door_{self.name()}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return await tracker_store_health(request)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            inbound = read_inbound(request.body, self.limits)
            replies = await self.answer(inbound, on_new_message, CollectingOutputChannel())
            return response.json(replies, status=inbound.status)

        return webhook
