"""`python -m bot actions --port N`: the action server (Rasa SDK's), on loopback, with a shared token.

The action server runs forget-me, stores handovers and reads back details for any conversation
id it is given, so nothing but our Rasa server may reach it: it listens on loopback (ACTIONS_HOST,
for a container of its own), and
when ACTION_SERVER_TOKEN is set (`python -m bot serve` always sets one) it refuses every request
without that token in the X-Action-Token header (endpoints.yml sends it). Only JSON is taken, so
a web page cannot post a form to it from a visitor's browser; an error never echoes the request.
"""

import argparse
import hmac
import logging
from typing import Optional

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import settings

logger = logging.getLogger(__name__)
TOKEN_HEADER = "X-Action-Token"


def guarded_app(token: Optional[str]) -> Sanic:
    """Rasa SDK's action server app, refusing requests without the token (when there is one)."""
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[HTTPResponse]:
        if request.path == "/health":
            return None
        given = request.headers.get(TOKEN_HEADER, "")
        if token and not hmac.compare_digest(given.encode(), token.encode()):
            return response.json({"error": "Not allowed."}, status=403)
        if request.method == "POST" and request.content_type.split(";")[0].strip() != "application/json":
            return response.json({"error": "Send JSON."}, status=415)
        return None

    @app.exception(Exception)
    async def failed(request: Request, error: Exception) -> HTTPResponse:
        logger.error("An action failed (%s)", type(error).__name__)  # no values: they may be personal
        logger.debug("Details", exc_info=error)
        return response.json({"error": "The action failed."}, status=500)

    return app


def run(options: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s actions: %(message)s")
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    config = settings()
    config.require_safe()
    if not config.action_server_token:
        logger.warning(
            "ACTION_SERVER_TOKEN is not set: the action server takes requests from any local process"
        )
    guarded_app(config.action_server_token).run(
        host=config.actions_host, port=options.port, access_log=False, workers=1
    )
    return 0
