"""Hands the assistant's parts to supervisord (PyPI `supervisor`, configs in deploy/supervisor/).

`python -m bot serve` and `serve-scaled` set the FRONTDOOR_* variables their config reads, then
become supervisord (exec: same process, so Ctrl-C / SIGTERM reach it and it stops every part).
supervisord restarts a part that exits, with back-off while it fails to start;
bot/run/crash_watch.py logs each crash and gives up on a part that crashes too often, and the
health check (`GET /webhooks/rest/`) names any part that is down.
"""

import os
import sys
from pathlib import Path
from typing import Dict, List, NoReturn

from bot.settings import PROJECT_DIR, settings

CONFIG_DIR = PROJECT_DIR / "deploy" / "supervisor"


def cors_arguments() -> List[str]:
    """Other web sites allowed to call the channels from a browser (CORS_ORIGINS, space separated).

    None by default: the chat page at /chat is on the same origin and needs no CORS.
    """
    origins = settings().cors_origins.split()
    return ["--cors", *origins] if origins else []


def run_dir(name: str) -> Path:
    """Where one run keeps supervisord's socket and pid (one per run, so several can run at once)."""
    path = PROJECT_DIR / "var" / "run" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def supervisord(config: str, directory: Path, variables: Dict[str, str]) -> NoReturn:
    """Becomes supervisord running deploy/supervisor/`config` from the project directory."""
    os.chdir(PROJECT_DIR)
    binary = Path(sys.executable).parent
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "FRONTDOOR_BIN": str(binary),
        "FRONTDOOR_PYTHON": sys.executable,
        "FRONTDOOR_RUN_DIR": str(directory),
        "FRONTDOOR_CORS": " ".join(cors_arguments()),
        **variables,
    }
    sys.stdout.flush()
    os.execve(
        str(binary / "supervisord"),
        [str(binary / "supervisord"), "--configuration", str(CONFIG_DIR / config)],
        env,
    )
