"""`python -m bot serve-scaled`: several Rasa replicas on one machine, as in production.

Replicas share conversations in PostgreSQL (DATABASE_URL) and conversation locks in Redis
(REDIS_URL; a private redis-server is started when it is not set). nginx listens on --port and
sends each conversation to one replica, and spreads action calls over the action servers.
The outbox runs once. supervisord keeps every part running (deploy/supervisor/scaled.conf);
Ctrl-C stops them all. See docs/deployment.md.
"""

import argparse
import json
import secrets
import sys
from pathlib import Path

from bot.content import channel_messages
from bot.run.supervision import run_dir, supervisord
from bot.settings import PROJECT_DIR, settings

NGINX_TEMPLATE = PROJECT_DIR / "deploy" / "nginx.conf.template"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--replicas", type=int, default=2, help="Rasa server replicas")
    parser.add_argument("--action-servers", type=int, default=1)
    parser.add_argument("--port", type=int, default=5005, help="where nginx serves the channels")
    parser.add_argument("--actions-port", type=int, default=5055, help="where nginx serves the actions")
    parser.add_argument(
        "--first-replica-port", type=int, default=5006, help="replicas listen here and on the next ports"
    )
    parser.add_argument("--first-action-server-port", type=int, default=5056)
    parser.add_argument("--redis-port", type=int, default=6380, help="for the private redis-server")
    parser.add_argument("--model", default="models")


def nginx_config(options: argparse.Namespace, run_dir: Path) -> str:
    def servers(first: int, count: int) -> str:
        return "\n".join(
            f"        server 127.0.0.1:{first + n} max_fails=1 fail_timeout=5s;" for n in range(count)
        )

    return (
        NGINX_TEMPLATE.read_text()
        .replace("@RUN_DIR@", str(run_dir))
        .replace("@RASA_SERVERS@", servers(options.first_replica_port, options.replicas))
        .replace("@ACTION_SERVERS@", servers(options.first_action_server_port, options.action_servers))
        .replace("@HOST@", nginx_address(settings().host))
        .replace("@SLOW_DOWN@", slow_down_json())
        .replace("@PORT@", str(options.port))
        .replace("@ACTIONS_PORT@", str(options.actions_port))
    )


def slow_down_json() -> str:
    """The channels' kind 429 answer, for nginx to give in a single-quoted string."""
    return json.dumps([{"text": channel_messages()["slow_down"]}]).replace("'", "\\u0027")


def nginx_address(host: str) -> str:
    """An address as nginx's `listen` wants it (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host


def run(options: argparse.Namespace) -> int:
    config = settings()
    config.require_safe()
    url = config.database_url or ""
    if not url.startswith("postgresql"):
        print(
            "Replicas share conversations in PostgreSQL: set DATABASE_URL=postgresql://... "
            "(`make run-scaled` starts a local one).",
            file=sys.stderr,
        )
        return 2
    directory = run_dir(f"scaled-{options.port}")
    (directory / "nginx.conf").write_text(nginx_config(options, directory))
    private_redis = not config.redis_url
    print(
        f"Thurrock Front Door (scaled) is starting: {options.replicas} replicas behind "
        f"http://{config.host}:{options.port}, conversations in PostgreSQL, locks in Redis; a part "
        "that stops is restarted. Ctrl-C stops them all.",
        flush=True,
    )
    supervisord(
        "scaled.conf",
        directory,
        {
            "FRONTDOOR_MODEL": options.model,
            "FRONTDOOR_REPLICAS": str(options.replicas),
            "FRONTDOOR_FIRST_REPLICA_PORT": str(options.first_replica_port),
            "FRONTDOOR_ACTION_SERVERS": str(options.action_servers),
            "FRONTDOOR_FIRST_ACTION_SERVER_PORT": str(options.first_action_server_port),
            "FRONTDOOR_PRIVATE_REDIS": "true" if private_redis else "false",
            "FRONTDOOR_REDIS_PORT": str(options.redis_port),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{options.actions_port}/webhook",
            "FRONTDOOR_STANDBY_STEM": str(config.tracker_standby_path.with_suffix("")),
            "PROXIES_COUNT": "1",  # replicas read the client address from nginx's X-Forwarded-For
            "ACTION_SERVER_TOKEN": config.action_server_token or secrets.token_urlsafe(32),
            **({"REDIS_URL": f"redis://127.0.0.1:{options.redis_port}/1"} if private_redis else {}),
        },
    )
