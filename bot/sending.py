""" "Send it" / "save it" in a resident's words: one place for the server's policy and the actions.

- `says_send_now`: a send said anywhere with a change ("his postcode is SS17 0LN, then yes send it");
- `says_save_it`: a yes to the read-back said anywhere ("so is it saved or not? yes save it"), or an
  order to save it even after other things were said ("this is useless. just save it");
- `says_only_send`: the whole message is "send it" (as the answer to a question, it answers nothing).
A "don't send it yet" or "before you save it" is never any of them; nor is "did you save it?".
"""

import re
from typing import Text

NOT_NOW = re.compile(
    r"\b(?:don'?t|do\s+not|not|never|before\s+you|wait|did\s+you|have\s+you|has\s+it|is\s+it)\b[^.?!]*\b(?:send|save)\b",
    re.I,
)
SEND_NOW = re.compile(
    r"\bsend\b(?:\s+(?:it|this|that|the\s+request|them))?(?:\s+(?:now|off|please|then))?", re.I
)
# a yes, please or "just" before it, or the start of a sentence: an order, not a mention
SAVE_IT = re.compile(
    r"(?:^|[.!?,;]\s*|\b(?:yes|yeah|yep|yup|ok|okay|please|just|go\s+on|then|so|can\s+you|could\s+you)\b[\s,.!]*)"
    r"(?:please\s+|just\s+)?(?:send|save)\s+(?:it|this|that|my\s+request|the\s+request)\b",
    re.I,
)
SEND_ONLY = re.compile(
    r"^\W*(?:(?:yes|yeah|ok|okay|please|just|can\s+you|could\s+you)\W+)*send\b"
    r"(?:\W+(?:it|this|that|now|off|please|then|them|on|over|thanks|ta|the\s+request))*\W*$",
    re.I,
)


def says_send_now(text: Text) -> bool:
    return bool(SEND_NOW.search(text)) and not NOT_NOW.search(text)


def says_save_it(text: Text) -> bool:
    return bool(SAVE_IT.search(text)) and not NOT_NOW.search(text)


def says_only_send(text: Text) -> bool:
    return bool(SEND_ONLY.match(text or ""))
