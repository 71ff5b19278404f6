"""A button's title, typed, is that button.

Residents read "choose Skip this" and type it; on Telegram or in the shell they type "No" under
"Was this helpful?". Read as words, "Skip this" at the name question stopped a whole request and
"No" got "You're welcome". Here a message that says just the title of one of the buttons the
assistant offered in its last turn is handled as that button's payload, on every channel, before
NLU reads it. Installed with the server package (bot/server/__init__.py).
"""

import re
from difflib import SequenceMatcher
from typing import Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

# Said around a title without changing it: "no thanks", "skip this please", "ok talk to a person",
# "change my phone number" (for the button "Phone number").
COURTESY = re.compile(
    r"^(?:ok(?:ay)?|um+|er+|erm|change|my|the|your|it'?s)\s+|\s+(?:please|pls|plz|thanks|thank you|ta)$"
)


def as_typed(text: Text) -> Text:
    """Lower case, words only, without the courtesies around them: "Skip this." and "skip  this
    please" are "skip this"."""
    words, before = " ".join(re.sub(r"[^\w']+", " ", text.lower()).split()), None
    while words != before:
        before, words = words, COURTESY.sub("", words).strip()
    return words


def offered_buttons(tracker: DialogueStateTracker) -> Dict[Text, Text]:
    """The buttons of the assistant's last turn, title (as typed) -> payload; the latest wins."""
    buttons: Dict[Text, Text] = {}
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            for button in reversed(event.data.get("buttons") or []):
                title, payload = as_typed(str(button.get("title", ""))), button.get("payload")
                if title and isinstance(payload, str) and payload.startswith("/"):
                    buttons.setdefault(title, payload)
    return buttons


# A title's first words typed ("best time" for "Best time to contact you") are that button, if
# they are enough to tell it from the others.
LEAST_PREFIX_CHARS = 5


def pressed(text: Optional[Text], tracker: DialogueStateTracker) -> Optional[Text]:
    """The payload of the offered button whose title (or the start of it, if only one title starts
    so) is all the message says, if any."""
    if not text or text.startswith("/") or len(text) > 80:
        return None
    buttons, typed = offered_buttons(tracker), as_typed(text)
    if typed in buttons:
        return buttons[typed]
    starting = [payload for title, payload in buttons.items() if title.startswith(typed + " ")]
    if len(starting) == 1 and len(typed) >= LEAST_PREFIX_CHARS:
        return starting[0]
    return misspelt(typed, buttons)


# "ask for an assesment" for "Ask for an assessment": a long title typed with a slip or two is that
# button, when no other title is nearly as close (a short title must be typed as it is)
LEAST_FUZZY_CHARS = 10
FUZZY_RATIO = 0.95


def misspelt(typed: Text, buttons: Dict[Text, Text]) -> Optional[Text]:
    close = [
        (SequenceMatcher(None, typed, title).ratio(), payload)
        for title, payload in buttons.items()
        if len(title) >= LEAST_FUZZY_CHARS
    ]
    close = sorted((c for c in close if c[0] >= FUZZY_RATIO), reverse=True)
    return close[0][1] if len(close) == 1 else None


def install() -> None:
    """Wraps Rasa's handling of a new message: a typed title becomes its button's payload."""
    handle = MessageProcessor._handle_message_with_tracker

    async def handle_typed_button(
        self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker
    ) -> None:
        payload = None if message.parse_data else pressed(message.text, tracker)
        if payload:
            message.text = payload
        await handle(self, message, tracker)

    MessageProcessor._handle_message_with_tracker = handle_typed_button
