"""Delivers handovers to Thurrock First: email over SMTP and/or a JSON webhook, retried with back-off.

A handover is stored first and delivered afterwards, so a mail server or webhook that is down
loses nothing: each delivery stays `failed` (visible to staff) and is tried again later, with
the wait doubling each time up to a limit. `python -m bot outbox` runs this loop; `make run`
starts it beside the assistant.
"""

import logging
import signal
import smtplib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Callable, Dict, List, Optional

import httpx
import sqlalchemy as sa

from bot.settings import Settings
from bot.store.database import Database
from bot.store.models import Delivery, NoteDelivery, summarise_status
from bot.store.spool import import_spool

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxSettings:
    """Where handovers go and how often to retry (from bot.settings)."""

    email_to: Optional[str] = None
    email_from: str = "front-door@localhost"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_username: Optional[str] = None
    smtp_password: Optional[str] = None
    smtp_starttls: bool = False
    webhook_url: Optional[str] = None
    webhook_token: Optional[str] = None
    poll_seconds: float = 5.0
    first_retry_seconds: float = 30.0
    longest_retry_seconds: float = 3600.0
    timeout_seconds: float = 20.0

    @classmethod
    def from_settings(cls, config: Settings) -> "OutboxSettings":
        return cls(
            email_to=config.handover_email_to or None,
            email_from=config.handover_email_from,
            smtp_host=config.smtp_host,
            smtp_port=config.smtp_port,
            smtp_username=config.smtp_username or None,
            smtp_password=config.smtp_password or None,
            smtp_starttls=config.use_starttls,
            webhook_url=config.handover_webhook_url or None,
            webhook_token=config.handover_webhook_token or None,
            poll_seconds=config.outbox_poll_seconds,
            first_retry_seconds=config.outbox_retry_seconds,
            longest_retry_seconds=config.outbox_longest_retry_seconds,
        )

    def methods(self) -> List[str]:
        """The delivery methods that are configured (none: staff read handovers with the CLI)."""
        return [name for name, on in (("email", self.email_to), ("webhook", self.webhook_url)) if on]

    def retry_delay(self, attempts: int) -> timedelta:
        return timedelta(
            seconds=min(self.first_retry_seconds * 2 ** (attempts - 1), self.longest_retry_seconds)
        )


def email_text(handover: Dict[str, Any]) -> str:
    """The email Thurrock First reads: communication needs first, then who, how, what."""
    lines = []
    if handover["communication_needs"]:
        lines += [f"COMMUNICATION NEEDS: {handover['communication_needs']}", ""]
    if handover["urgency"] == "urgent":
        lines += ["URGENT: the resident mentioned a safety concern.", ""]
    for concern in handover.get("concern") or []:
        lines += [
            f"CONCERN: {concern['what']} ({concern['urgency']})",
            *[f'  Their words: "{said}"' for said in concern["their_words"]],
            f"  Who may be at risk: {concern.get('who_may_be_at_risk') or 'not said'}",
            f"  Who may be causing harm: {concern.get('who_may_be_causing_harm') or 'not said'}",
            f"  Safe to contact them, and how: {concern.get('safe_to_contact') or 'not asked or not answered'}",
            "",
        ]
    caller = [
        ("Reference", "reference"),
        ("Topic", "topic"),
        ("Name", "full_name"),
        ("Organisation", "organisation"),
        ("Phone", "phone"),
        ("Email", "email"),
        ("Postcode", "postcode"),
        ("Area", "area"),
        ("Contact by", "contact_preference"),
        ("Best time", "contact_time"),
        ("Channel", "channel"),
        ("Received", "created_at"),
    ]
    lines += [f"{label}: {handover[key]}" for label, key in caller if handover.get(key)]
    helped = [
        ("Help is for", "asking_for"),
        ("Who they are to the caller", "cared_for"),
        ("Their name", "cared_for_name"),
        ("Their postcode", "cared_for_postcode"),
        ("Their area", "cared_for_area"),
        ("Their phone", "cared_for_phone"),
        ("Date of birth", "date_of_birth"),
        ("NHS number", "nhs_number"),
    ]
    if any(handover.get(key) for _, key in helped[1:]) or handover.get("asking_for") not in (None, "self"):
        lines += ["", "THE PERSON THE HELP IS FOR"]
        lines += [f"{label}: {handover[key]}" for label, key in helped if handover.get(key)]
    lines += [
        "",
        "What they need, in their words:",
        handover.get("need") or "(not given)",
        "",
        "Conversation summary:",
        handover["summary"],
    ]
    return "\n".join(lines) + "\n"


def send_email(settings: OutboxSettings, handover: Dict[str, Any]) -> None:
    message = EmailMessage()
    urgent = "URGENT " if handover["urgency"] == "urgent" else ""
    message["Subject"] = f"{urgent}Front Door handover {handover['reference']}: {handover['topic']}"
    message["From"] = settings.email_from
    message["To"] = settings.email_to
    message.set_content(email_text(handover))
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password or "")
        smtp.send_message(message)


