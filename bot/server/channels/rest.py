"""Rasa's REST channel with a length cap, kind replies for bad requests, and no silence.

Same URL and body as Rasa's own (`POST /webhooks/rest/webhook`). Who is speaking (docs/security.md):
- The chat page sends no sender: its conversation is named by an HttpOnly, SameSite=Strict cookie
  the server issues (a random token; the conversation id is `web:` and a hash of it), so neither
  the page's script nor anyone who sees a conversation id in the database can act as the resident.
- An integrator sends its own `sender`: it must be long, random and secret (see docs/security.md).
  Ids of other channels' namespaces (`web:`, `telegram:`) are refused here: Telegram residents come
  only through the bridge's own channel (telegram.py).
"""

import hashlib
import logging
import re
import secrets
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.content import channel_messages
from bot.forget import is_forget_message
from bot.server.channels import hardening
from bot.server.channels.inbound import Inbound, Limits, read_inbound
from bot.server.channels.rate_limit import channel_limits
from bot.server.parts import parts_down
from bot.settings import settings
from bot.speech.synthesizer import forget_private_speech

logger = logging.getLogger(__name__)
INTRO = "utter_intro"
URGENT_ANSWER_PREFIX = "utter_risk_"


class UrgentFirstOutput(CollectingOutputChannel):
    """Collects the replies with the response each came from, so that a first message that needs
    the urgent answer ("my husband has collapsed, he's not breathing") gets it before the
    four-line introduction of a new conversation."""

    def __init__(self) -> None:
        super().__init__()
        self.responses: List[Optional[Text]] = []

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        response = message.get("utter_action")
        before = len(self.messages)
        await super().send_response(recipient_id, message)
        self.responses += [response] * (len(self.messages) - before)

    def urgent_first(self) -> List[Dict[Text, Any]]:
        """The replies, the introduction moved after the urgent answer when both are there."""
        tagged = list(zip(self.messages, self.responses))
        urgent = [i for i, (_, name) in enumerate(tagged) if str(name or "").startswith(URGENT_ANSWER_PREFIX)]
        intro = [i for i, (_, name) in enumerate(tagged) if name == INTRO]
        if not urgent or not intro or intro[0] > urgent[0]:
            return list(self.messages)
        after = max(urgent)
        order = [i for i in range(len(tagged)) if i not in intro]
        at = order.index(after) + 1
        order[at:at] = intro
        return [tagged[i][0] for i in order]


SESSION_COOKIE = "front_door_session"
SESSION_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
RESERVED_NAMESPACES = ("web:", "telegram:")
# Told to the page when its conversation is new (its cookie was missing or had expired).
NEW_CONVERSATION_HEADER = "X-Conversation-Started"
FORGET_PAYLOAD = "/forget_me"


def web_conversation(token: Text) -> Text:
    """The conversation id of a chat page session: its token cannot be worked out from it."""
    return "web:" + hashlib.sha256(token.encode()).hexdigest()[:40]


def client_key(address: Text) -> Text:
    """A one-way name for a client address, so the action server can count its handovers."""
    salt = settings().conversation_hash_salt
    return hashlib.sha256(f"{salt}:client:{address}".encode()).hexdigest()[:32]


def stored_events(request: Request, sender: Text) -> int:
    """How many events the conversation has in the database (0 if it cannot tell)."""
    store = sql_tracker_store(request.app.ctx.agent.tracker_store)
    if store is None:
        return 0
    try:
        with store.session_scope() as session:
            return session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).count()
    except SQLAlchemyError:
        return 0


def sql_tracker_store(store: Any) -> Any:
    """Rasa wraps the tracker store (fail-safe, awaitable); this finds ours inside."""
    while not hasattr(store, "forget") and hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store if hasattr(store, "forget") else None


