"""Server-wide protections, installed when the Rasa server starts (by our REST channel, which
credentials.yml always names): Rasa itself offers no place for them.

- Sanic reads a body up to its own 100 MB default before any channel can refuse it: its limit
  becomes ours (MAX_BODY_BYTES), with the channels' kind 413 answer.
- `GET /` no longer tells the world which Rasa version runs here.
- Rasa turns on CORS credentials for every response; nothing of ours needs them (the chat page is
  on the same origin, and its cookie is SameSite=Strict), so they are off.
- Behind a proxy (PROXIES_COUNT), the client address is read from X-Forwarded-For.
- Outside development, the server does not start without the secrets it needs (Settings.require_safe).
"""

from typing import Any, Dict, Text

from sanic import Sanic, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import Settings

NO_STORE = {"Cache-Control": "no-store"}
ROOT_TEXT = "Thurrock Front Door. The chat is at /chat"


def install(app: Sanic, config: Settings, messages: Dict[Text, Text]) -> None:
    config.require_safe()  # also when started by `rasa run` itself, as in a container
    app.config.REQUEST_MAX_SIZE = config.max_body_bytes
    if config.proxies_count:
        app.config.PROXIES_COUNT = config.proxies_count

    def too_large(request: Request, _: Exception) -> HTTPResponse:
        return response.json([{"text": messages["too_long"]}], status=413, headers=NO_STORE)

    app.error_handler.add(PayloadTooLarge, too_large)

    async def no_version_banner(request: Request) -> Any:
        if request.path == "/" and request.method in ("GET", "HEAD"):
            return response.text(ROOT_TEXT)
        return None

    app.register_middleware(no_version_banner, "request")
    cors = getattr(app.ctx, "sanic_cors", None)
    for _, options in getattr(cors, "resources", []):
        options["supports_credentials"] = False
