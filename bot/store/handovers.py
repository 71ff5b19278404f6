"""Creating, finding and forgetting handovers."""

import hashlib
from datetime import datetime, timedelta
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.settings import settings
from bot.store.database import Database
from bot.store.models import ClientHandover, Delivery, Handover, HandoverNote, NoteDelivery

REFERENCE_PREFIX = "TF"


def conversation_key(sender_id: str) -> str:
    """A one-way hash of a conversation id: links records to a conversation without naming it."""
    salt = settings().conversation_hash_salt
    return hashlib.sha256(f"{salt}:{sender_id}".encode("utf-8")).hexdigest()


def _next_reference(session, day: datetime) -> str:
    stem = f"{REFERENCE_PREFIX}-{day:%Y%m%d}-"
    taken = session.execute(
        sa.select(sa.func.count()).where(Handover.reference.like(stem + "%"))
    ).scalar_one()
    return f"{stem}{taken + 1:04d}"


def create_handover(
    database: Database,
    sender_id: str,
    fields: Dict[str, Any],
    methods: Iterable[str],
    now: Optional[datetime] = None,
    reference: Optional[str] = None,
) -> Handover:
    """Stores a handover with a new reference (TF-YYYYMMDD-NNNN), or the one given (from the
    spool), and one delivery per method."""
    now = now or datetime.utcnow()
    methods = list(methods)
    for _ in range(20):  # two handovers at the same moment may try the same number
        try:
            with database.session() as session:
                handover = Handover(
                    reference=reference or _next_reference(session, now),
                    created_at=now,
                    conversation_key=conversation_key(sender_id),
                    **fields,
                )
                handover.deliveries = [Delivery(method=method, next_attempt_at=now) for method in methods]
                session.add(handover)
            return handover
        except IntegrityError:
            continue
    raise RuntimeError("could not find a free handover reference")


def list_handovers(database: Database, status: Optional[str] = None) -> List[Dict[str, Any]]:
    """Every handover, oldest first, as dictionaries with every field."""
    with database.session() as session:
        query = sa.select(Handover).order_by(Handover.created_at, Handover.id)
        if status:
            query = query.where(Handover.status == status)
        return [handover.as_dict() for handover in session.execute(query).scalars()]


def find_handover(database: Database, reference: str) -> Optional[Dict[str, Any]]:
    with database.session() as session:
        handover = session.execute(
            sa.select(Handover).where(Handover.reference == reference.strip().upper())
        ).scalar_one_or_none()
        return handover.as_dict() if handover else None


def conversation_handovers(database: Database, sender_id: str) -> List[Dict[str, Any]]:
    """The handovers one conversation made, oldest first (to tell the resident their state)."""
    with database.session() as session:
        query = (
            sa.select(Handover)
            .where(Handover.conversation_key == conversation_key(sender_id))
            .order_by(Handover.created_at, Handover.id)
        )
        return [handover.as_dict() for handover in session.execute(query).scalars()]


def add_note(database: Database, reference: str, text: str, now: Optional[datetime] = None) -> None:
    """Adds a note to a handover, with one follow-up delivery per method the handover was sent by."""
    now = now or datetime.utcnow()
    with database.session() as session:
        handover = session.execute(sa.select(Handover).where(Handover.reference == reference)).scalar_one()
        note = HandoverNote(created_at=now, text=text)
        note.deliveries = [NoteDelivery(method=d.method, next_attempt_at=now) for d in handover.deliveries]
        handover.notes.append(note)


# What a withdrawn request keeps: its reference (never given to anyone else), when, and that it was
# withdrawn; everything the resident told us goes.
KEPT_WHEN_WITHDRAWN = {"reference", "created_at", "status", "urgency", "topic", "channel"}


def forget_conversation(database: Database, sender_id: str) -> Dict[str, int]:
    """A resident asked to be forgotten: each request not yet with Thurrock First is withdrawn (what
    they told us taken out, nothing delivered, the reference kept so it is never given to someone
    else); one already with them (sent, or saved for staff to read when nothing delivers them) is
    kept, as the resident is told. Returns how many are kept: {"sent": n, "saved": n}."""
    key = conversation_key(sender_id)
    with database.session() as session:
        handovers = (
            session.execute(sa.select(Handover).where(Handover.conversation_key == key)).scalars().all()
        )
        kept = [h for h in handovers if h.status == "sent" or (not h.deliveries and h.status != "withdrawn")]
        for handover in handovers:
            if handover in kept or handover.status == "withdrawn":
                continue
            for name in Handover.FIELDS:
                if name not in KEPT_WHEN_WITHDRAWN:
                    setattr(handover, name, "" if name in ("summary", "communication_needs") else None)
            handover.status = "withdrawn"
            handover.deliveries, handover.notes = [], []
        sent = sum(1 for h in kept if h.status == "sent")
        return {"sent": sent, "saved": len(kept) - sent}


def take_handover_allowance(
    database: Database, client: str, per_day: int, now: Optional[datetime] = None
) -> bool:
    """Counts one handover for a client if it has sent fewer than `per_day` in the last day;
    False (and nothing counted) if it has not. Records older than a day are dropped."""
    now = now or datetime.utcnow()
    key = hashlib.sha256(f"{settings().conversation_hash_salt}:{client}".encode()).hexdigest()
    day_ago = now - timedelta(days=1)
    with database.session() as session:
        session.execute(sa.delete(ClientHandover).where(ClientHandover.created_at < day_ago))
        sent = session.execute(
            sa.select(sa.func.count()).where(
                ClientHandover.client_key == key, ClientHandover.created_at >= day_ago
            )
        ).scalar_one()
        if sent >= per_day:
            return False
        session.add(ClientHandover(client_key=key, created_at=now))
    return True
