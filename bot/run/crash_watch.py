"""supervisord event listener: logs every crash of a part loudly, with how often it happened, and
gives up on a part that crashes more than PART_CRASH_LIMIT times in PART_CRASH_WINDOW_MINUTES.

supervisord restarts a part that exits (with back-off while it fails to start, FATAL after
`startretries`), but a part that starts, runs a while and crashes again would be restarted
forever. This stops restarting it instead; the health check (`GET /webhooks/rest/`) then names
it until an operator starts it again (`supervisorctl ... start NAME`, docs/deployment.md).
Runs as `[eventlistener:crash_watch]` in deploy/supervisor/common.conf.
"""

import logging
import sys
import time
from collections import defaultdict, deque
from typing import Deque, Dict
from xmlrpc.client import Fault

from supervisor import childutils

from bot.settings import settings

logger = logging.getLogger("crash_watch")


class CrashWatch:
    """Crash times of each part within the window; decides when to give up on one."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.crashes: Dict[str, Deque[float]] = defaultdict(deque)
        self.crashed_at: Dict[str, float] = {}

    def crashed(self, part: str, now: float) -> int:
        """Records a crash; returns how many happened within the window, this one included."""
        times = self.crashes[part]
        times.append(now)
        while times and times[0] < now - self.window_seconds:
            times.popleft()
        self.crashed_at[part] = now
        return len(times)

    def too_often(self, count: int) -> bool:
        return count > self.limit

    def forget(self, part: str) -> None:
        self.crashes.pop(part, None)
        self.crashed_at.pop(part, None)


def handle(watch: CrashWatch, event: str, headers: Dict[str, str], rpc, now: float) -> None:
    """Reacts to one PROCESS_STATE event of supervisord."""
    part = headers["processname"]
    full_name = f"{headers['groupname']}:{part}"
    window = f"{watch.window_seconds / 60:g} minutes"
    if event == "PROCESS_STATE_EXITED" or (
        event == "PROCESS_STATE_BACKOFF" and headers.get("from_state") == "STARTING"
    ):
        how = (
            "exited"
            if event == "PROCESS_STATE_EXITED"
            else f"stopped while starting (try {headers.get('tries', '?')})"
        )
        count = watch.crashed(part, now)
        if watch.too_often(count):
            try:
                rpc.supervisor.stopProcess(full_name, False)
            except Fault:  # supervisord gave up at the same moment (FATAL): that is reported below
                return
            logger.critical(
                "PART DOWN: %s %s, %d crashes in %s (more than %d): it is NOT restarted "
                "any more and the health check names it. Start it again once fixed.",
                part,
                how,
                count,
                window,
                watch.limit,
            )
            watch.forget(part)
            return
        logger.error(
            "PART CRASHED: %s %s, crash %d in the last %s; supervisord restarts it "
            "(after more than %d, it stays down).",
            part,
            how,
            count,
            window,
            watch.limit,
        )
    elif event == "PROCESS_STATE_FATAL":
        logger.critical(
            "PART DOWN: %s could not be started, supervisord gave up (FATAL). The health "
            "check reports it. Start it again once fixed.",
            part,
        )
        watch.forget(part)
    elif event == "PROCESS_STATE_RUNNING" and part in watch.crashed_at:
        logger.warning(
            "PART BACK: %s is running again (pid %s), %.1f s after it crashed.",
            part,
            headers.get("pid"),
            now - watch.crashed_at.pop(part),
        )


def main() -> None:
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s crash watch: %(message)s"
    )
    config = settings()
    watch = CrashWatch(config.part_crash_limit, config.part_crash_window_minutes * 60)
    rpc = childutils.getRPCInterface({"SUPERVISOR_SERVER_URL": config.supervisor_server_url})
    while True:
        headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
        try:
            handle(
                watch,
                headers["eventname"],
                childutils.get_headers(payload.split("\n", 1)[0]),
                rpc,
                time.monotonic(),
            )
        finally:
            childutils.listener.ok(sys.stdout)


if __name__ == "__main__":
    main()
