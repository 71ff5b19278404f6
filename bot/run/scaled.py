"""`python -m bot serve-scaled`: several Rasa replicas on one machine, as in production.

Replicas share conversations in PostgreSQL (DATABASE_URL) and conversation locks in Redis
(REDIS_URL; a private redis-server is started when it is not set). nginx listens on --port and
sends each conversation to one replica, and spreads action calls over the action servers.
The outbox runs once. Ctrl-C stops them all. See docs/deployment.md.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

from bot.run.serve import cors_arguments, rasa_command, supervise
from bot.settings import PROJECT_DIR, settings

NGINX_TEMPLATE = PROJECT_DIR / "deploy" / "nginx.conf.template"
ENDPOINTS = PROJECT_DIR / "deploy" / "endpoints.scaled.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--replicas", type=int, default=2, help="Rasa server replicas")
    parser.add_argument("--action-servers", type=int, default=1)
    parser.add_argument("--port", type=int, default=5005, help="where nginx serves the channels")
    parser.add_argument("--actions-port", type=int, default=5055, help="where nginx serves the actions")
    parser.add_argument("--first-replica-port", type=int, default=5006,
                        help="replicas listen here and on the next ports")
    parser.add_argument("--first-action-server-port", type=int, default=5056)
    parser.add_argument("--redis-port", type=int, default=6380, help="for the private redis-server")
    parser.add_argument("--model", default="models")


def nginx_config(options: argparse.Namespace, run_dir: Path) -> str:
    def servers(first: int, count: int) -> str:
        return "\n".join(f"        server 127.0.0.1:{first + n} max_fails=1 fail_timeout=5s;"
                         for n in range(count))

    return (NGINX_TEMPLATE.read_text()
            .replace("@RUN_DIR@", str(run_dir))
            .replace("@RASA_SERVERS@", servers(options.first_replica_port, options.replicas))
            .replace("@ACTION_SERVERS@", servers(options.first_action_server_port, options.action_servers))
            .replace("@PORT@", str(options.port))
            .replace("@ACTIONS_PORT@", str(options.actions_port)))


def start_redis(port: int, run_dir: Path) -> subprocess.Popen:
    """A private redis-server on loopback, for locks only (nothing is saved to disk)."""
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(run_dir)],
                             stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        if redis.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"redis-server did not start on port {port}")
        time.sleep(0.1)
    return redis


def run(options: argparse.Namespace) -> int:
    os.chdir(PROJECT_DIR)
    url = settings().database_url or ""
    if not url.startswith("postgresql"):
        print("Replicas share conversations in PostgreSQL: set DATABASE_URL=postgresql://... "
              "(`make run-scaled` starts a local one).", file=sys.stderr)
        return 2
    run_dir = PROJECT_DIR / "var" / "scaled"
    run_dir.mkdir(parents=True, exist_ok=True)
    env: Dict[str, str] = {**os.environ, "RASA_TELEMETRY_ENABLED": "false",
                           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{options.actions_port}/webhook"}
    essential: List[subprocess.Popen] = []  # if one of these stops, all stop; replicas are not
    if not env.get("REDIS_URL"):
        essential.append(start_redis(options.redis_port, run_dir))
        env["REDIS_URL"] = f"redis://127.0.0.1:{options.redis_port}/1"
    (run_dir / "nginx.conf").write_text(nginx_config(options, run_dir))
    essential.append(subprocess.Popen(["nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")]))
    essential.append(subprocess.Popen([sys.executable, "-m", "bot", "outbox"], env=env))
    children = list(essential)
    for n in range(options.action_servers):
        children.append(subprocess.Popen(
            rasa_command("run", "actions", "--actions", "actions",
                         "--port", str(options.first_action_server_port + n)), env=env))
    for n in range(options.replicas):
        port = options.first_replica_port + n
        children.append(subprocess.Popen(
            rasa_command("run", "--model", options.model, "--endpoints", str(ENDPOINTS),
                         "--credentials", "credentials.yml", "--port", str(port), *cors_arguments()),
            env={**env, "TRACKER_STANDBY_PATH": str(run_dir / f"tracker-standby-{port}.db")}))
    print(f"Thurrock Front Door (scaled) is starting: {options.replicas} replicas behind "
          f"http://localhost:{options.port}, conversations in PostgreSQL, locks in Redis. "
          "Ctrl-C stops them all.", flush=True)
    return supervise(children, essential)
