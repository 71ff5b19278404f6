"""`python -m bot serve` (`make run`): the Rasa server, the action server, the handover outbox and,
when TELEGRAM_BOT_TOKEN is set, the Telegram bridge, each kept running by supervisord
(deploy/supervisor/serve.conf). Ctrl-C / SIGTERM stops them all."""

import argparse
import secrets
from pathlib import Path
from typing import NoReturn

from bot.run.supervision import run_dir, supervisord
from bot.settings import settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=5005, help="Rasa server port")
    parser.add_argument("--actions-port", type=int, default=5055, help="action server port")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--model", default="models")


def run_directory(port: int) -> Path:
    """supervisord's socket and pid for the assistant on this port."""
    return run_dir(f"serve-{port}")


def run(options: argparse.Namespace) -> NoReturn:
    config = settings()
    config.require_safe()
    telegram = bool(config.telegram_bot_token)
    print(
        f"Thurrock Front Door is starting: chat at http://{config.host}:{options.port}/chat, actions "
        f"on 127.0.0.1:{options.actions_port}{', Telegram bridge' if telegram else ''}; a part that "
        "stops is restarted. Ctrl-C stops them all.",
        flush=True,
    )
    supervisord(
        "serve.conf",
        run_directory(options.port),
        {
            "FRONTDOOR_HOST": config.host,
            "FRONTDOOR_PORT": str(options.port),
            "FRONTDOOR_ACTIONS_PORT": str(options.actions_port),
            "FRONTDOOR_ENDPOINTS": options.endpoints,
            "FRONTDOOR_MODEL": options.model,
            "FRONTDOOR_TELEGRAM": "true" if telegram else "false",
            "ASSISTANT_URL": f"http://localhost:{options.port}",  # the bridge talks to this server
            # the Rasa server (endpoints.yml) sends this token; the action server takes nothing without
            # it. One for the whole run, so a restarted part still has the same.
            "ACTION_SERVER_TOKEN": config.action_server_token or secrets.token_urlsafe(32),
        },
    )
