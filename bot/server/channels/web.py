"""The website chat page, served by the assistant itself at `/chat` (no separate web server).

The page talks to the REST channel (and to the speech channel when "Read aloud" is on); this
channel only serves its files. Thurrock First's phone number is filled in from
content/sources.yml so the page never holds a number of its own, and the forget marker from
bot/forget.py so the page clears itself when a conversation is forgotten.
"""

from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import yaml
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.forget import FORGET_MARKER
from bot.settings import CONTENT_DIR, settings

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
SOURCES = CONTENT_DIR / "sources.yml"
# The only files the page is made of, and their types: nothing else under /chat is served.
PAGES = {"": "index.html", "accessibility": "accessibility.html", "privacy": "privacy.html"}
ASSETS = {"chat.css": "text/css; charset=utf-8", "chat.js": "text/javascript; charset=utf-8"}
# Stops the page being framed or loading anything from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def page_values() -> Dict[Text, Text]:
    """Facts the page shows, from the same sourced data as the answers."""
    with open(SOURCES, encoding="utf-8") as handle:
        facts = yaml.safe_load(handle)["facts"]
    phone = facts["thurrock_first_phone"]["value"]
    return {
        "thurrock_first_phone": phone,
        "thurrock_first_phone_digits": phone.replace(" ", ""),
        "forget_marker": FORGET_MARKER,
        # the transcript kept in the browser lives as long as the conversation's cookie
        "session_seconds": str(int(settings().session_hours * 3600)),
        "retention_days": str(settings().retention_days),
    }


def fill(template: Text, values: Dict[Text, Text]) -> Text:
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    return template


class WebChatInput(InputChannel):
    """Serves the accessible chat page at /chat, its statement at /chat/accessibility and its
    privacy notice at /chat/privacy."""

    @classmethod
    def name(cls) -> Text:
        return "chat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebChatInput":
        return cls(page_values())

    def __init__(self, values: Dict[Text, Text]) -> None:
        self.pages = {
            path: fill((WEB_DIR / file).read_text(encoding="utf-8"), values) for path, file in PAGES.items()
        }
        self.assets = {name: fill((WEB_DIR / name).read_text(encoding="utf-8"), values) for name in ASSETS}

    def url_prefix(self) -> Text:
        return "/chat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        chat = Blueprint(f"front_door_{self.name()}", __name__)

        @chat.route("/", methods=["GET"], strict_slashes=False)
        async def index(_: Request) -> HTTPResponse:
            return response.html(self.pages[""], headers=SECURITY_HEADERS)

        @chat.route("/<name:str>", methods=["GET"])
        async def file(_: Request, name: str) -> HTTPResponse:
            if name in PAGES and name:
                return response.html(self.pages[name], headers=SECURITY_HEADERS)
            if name in ASSETS:
                return response.text(self.assets[name], content_type=ASSETS[name], headers=SECURITY_HEADERS)
            return response.html(
                "<!DOCTYPE html><html lang='en-GB'><title>Page not found</title>"
                "<h1>Page not found</h1><p><a href='/chat'>Go to the chat</a></p></html>",
                status=404,
            )

        return chat
