"""`python -m bot purge --older-than 90d`: removes personal data we no longer need (UK GDPR).

- Conversations with no message for longer than that: every event deleted, from the database and
  from the standby file alike, by the tracker store's own `forget` (the code "forget me" uses).
- Feedback older than that: contact details removed (ratings and anonymous words stay for reports).
- Handovers already sent to Thurrock First and older than that: personal details removed; the
  reference, topic, urgency, channel, time and status stay for the staff report.
Pending or failed handovers are never purged: they have not reached Thurrock First yet.
"""

import argparse
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import sqlalchemy as sa

from bot.store.database import Database
from bot.store.models import Feedback, Handover

if TYPE_CHECKING:
    from bot.server.tracker_store import ProjectTrackerStore

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


@dataclass
class Purged:
    conversations: int = 0
    events: int = 0
    feedback_contacts: int = 0
    handovers: int = 0


def purge(database: Database, conversations: "ProjectTrackerStore", cutoff: datetime) -> Purged:
    result = Purged()
    last_allowed = cutoff.replace(tzinfo=timezone.utc).timestamp()
    for sender_id, last_message in conversations.last_message_times().items():
        if last_message < last_allowed:
            result.events += conversations.forget(sender_id)
            result.conversations += 1
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
    from bot.server.tracker_store import ProjectTrackerStore  # imported only when used: Rasa is slow to load

    cutoff = datetime.utcnow() - options.older_than
    done = purge(Database(), ProjectTrackerStore(), cutoff)
    print(f"Removed {done.events} events of {done.conversations} conversation(s), contact details from "
          f"{done.feedback_contacts} feedback record(s), personal details from {done.handovers} sent "
          f"handover(s), all older than {cutoff:%d %B %Y}.")
    return 0
