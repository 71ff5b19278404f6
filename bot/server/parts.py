"""Which parts of the assistant are down, asked of supervisord when it runs them (`make run`).

The health check (`GET /webhooks/rest/`) names them; bot/run/crash_watch.py explains the states.
"""

import asyncio
import logging
from typing import Any, Dict, List, Text

from supervisor import childutils

from bot.settings import settings

logger = logging.getLogger(__name__)


def describe(process: Dict[str, Any]) -> Text:
    """What a part's supervisord state means for an operator ('' when it is up)."""
    state = process["statename"]
    if state == "RUNNING":
        return ""
    if state in ("STARTING", "BACKOFF", "EXITED"):
        return "restarting"
    if state == "FATAL":
        return "down: it could not be started (see the log), supervisord gave up"
    if state == "STOPPED" and process["start"]:
        config = settings()
        return (
            f"down: it crashed more than {config.part_crash_limit} times in "
            f"{config.part_crash_window_minutes:g} minutes (or an operator stopped it); "
            "not restarted until started again"
        )
    return "" if state == "STOPPED" else state.lower()  # STOPPED and never started: not run here


def down(processes: List[Dict[str, Any]]) -> Dict[Text, Text]:
    return {process["name"]: describe(process) for process in processes if describe(process)}


async def parts_down() -> Dict[Text, Text]:
    """The parts that are not running, with why; empty when all are (or nothing supervises us)."""
    url = settings().supervisor_server_url
    if not url:
        return {}

    def ask() -> List[Dict[str, Any]]:
        return childutils.getRPCInterface({"SUPERVISOR_SERVER_URL": url}).supervisor.getAllProcessInfo()

    try:
        found = down(await asyncio.to_thread(ask))
    except Exception as error:  # supervisord itself gone: say so rather than fail the health check
        return {"supervisord": f"unreachable ({type(error).__name__})"}
    if found:
        logger.error("Parts of the assistant are down: %s", ", ".join(f"{k} ({v})" for k, v in found.items()))
    return found
