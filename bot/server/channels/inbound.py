"""Checking and tidying what a resident sends, before it reaches NLU.

Rasa's REST channel passes any text straight to NLU: one 100,000-character message got the
server killed for memory. Every channel of ours goes through `read_inbound` first.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Text

from bot.settings import Settings

SENDER_PATTERN = re.compile(r"[A-Za-z0-9:_.@-]{1,128}")
# A button payload: an intent, optionally with one of our buttons' entities, e.g.
# /update_detail{"detail":"phone"}, or the read-back's topic buttons
# /update_detail{"detail":"handover_topic","topic":"assessment_ot"}. Other entities (which could
# forge a slot) are read as words.
PAYLOAD_PATTERN = re.compile(
    r'/[a-z0-9_]{1,64}(\{"(detail|helpful)": ?"[a-z0-9_]{1,32}"(, ?"topic": ?"[a-z0-9_]{1,32}")?\})?'
)
# Rasa's own intents that would wipe or fake a conversation if a resident typed them.
RESERVED_PAYLOADS = {"/restart", "/session_start", "/back", "/out_of_scope_rasa"}
# Client metadata that is kept: none yet. Everything else a client sends in `metadata` is dropped,
# so it cannot fill the conversation store or pose as something of ours (e.g. `full_text`).
ALLOWED_METADATA: frozenset = frozenset()
# Keep newlines and tabs; drop other control and format characters (zero-width, bidi overrides).
UNWANTED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class Limits:
    """How much text NLU reads, how much we keep, and how big a request may be."""

    nlu_chars: int = 1000
    kept_chars: int = 20000
    body_bytes: int = 256 * 1024

    @classmethod
    def from_settings(cls, config: Settings) -> "Limits":
        return cls(config.max_message_chars, config.max_kept_chars, config.max_body_bytes)


@dataclass
class Inbound:
    """A resident's message, ready for NLU; or the reason it cannot be."""

    sender: Text = ""
    text: Text = ""
    metadata: Dict[Text, Any] = field(default_factory=dict)
    problem: Optional[Text] = None  # a key of channel_messages.yml
    status: int = 200
    was_cut: bool = False
    options: Dict[Text, Any] = field(default_factory=dict)  # other top-level fields, e.g. "rate"


def tidy_text(text: Text) -> Text:
    """NFC-normalised text without control or invisible formatting characters."""
    text = unicodedata.normalize("NFC", text)
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in UNWANTED_CATEGORIES)
    return "".join(kept).strip()


def guard_payload(text: Text) -> Text:
    """Button payloads pass; anything else that starts with '/' is read as words."""
    if text.startswith("/") and (
        not PAYLOAD_PATTERN.fullmatch(text) or text.split("{")[0] in RESERVED_PAYLOADS
    ):
        return text.lstrip("/").strip() or text
    return text


def read_inbound(body: bytes, limits: Limits) -> Inbound:
    """Parses a REST-style body `{"sender": ..., "message": ..., "metadata": {...}}`.

    `sender` may be left out (the chat page's conversation comes from its cookie, see rest.py);
    which senders a channel accepts is the channel's decision.
    """
    if len(body) > limits.body_bytes:
        return Inbound(problem="too_long", status=413)
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        return Inbound(problem="malformed", status=400)
    if not isinstance(data, dict):
        return Inbound(problem="malformed", status=400)
    sender, message = data.get("sender", ""), data.get("message")
    if not isinstance(sender, str) or sender and not SENDER_PATTERN.fullmatch(sender):
        return Inbound(problem="malformed", status=400)
    if message is None:
        message = ""
    if not isinstance(message, str):
        return Inbound(sender=sender, problem="malformed", status=400)
    metadata = data.get("metadata")
    metadata = (
        {key: metadata[key] for key in ALLOWED_METADATA & set(metadata)} if isinstance(metadata, dict) else {}
    )

    text = tidy_text(message)
    if not text:
        return Inbound(sender=sender, problem="empty")
    was_cut = len(text) > limits.nlu_chars
    if was_cut:
        metadata["full_text"] = text[: limits.kept_chars]
        text = text[: limits.nlu_chars]
    options = {k: v for k, v in data.items() if k not in ("sender", "message", "metadata")}
    return Inbound(
        sender=sender,
        text=guard_payload(text),
        metadata=metadata,
        was_cut=was_cut,
        options=options,
    )
