"""A durable local spool for handovers when the database is down: nothing a resident told us is lost.

Each handover is written atomically as one JSON file under var/spool/ (written, flushed to disk,
then renamed into place). The outbox moves spooled handovers into the database once it is back.
"""

import json
import logging
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, List

from bot.settings import settings
from bot.store.database import Database
from bot.store.handovers import create_handover

logger = logging.getLogger(__name__)


def spool_dir() -> Path:
    return settings().spool_dir


def spool_handover(sender_id: str, fields: Dict[str, Any], methods: List[str], now: datetime) -> str:
    """Keeps a handover on local disk; returns its reference (TF-YYYYMMDD-S + 4 hex digits)."""
    folder = spool_dir()
    folder.mkdir(parents=True, exist_ok=True)
    reference = f"TF-{now:%Y%m%d}-S{secrets.token_hex(2).upper()}"
    record = {
        "reference": reference,
        "sender_id": sender_id,
        "fields": fields,
        "methods": methods,
        "created_at": now.isoformat(),
    }
    draft = folder / f".{reference}.tmp"
    with open(draft, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
    draft.rename(folder / f"{reference}.json")
    logger.error("The database is down: handover %s kept in the local spool", reference)
    return reference


def store_or_spool(
    open_database: Callable[[], Database],
    sender_id: str,
    fields: Dict[str, Any],
    methods: List[str],
    now: datetime,
) -> str:
    """Stores a handover in the database, or in the spool if the database cannot be reached."""
    try:
        return create_handover(open_database(), sender_id, fields, methods, now=now).reference
    except Exception as error:  # any database failure: the resident must not lose their handover
        logger.error("Could not store a handover (%s); spooling it", type(error).__name__)
        return spool_handover(sender_id, fields, methods, now)


def import_spool(database: Database) -> int:
    """Moves spooled handovers into the database (keeping their references); returns how many."""
    moved = 0
    for path in sorted(spool_dir().glob("TF-*.json")) if spool_dir().exists() else []:
        record = json.loads(path.read_text(encoding="utf-8"))
        create_handover(
            database,
            record["sender_id"],
            record["fields"],
            record["methods"],
            now=datetime.fromisoformat(record["created_at"]),
            reference=record["reference"],
        )
        path.unlink()
        moved += 1
        logger.info("Spooled handover %s is now in the database", record["reference"])
    return moved
