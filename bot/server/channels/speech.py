"""Speech channel: the REST channel's answers, each with a spoken version to play.

`POST /webhooks/speech/webhook` takes the REST body (plus `"rate": "slow"` for slower speech) and
returns the REST channel's messages, each with an `audio_url`; `GET` on that URL serves the WAV.
A reply that cannot be spoken still comes back, with an `audio_error`; never a 500.
"""

import logging
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content import channel_messages
from bot.server.channels.inbound import Limits, read_inbound
from bot.server.channels.rest import CappedRestInput
from bot.speech.speakable import speakable
from bot.settings import settings
from bot.speech.synthesizer import RATES, SpeechError, Synthesizer

logger = logging.getLogger(__name__)
AUDIO_NAME = re.compile(r"([0-9a-f]{64})\.wav")


class SpeechInput(CappedRestInput):
    """Every reply also as speech, made off the event loop and cached."""

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

    async def add_speech(self, reply: Dict[Text, Any], rate: Text) -> Dict[Text, Any]:
        if not reply.get("text") and not reply.get("buttons"):
            return reply  # nothing to say (e.g. a message for the page only)
        try:
            speech = await self.synthesizer.speak(speakable(reply), rate)
        except SpeechError as error:
            logger.warning("A reply could not be spoken: %s", error)
            return {**reply, "audio_error": "Sorry, this message could not be read aloud."}
        return {**reply, "audio_url": f"/webhooks/{self.name()}/audio/{speech.audio_id}.wav"}

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"front_door_{self.name()}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            inbound = read_inbound(request.body, self.limits)
            rate = inbound.options.get("rate")
            rate = rate if rate in RATES else "normal"
            replies = await self.answer(inbound, on_new_message, CollectingOutputChannel())
            spoken = [await self.add_speech(reply, rate) for reply in replies]
            return response.json(spoken, status=inbound.status)

        @webhook.route("/audio/<name:str>", methods=["GET"])
        async def audio(_: Request, name: str) -> HTTPResponse:
            found = AUDIO_NAME.fullmatch(name)
            path = found and self.synthesizer.path_of(found.group(1))
            if not path or not path.exists():
                return response.json({"error": "No audio with that name."}, status=404)
            return await response.file(str(path), mime_type="audio/wav")

        return webhook
