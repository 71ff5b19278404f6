"""Runs the Rasa server, the action server and the handover outbox together; Ctrl-C stops all."""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

from bot.settings import PROJECT_DIR, settings



def rasa_command(*arguments: str) -> List[str]:
    return [str(Path(sys.executable).with_name("rasa")), *arguments]


def cors_arguments() -> List[str]:
    """Other web sites allowed to call the channels from a browser (CORS_ORIGINS, space separated).

    None by default: the chat page at /chat is on the same origin and needs no CORS.
    """
    origins = settings().cors_origins.split()
    return ["--cors", *origins] if origins else []


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=5005, help="Rasa server port")
    parser.add_argument("--actions-port", type=int, default=5055, help="action server port")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--model", default="models")


def run(options: argparse.Namespace) -> int:
    os.chdir(PROJECT_DIR)
    (PROJECT_DIR / "var").mkdir(exist_ok=True)
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    actions = subprocess.Popen(
        rasa_command("run", "actions", "--actions", "actions", "--port", str(options.actions_port))
    )
    server = subprocess.Popen(
        rasa_command(
            "run",
            "--model", options.model,
            "--endpoints", options.endpoints,
            "--credentials", "credentials.yml",
            "--port", str(options.port),
            *cors_arguments(),
        )
    )
    outbox = subprocess.Popen([sys.executable, "-m", "bot", "outbox"])
    print(
        f"Thurrock Front Door is starting: chat at http://localhost:{options.port}"
        f"/webhooks/rest/webhook, actions on port {options.actions_port}. Ctrl-C stops them all.",
        flush=True,
    )
    return supervise([server, actions, outbox])


def supervise(children: List[subprocess.Popen], essential: Optional[List[subprocess.Popen]] = None) -> int:
    """Waits until an essential child (by default, any) stops, or Ctrl-C / SIGTERM, then stops them
    all; returns the first one's exit code."""
    essential = essential or children
    def stop(*_: object) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while all(child.poll() is None for child in essential):
        try:
            essential[0].wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
    stop()
    for child in children:
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
    return children[0].returncode or 0
