"""`python -m bot purge --older-than 90d`: removes personal data we no longer need (UK GDPR).

- Conversations with no message for longer than that: every event deleted from the tracker store.
- Feedback older than that: contact details removed (ratings and anonymous words stay for reports).
- Handovers already sent to Thurrock First and older than that: personal details removed; the
  reference, topic, urgency, channel, time and status stay for the staff report.
Pending or failed handovers are never purged: they have not reached Thurrock First yet.
"""

import argparse
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.settings import settings
from bot.store.database import Database
from bot.store.models import Feedback, Handover

PERSONAL_FIELDS = ("full_name", "cared_for", "phone", "email", "postcode", "contact_time", "need", "summary")
PURGED = "(removed after the retention period)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--older-than", required=True, metavar="AGE", type=age,
                        help="for example 90d (days) or 12w (weeks)")


def age(text: str) -> timedelta:
    found = re.fullmatch(r"(\d+)([dw])", text.strip())
    if not found or int(found.group(1)) < 1:
        raise argparse.ArgumentTypeError("give an age like 90d (days) or 12w (weeks)")
    days = int(found.group(1)) * (7 if found.group(2) == "w" else 1)
    return timedelta(days=days)


def tracker_url() -> str:
    """Where Rasa keeps conversations: DATABASE_URL, else var/tracker.db."""
    return settings().tracker_database_url


@dataclass
class Purged:
    conversations: int = 0
    events: int = 0
    feedback_contacts: int = 0
    handovers: int = 0


def purge(database: Database, tracker_engine: sa.engine.Engine, cutoff: datetime) -> Purged:
    result = Purged()
    events = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))
    if sa.inspect(tracker_engine).has_table("events"):
        with tracker_engine.begin() as connection:
            idle = connection.execute(
                sa.select(events.c.sender_id).group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff.replace(tzinfo=timezone.utc).timestamp())
            ).scalars().all()
            for sender in idle:
                result.events += connection.execute(sa.delete(events).where(events.c.sender_id == sender)).rowcount
            result.conversations = len(idle)
    with database.session() as session:
        result.feedback_contacts = session.execute(
            sa.update(Feedback).where(Feedback.created_at < cutoff, Feedback.contact.is_not(None)).values(contact=None)
        ).rowcount
        result.handovers = session.execute(
            sa.update(Handover)
            .where(Handover.created_at < cutoff, Handover.status == "sent", Handover.summary != PURGED)
            .values(**{field: None for field in PERSONAL_FIELDS if field != "summary"}, summary=PURGED)
        ).rowcount
    return result


def run(options: argparse.Namespace) -> int:
    cutoff = datetime.utcnow() - options.older_than
    done = purge(Database(), sa.create_engine(tracker_url()), cutoff)
    print(f"Removed {done.events} events of {done.conversations} conversation(s), contact details from "
          f"{done.feedback_contacts} feedback record(s), personal details from {done.handovers} sent "
          f"handover(s), all older than {cutoff:%d %B %Y}.")
    return 0
