"""Speech channel: the REST channel's answers, each with a spoken version to play.

`POST /webhooks/speech/webhook` takes the REST body (plus `"rate": "slow"` for slower speech) and
returns the REST channel's messages, each with an `audio_url`; `GET` on that URL serves the WAV.
A reply that cannot be spoken still comes back, with an `audio_error`; never a 500.

Audio of a reply that is one of the assistant's fixed texts is cached under a hash of its words
(anyone may hear those). Any other reply may hold a resident's details: its audio gets a random
name, lives SPEECH_PRIVATE_SECONDS, and goes at forget-me and purge (bot/speech/synthesizer.py).
"""

import logging
import re
from typing import Any, Awaitable, Callable, Dict, FrozenSet, Optional, Set, Text

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content import channel_messages
from bot.server.channels.hardening import NO_STORE
from bot.server.channels.inbound import Inbound, Limits, read_inbound
from bot.server.channels.rest import CappedRestInput, UrgentFirstOutput
from bot.settings import settings
from bot.speech.speakable import speakable
from bot.speech.synthesizer import RATES, SpeechError, Synthesizer

logger = logging.getLogger(__name__)
CACHED_AUDIO = re.compile(r"([0-9a-f]{64})\.wav")
PRIVATE_AUDIO = re.compile(r"([A-Za-z0-9_-]{32})\.wav")


def fixed_texts(domain: Any, messages: Dict[Text, Text]) -> FrozenSet[Text]:
    """Every reply text and button title the assistant says word for word (no {slots} filled in)."""
    phrases: Set[Text] = set(messages.values())
    for variations in (getattr(domain, "responses", None) or {}).values():
        for variation in variations:
            phrases.add(variation.get("text") or "")
            phrases.update(button.get("title") or "" for button in variation.get("buttons") or [])
    return frozenset(phrase for phrase in phrases if "{" not in phrase)


class SpeechInput(CappedRestInput):
    """Every reply also as speech, made off the event loop; fixed texts cached."""

    @classmethod
    def name(cls) -> Text:
        return "speech"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SpeechInput":
        return cls(
            Limits.from_settings(settings()),
            channel_messages(),
            Synthesizer.from_settings(settings()),
        )

    def __init__(self, limits: Limits, messages: Dict[Text, Text], synthesizer: Synthesizer) -> None:
        super().__init__(limits, messages)
        self.synthesizer = synthesizer
        self._fixed: Optional[FrozenSet[Text]] = None

    def is_fixed(self, request: Request, reply: Dict[Text, Any]) -> bool:
        """Whether a reply is one of the assistant's fixed texts (nobody's details in it)."""
        if self._fixed is None:
            self._fixed = fixed_texts(request.app.ctx.agent.domain, self.messages)
        words = [reply.get("text") or ""] + [b.get("title") or "" for b in reply.get("buttons") or []]
        return all(not word or word in self._fixed for word in words)

    def wants_speech(self, inbound: Inbound) -> bool:
        return True

    async def add_speech(
        self, request: Request, reply: Dict[Text, Any], rate: Text, sender: Text
    ) -> Dict[Text, Any]:
        if not reply.get("text") and not reply.get("buttons"):
            return reply  # nothing to say (e.g. a message for the page only)
        private_to = None if self.is_fixed(request, reply) else sender
        try:
            speech = await self.synthesizer.speak(speakable(reply), rate, private_to=private_to)
        except SpeechError as error:
            logger.warning("A reply could not be spoken (%s)", type(error).__name__)
            return {**reply, "audio_error": "Sorry, this message could not be read aloud."}
        return {**reply, "audio_url": f"/webhooks/{self.name()}/audio/{speech.audio_id}.wav"}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"front_door_{self.name()}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authorised(request):
                return response.json([self.reply("", "malformed")], status=403, headers=NO_STORE)
            inbound = read_inbound(request.body, self.limits)
            rate = inbound.options.get("rate", "normal")
            if not isinstance(rate, str) or rate not in RATES:
                rate = "normal"
                if not inbound.problem:
                    inbound.problem, inbound.status = "malformed", 400
            session = self.identify(request, inbound)
            replies = await self.answer(request, inbound, on_new_message, UrgentFirstOutput())
            if self.wants_speech(inbound):
                replies = [await self.add_speech(request, reply, rate, inbound.sender) for reply in replies]
            return self.respond(replies, inbound, session, request)

        @webhook.route("/audio/<name:str>", methods=["GET"])
        async def audio(_: Request, name: str) -> HTTPResponse:
            cached, private = CACHED_AUDIO.fullmatch(name), PRIVATE_AUDIO.fullmatch(name)
            path = (
                cached
                and self.synthesizer.path_of(cached.group(1))
                or private
                and self.synthesizer.private_path_of(private.group(1))
            )
            if not path or not path.exists():
                return response.json({"error": "No audio with that name."}, status=404, headers=NO_STORE)
            return await response.file(str(path), mime_type="audio/wav", headers=NO_STORE)

        return webhook

    def authorised(self, request: Request) -> bool:
        """Who may use this channel: anyone (the bridge's channel asks for its secret)."""
        return True
