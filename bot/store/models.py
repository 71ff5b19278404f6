"""Tables of the project database (SQLAlchemy), kept apart from Rasa's tracker tables."""

import json
from datetime import datetime
from typing import Any, Dict, List

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Handover(Base):
    """A request for Thurrock First to contact a resident, with all they told us: the caller
    (full_name … contact_time) and, when the help is for someone else, that person (cared_for_…)."""

    __tablename__ = "handovers"

    id = sa.Column(sa.Integer, primary_key=True)
    reference = sa.Column(sa.String(20), unique=True, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow)
    conversation_key = sa.Column(sa.String(64), nullable=False, index=True)  # one-way hash
    channel = sa.Column(sa.String(32), nullable=False, default="rest")
    topic = sa.Column(sa.String(120), nullable=False)
    urgency = sa.Column(sa.String(16), nullable=False, default="routine")
    # every risk or safeguarding concern raised, as JSON: kind, urgency, the person's own words,
    # who may be at risk, who may be causing harm, whether and how it is safe to contact them
    concern = sa.Column(sa.Text)
    communication_needs = sa.Column(sa.Text, nullable=False, default="")
    full_name = sa.Column(sa.String(200))
    organisation = sa.Column(sa.String(200))  # a professional's
    asking_for = sa.Column(sa.String(60))  # self, family, friend or neighbour, professional
    cared_for = sa.Column(sa.String(200))  # what they are to the caller: mum, neighbour…
    phone = sa.Column(sa.String(40))
    email = sa.Column(sa.String(320))
    postcode = sa.Column(sa.String(10))
    area = sa.Column(sa.String(60))
    contact_preference = sa.Column(sa.String(120))
    contact_time = sa.Column(sa.String(120))
    cared_for_name = sa.Column(sa.String(200))
    cared_for_postcode = sa.Column(sa.String(10))
    cared_for_area = sa.Column(sa.String(60))
    cared_for_phone = sa.Column(sa.String(40))
    date_of_birth = sa.Column(sa.String(40))  # of the person the help is for
    nhs_number = sa.Column(sa.String(20))
    need = sa.Column(sa.Text)
    summary = sa.Column(sa.Text, nullable=False, default="")
    status = sa.Column(sa.String(16), nullable=False, default="pending", index=True)
    deliveries = relationship(
        "Delivery", back_populates="handover", cascade="all, delete-orphan", order_by="Delivery.id"
    )
    notes = relationship(
        "HandoverNote", back_populates="handover", cascade="all, delete-orphan", order_by="HandoverNote.id"
    )

    FIELDS = (
        "reference",
        "created_at",
        "status",
        "urgency",
        "concern",
        "communication_needs",
        "topic",
        "channel",
        "full_name",
        "organisation",
        "asking_for",
        "cared_for",
        "phone",
        "email",
        "postcode",
        "area",
        "contact_preference",
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

    def as_dict(self) -> Dict[str, Any]:
        fields = {name: getattr(self, name) for name in self.FIELDS}
        fields["created_at"] = self.created_at.isoformat(timespec="seconds") + "Z"
        fields["concern"] = json.loads(self.concern) if self.concern else []
        fields["deliveries"] = [delivery.as_dict() for delivery in self.deliveries]
        fields["notes"] = [note.as_dict() for note in self.notes]
        return fields


class HandoverNote(Base):
    """What a resident added to a handover after it was sent ("can I add that he's on insulin")."""

    __tablename__ = "handover_notes"

    id = sa.Column(sa.Integer, primary_key=True)
    handover_id = sa.Column(
        sa.Integer, sa.ForeignKey("handovers.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow)
    text = sa.Column(sa.Text, nullable=False)
    handover = relationship("Handover", back_populates="notes")
    deliveries = relationship(
        "NoteDelivery", back_populates="note", cascade="all, delete-orphan", order_by="NoteDelivery.id"
    )

    def as_dict(self) -> Dict[str, Any]:
        return {
            "created_at": self.created_at.isoformat(timespec="seconds") + "Z",
            "text": self.text,
            "status": summarise_status(self.deliveries) if self.deliveries else "sent",
        }


class Delivery(Base):
    """One way a handover goes to Thurrock First (email or webhook), retried until sent."""

    __tablename__ = "handover_deliveries"

    id = sa.Column(sa.Integer, primary_key=True)
    handover_id = sa.Column(sa.Integer, sa.ForeignKey("handovers.id", ondelete="CASCADE"), nullable=False)
    method = sa.Column(sa.String(16), nullable=False)
    status = sa.Column(sa.String(16), nullable=False, default="pending", index=True)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    next_attempt_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow, index=True)
    last_error = sa.Column(sa.Text)
    sent_at = sa.Column(sa.DateTime)
    handover = relationship("Handover", back_populates="deliveries")

    def as_dict(self) -> Dict[str, Any]:
        return {
            "method": self.method,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at.isoformat(timespec="seconds") + "Z",
            "last_error": self.last_error,
            "sent_at": self.sent_at and self.sent_at.isoformat(timespec="seconds") + "Z",
        }


class NoteDelivery(Base):
    """One way a note goes to Thurrock First as a follow-up to its handover, retried until sent."""

    __tablename__ = "handover_note_deliveries"

    id = sa.Column(sa.Integer, primary_key=True)
    note_id = sa.Column(sa.Integer, sa.ForeignKey("handover_notes.id", ondelete="CASCADE"), nullable=False)
    method = sa.Column(sa.String(16), nullable=False)
    status = sa.Column(sa.String(16), nullable=False, default="pending", index=True)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    next_attempt_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow, index=True)
    last_error = sa.Column(sa.Text)
    sent_at = sa.Column(sa.DateTime)
    note = relationship("HandoverNote", back_populates="deliveries")


def summarise_status(deliveries: List[Delivery]) -> str:
    """A handover is sent when every delivery is; failed while any has failed; else pending."""
    statuses = {delivery.status for delivery in deliveries}
    if statuses and statuses == {"sent"}:
        return "sent"
    return "failed" if "failed" in statuses else "pending"


class Feedback(Base):
    """What residents think: "was this helpful?", ratings and comments, and questions we could not answer."""

    __tablename__ = "feedback"

    id = sa.Column(sa.Integer, primary_key=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow, index=True)
    conversation_key = sa.Column(sa.String(64), nullable=False, index=True)  # one-way hash
    channel = sa.Column(sa.String(32), nullable=False, default="rest")
    kind = sa.Column(sa.String(16), nullable=False, index=True)  # helpful, rating, unanswered
    topic = sa.Column(sa.String(120))
    helpful = sa.Column(sa.Boolean)
    rating = sa.Column(sa.Integer)
    comment = sa.Column(sa.Text)
    contact = sa.Column(sa.Text)  # only with the resident's consent

    FIELDS = (
        "created_at",
        "kind",
        "channel",
        "topic",
        "helpful",
        "rating",
        "comment",
        "contact",
        "conversation_key",
    )

    def as_dict(self) -> Dict[str, Any]:
        fields = {name: getattr(self, name) for name in self.FIELDS}
        fields["created_at"] = self.created_at.isoformat(timespec="seconds") + "Z"
        return fields


class ClientHandover(Base):
    """When a client (a hashed address, or a Telegram chat) sent a handover: caps them per day."""

    __tablename__ = "client_handovers"

    id = sa.Column(sa.Integer, primary_key=True)
    client_key = sa.Column(sa.String(64), nullable=False, index=True)  # one-way hash
    created_at = sa.Column(sa.DateTime, nullable=False, default=datetime.utcnow, index=True)
