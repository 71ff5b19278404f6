"""`python -m bot purge [--older-than 90d]`: removes personal data we no longer need (UK GDPR).

The age defaults to RETENTION_DAYS, the period the privacy notice (/chat/privacy) promises.

- Conversations with no message for longer than that: every event deleted, from the database and
  from the standby file alike, by the tracker store's own `forget` (the code "forget me" uses).
- Feedback older than that: contact details and residents' own words (comments) removed; questions
  the assistant could not answer deleted. Ratings and "was this helpful?" stay for reports.
- Spoken replies older than that, and every spoken reply with personal details older than its
  short life (SPEECH_PRIVATE_SECONDS), deleted from the speech cache.
- Handovers already sent to Thurrock First and older than that: personal details removed; the
  reference, topic, urgency, channel, time and status stay for the staff report.
Pending or failed deliveries are never purged: they have not reached Thurrock First yet (a request
saved for staff to read, with nothing to deliver it, has).
"""

import argparse
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa

from bot.settings import settings
from bot.store.database import Database
from bot.store.models import Feedback, Handover

if TYPE_CHECKING:
    from bot.server.tracker_store import ProjectTrackerStore

PERSONAL_FIELDS = (
    "full_name",
    "organisation",
    "cared_for",
    "phone",
    "email",
    "postcode",
    "area",
    "contact_time",
    "cared_for_name",
    "cared_for_postcode",
    "cared_for_area",
    "cared_for_phone",
    "date_of_birth",
    "nhs_number",
    "need",
    "summary",
)
PURGED = "(removed after the retention period)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--older-than",
        metavar="AGE",
        type=age,
        help="for example 90d (days) or 12w (weeks); default RETENTION_DAYS",
    )


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
    unanswered: int = 0
    audio_files: int = 0


def purge_audio(speech_dir: Path, cutoff: datetime, private_seconds: float) -> int:
    """Spoken replies made before `cutoff`, and private ones (under private/) past their life."""
    if not speech_dir.exists():
        return 0
    oldest_kept = cutoff.replace(tzinfo=timezone.utc).timestamp()
    private_oldest_kept = time.time() - private_seconds
    deleted = 0
    for path in speech_dir.rglob("*.wav"):
        private = "private" in path.relative_to(speech_dir).parts
        if path.stat().st_mtime < (private_oldest_kept if private else oldest_kept):
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def purge(
    database: Database,
    conversations: "ProjectTrackerStore",
    cutoff: datetime,
    speech_dir: Optional[Path] = None,
    private_audio_seconds: float = 600.0,
) -> Purged:
    result = Purged()
    last_allowed = cutoff.replace(tzinfo=timezone.utc).timestamp()
    for sender_id, last_message in conversations.last_message_times().items():
        if last_message < last_allowed:
            result.events += conversations.forget(sender_id)
            result.conversations += 1
    if speech_dir is not None:
        result.audio_files = purge_audio(speech_dir, cutoff, private_audio_seconds)
    with database.session() as session:
        result.feedback_contacts = session.execute(
            sa.update(Feedback)
            .where(
                Feedback.created_at < cutoff,
                Feedback.kind != "unanswered",
                sa.or_(Feedback.contact.is_not(None), Feedback.comment.is_not(None)),
            )
            .values(contact=None, comment=None)
        ).rowcount
        result.unanswered = session.execute(
            sa.delete(Feedback).where(Feedback.created_at < cutoff, Feedback.kind == "unanswered")
        ).rowcount
        result.handovers = session.execute(
            sa.update(Handover)
            .where(
                Handover.created_at < cutoff,
                Handover.summary != PURGED,
                # sent, or saved for staff to read (nothing to deliver it): with Thurrock First
                sa.or_(Handover.status == "sent", ~Handover.deliveries.any()),
            )
            .values(**{field: None for field in PERSONAL_FIELDS if field != "summary"}, summary=PURGED)
            .execution_options(synchronize_session=False)
        ).rowcount
    return result


def run(options: argparse.Namespace) -> int:
    from bot.server.tracker_store import ProjectTrackerStore  # imported only when used: Rasa is slow to load

    cutoff = datetime.utcnow() - (options.older_than or timedelta(days=settings().retention_days))
    config = settings()
    done = purge(
        Database(),
        ProjectTrackerStore(),
        cutoff,
        speech_dir=config.speech_cache_dir,
        private_audio_seconds=config.speech_private_seconds,
    )
    print(
        f"Removed {done.events} events of {done.conversations} conversation(s), contact details and "
        f"comments from {done.feedback_contacts} feedback record(s), {done.unanswered} unanswered "
        f"question(s), {done.audio_files} spoken reply(ies), personal details from {done.handovers} "
        f"sent handover(s), all older than {cutoff:%d %B %Y}."
    )
    return 0