def send_webhook(settings: OutboxSettings, handover: Dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {settings.webhook_token}"} if settings.webhook_token else {}
    body = {key: value for key, value in handover.items() if key != "deliveries"}
    answer = httpx.post(settings.webhook_url, json=body, headers=headers, timeout=settings.timeout_seconds)
    answer.raise_for_status()


def send_email_note(settings: OutboxSettings, handover: Dict[str, Any], note: Dict[str, Any]) -> None:
    """A follow-up email: what the resident added after the handover was sent."""
    message = EmailMessage()
    message["Subject"] = f"Follow-up to Front Door handover {handover['reference']}: {handover['topic']}"
    message["From"] = settings.email_from
    message["To"] = settings.email_to
    message.set_content(
        f"The resident added this to handover {handover['reference']} ({note['created_at']}), in their words:\n\n"
        f"{note['text']}\n\nName: {handover.get('full_name') or '(not given)'}\n"
    )
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password or "")
        smtp.send_message(message)


def send_webhook_note(settings: OutboxSettings, handover: Dict[str, Any], note: Dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {settings.webhook_token}"} if settings.webhook_token else {}
    body = {"follow_up_to": handover["reference"], "note": note["text"], "created_at": note["created_at"]}
    answer = httpx.post(settings.webhook_url, json=body, headers=headers, timeout=settings.timeout_seconds)
    answer.raise_for_status()


SENDERS: Dict[str, Callable[[OutboxSettings, Dict[str, Any]], None]] = {
    "email": send_email,
    "webhook": send_webhook,
}
NOTE_SENDERS: Dict[str, Callable[[OutboxSettings, Dict[str, Any], Dict[str, Any]], None]] = {
    "email": send_email_note,
    "webhook": send_webhook_note,
}


class Outbox:
    """Sends what is due, records the outcome, and schedules retries."""

    def __init__(self, database: Database, settings: OutboxSettings) -> None:
        self.database = database
        self.settings = settings

    def deliver_due(self, now: Optional[datetime] = None) -> int:
        """Tries every delivery that is due; returns how many were sent."""
        now = now or datetime.utcnow()
        sent = 0
        with self.database.session() as session:
            due = (
                session.execute(
                    sa.select(Delivery)
                    .where(Delivery.status != "sent", Delivery.next_attempt_at <= now)
                    .order_by(Delivery.next_attempt_at)
                    .limit(50)
                    .with_for_update(skip_locked=True)
                )
                .scalars()
                .all()
            )
            for delivery in due:
                sent += self._attempt(delivery, now)
                delivery.handover.status = summarise_status(delivery.handover.deliveries)
            # notes added after sending follow their handover: only once it has gone by that method
            notes_due = (
                session.execute(
                    sa.select(NoteDelivery)
                    .where(NoteDelivery.status != "sent", NoteDelivery.next_attempt_at <= now)
                    .order_by(NoteDelivery.next_attempt_at)
                    .limit(50)
                    .with_for_update(skip_locked=True)
                )
                .scalars()
                .all()
            )
            for delivery in notes_due:
                handover = delivery.note.handover
                if any(d.method == delivery.method and d.status == "sent" for d in handover.deliveries):
                    sent += self._attempt(delivery, now)
        return sent

    def _attempt(self, delivery: Any, now: datetime) -> int:
        """Sends a handover's delivery, or a note's (a follow-up to its handover)."""
        delivery.attempts += 1
        is_note = isinstance(delivery, NoteDelivery)
        what = (
            f"Note to handover {delivery.note.handover.reference}"
            if is_note
            else f"Handover {delivery.handover.reference}"
        )
        try:
            if is_note:
                NOTE_SENDERS[delivery.method](
                    self.settings, delivery.note.handover.as_dict(), delivery.note.as_dict()
                )
            else:
                SENDERS[delivery.method](self.settings, delivery.handover.as_dict())
        except Exception as error:  # any failure is retried later; nothing is dropped
            delivery.status = "failed"
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
            delivery.next_attempt_at = now + self.settings.retry_delay(delivery.attempts)
            logger.warning(
                "%s by %s failed (attempt %d), retrying at %s: %s",
                what,
                delivery.method,
                delivery.attempts,
                delivery.next_attempt_at.isoformat(timespec="seconds"),
                type(error).__name__,
            )
            return 0
        delivery.status = "sent"
        delivery.sent_at = now
        delivery.last_error = None
        logger.info("%s sent by %s", what, delivery.method)
        return 1

    def run_forever(self) -> None:
        """Delivers what is due every poll until SIGTERM or Ctrl-C, which let the delivery in hand
        finish (so a stop never leaves an email sent but not marked as sent)."""
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        methods = self.settings.methods() or ["none: staff read them with `python -m bot handovers`"]
        logger.info(
            "Outbox delivering handovers by %s, from %s", ", ".join(methods), self.database.describe()
        )
        failing = False
        while not stopping.is_set():
            try:
                import_spool(self.database)
                self.deliver_due()
                if failing:
                    logger.warning("The outbox reaches the database again")
                failing = False
            except Exception as error:  # the database may be down for a while: keep going
                if not failing:  # once per outage; the error's text may hold a handover's details
                    logger.error(
                        "The outbox cannot reach the database (%s); it keeps trying", type(error).__name__
                    )
                failing = True
            stopping.wait(self.settings.poll_seconds)
        logger.info("Outbox stopped")


def wait_for_database(poll_seconds: float) -> Database:
    """Opens the database, waiting if it is down when the outbox starts (said once, loudly)."""
    said = False
    while True:
        try:
            return Database()
        except Exception as error:
            if not said:
                logger.error(
                    "The outbox cannot reach the database (%s); it keeps trying", type(error).__name__
                )
                said = True
            time.sleep(poll_seconds)