async def tracker_store_health(request: Request) -> HTTPResponse:
    """200 when conversations are being kept in the database and every part of the assistant
    runs; 503, loudly, when not (`parts_down` names the parts, when supervisord runs them).

    Rasa 3.6 quietly falls back to keeping conversations in memory if its database fails; ours
    keeps them in a standby file instead and says so here.
    """
    store = sql_tracker_store(request.app.ctx.agent.tracker_store)
    if store is None:
        logger.error("Conversations are NOT kept in a database: the tracker store is not SQL")
        return response.json({"status": "degraded", "tracker_store": "not a database"}, status=503)
    health = await store.health()
    if health["status"] != "ok":
        logger.error(
            "The conversation database cannot be reached: %d conversations wait in the standby",
            health["conversations_in_standby"],
        )
    down = await parts_down()
    if down:
        health.update(status="degraded", parts_down=down)
    return response.json(health, status=200 if health["status"] == "ok" else 503)


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
        config = settings()
        self.rate_limit = channel_limits()
        self.session_seconds = int(config.session_hours * 3600)
        self.max_events = config.max_conversation_events

    def reply(self, sender: Text, key: Text) -> Dict[Text, Any]:
        return {"recipient_id": sender, "text": self.messages[key]}

    def identify(self, request: Request, inbound: Inbound) -> Optional[Tuple[Text, bool]]:
        """Decides whose conversation this is; returns the page's session (token, is it new), if any."""
        if inbound.problem:
            return None
        if inbound.sender:
            if inbound.sender.startswith(RESERVED_NAMESPACES):
                inbound.problem, inbound.status = "malformed", 403
            return None
        token = request.cookies.get(SESSION_COOKIE) or ""
        is_new = not SESSION_TOKEN.fullmatch(token)
        if is_new:
            token = secrets.token_urlsafe(32)
        inbound.sender = web_conversation(token)
        return token, is_new

    def client_address(self, request: Request) -> Optional[Text]:
        """The client's address, for the per-address limits (None: not limited per address)."""
        return request.remote_addr or request.ip

    def add_server_metadata(self, request: Request, inbound: Inbound) -> None:
        address = self.client_address(request)
        if address and address not in self.rate_limit.exempt:  # e.g. an integrator's own server
            inbound.metadata["client_key"] = client_key(address)

    def respond(
        self,
        replies: List[Dict[Text, Any]],
        inbound: Inbound,
        session: Optional[Tuple[Text, bool]],
        request: Request,
    ) -> HTTPResponse:
        """The JSON answer; never cached; with the page's cookie renewed (or cleared after forget-me)."""
        headers = dict(hardening.NO_STORE)
        if session and session[1]:
            headers[NEW_CONVERSATION_HEADER] = "true"
        answer = response.json(replies, status=inbound.status, headers=headers)
        if session:
            forgotten = any(is_forget_message(reply.get("custom")) for reply in replies)
            answer.cookies[SESSION_COOKIE] = session[0]
            cookie = answer.cookies[SESSION_COOKIE]
            cookie["httponly"] = True
            cookie["samesite"] = "Strict"
            cookie["path"] = "/webhooks/"
            cookie["max-age"] = 0 if forgotten else self.session_seconds
            if request.scheme == "https":
                cookie["secure"] = True
        return answer

    async def answer(
        self,
        request: Request,
        inbound: Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: CollectingOutputChannel,
    ) -> List[Dict[Text, Any]]:
        """Runs one checked message through the assistant; a failure still gets a reply."""
        if inbound.problem:
            return [self.reply(inbound.sender, inbound.problem)]
        if not self.rate_limit.allow(inbound.sender, self.client_address(request)):
            inbound.status = 429
            return [self.reply(inbound.sender, "slow_down")]
        if inbound.text != FORGET_PAYLOAD and stored_events(request, inbound.sender) >= self.max_events:
            return [self.reply(inbound.sender, "conversation_full")]
        self.add_server_metadata(request, inbound)
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
        except Exception as error:  # the resident must never meet silence
            # the type only: a value may hold what the resident wrote
            logger.error(
                "Could not handle a message on the %s channel (%s)", self.name(), type(error).__name__
            )
            logger.debug("Details", exc_info=True)
            return [self.reply(inbound.sender, "unavailable")]
        replies = output.urgent_first() if isinstance(output, UrgentFirstOutput) else list(output.messages)
        if any(is_forget_message(reply.get("custom")) for reply in replies):
            forget_private_speech(
                settings().speech_cache_dir, inbound.sender
            )  # the tracker store forgets the rest
        if inbound.was_cut:
            replies.insert(0, self.reply(inbound.sender, "long_message_cut"))
        return replies or [self.reply(inbound.sender, "unavailable")]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"front_door_{self.name()}", __name__)

        @webhook.listener("before_server_start")
        async def harden(app: Any, _: Any) -> None:
            hardening.install(app, settings(), self.messages)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return await tracker_store_health(request)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            inbound = read_inbound(request.body, self.limits)
            session = self.identify(request, inbound)
            replies = await self.answer(request, inbound, on_new_message, UrgentFirstOutput())
            return self.respond(replies, inbound, session, request)

        return webhook
