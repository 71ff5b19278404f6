"""The one signal that a resident asked to be forgotten, and it was done.

`action_forget_me` puts `forget_message()` on its reply once it has deleted what the project
database held; the tracker store sees it when the conversation is saved and deletes the
conversation instead (whatever the channel); the web page sees it in the reply and clears itself
(the chat channel writes the marker into chat.js).
"""

from typing import Any, Dict, Text

FORGET_MARKER = "conversation_forgotten"


def forget_message() -> Dict[Text, Any]:
    """The custom payload that marks the reply saying a conversation was forgotten."""
    return {FORGET_MARKER: True}


def is_forget_message(custom: Any) -> bool:
    """Whether a reply's custom payload carries the marker."""
    return isinstance(custom, dict) and custom.get(FORGET_MARKER) is True
