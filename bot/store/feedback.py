"""Recording and reading residents' feedback and the questions the assistant could not answer."""

from datetime import datetime
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from bot.store.database import Database
from bot.store.handovers import conversation_key
from bot.store.models import Feedback

KINDS = ("helpful", "rating", "unanswered")


def record_feedback(
    database: Database, sender_id: str, kind: str, now: Optional[datetime] = None, **fields: Any
) -> None:
    """Stores one piece of feedback; the conversation is kept only as a one-way hash."""
    if kind not in KINDS:
        raise ValueError(f"unknown feedback kind {kind!r}")
    with database.session() as session:
        session.add(
            Feedback(
                created_at=now or datetime.utcnow(),
                conversation_key=conversation_key(sender_id),
                kind=kind,
                **fields,
            )
        )


def list_feedback(database: Database, kind: Optional[str] = None) -> List[Dict[str, Any]]:
    """Every piece of feedback, oldest first."""
    with database.session() as session:
        query = sa.select(Feedback).order_by(Feedback.created_at, Feedback.id)
        if kind:
            query = query.where(Feedback.kind == kind)
        return [row.as_dict() for row in session.execute(query).scalars()]


def forget_feedback(database: Database, sender_id: str) -> None:
    """Forget me: removes contact details and the resident's own words; anonymous ratings stay."""
    key = conversation_key(sender_id)
    with database.session() as session:
        session.execute(
            sa.update(Feedback).where(Feedback.conversation_key == key).values(contact=None, comment=None)
        )
        session.execute(
            sa.delete(Feedback).where(Feedback.conversation_key == key, Feedback.kind == "unanswered")
        )
