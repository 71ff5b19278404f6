"""The sentences of a long message, each to be read for a topic of its own.

A resident who writes their whole story at once ("my name is Rosa … we live in … I want to know if
I can get help as a carer and whether he could get a direct payment … my number is …") was read as
giving details, and the two questions in the middle were never answered. Each part here gets its
own sentence vector (the featurizer) and its own topic (the classifier), so the questions are
answered, the second offered, and the details still noted.
"""

import re
from typing import List, Text

# A part shorter than this says too little to have a topic of its own.
PART_WORDS = 4
# Only messages this long are split: a short message is one question.
MESSAGE_WORDS = 12
MOST_PARTS = 6

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# Where a second question starts inside a sentence: "…, and I want to know if …", "… and whether …",
# "…, how much will it cost"
QUESTION_JOINT = re.compile(
    r",\s+(?=(?:how|what|who|when|where|why|which|can|could|will|would|is|are|do|does|should)\s+\w+\s+\w+)|"
    r",?\s+(?:and|but|also|plus)\s+(?=(?:also\s+)?(?:i|we)\s+(?:want|wanted|would\s+like|need|'d\s+like)\s+to\s+"
    r"(?:know|ask|find\s+out)\b|whether\b|(?:what|who|when|where|which|why)\b|how\s+(?:do|does|can|much|long)\b|"
    r"(?:can|could|would|will|do|does|is|are|should)\s+(?:i|he|she|they|we|you|my|there|it)\b)",
    re.IGNORECASE,
)
# A part that asks, rather than tells: "can I…", "how long…", "I want to know if…", "…?"
ASKS = re.compile(
    r"\?\s*$|^(?:(?:hi|hello|hiya|so|and|also|but|please|ok|well)\W+)*(?:can|could|would|will|do|does|did|is|are|am|"
    r"should|how|what|who|when|where|why|which|whether|if)\b|\b(?:want|like)\s+to\s+(?:know|ask|find\s+out)\b|"
    r"\bwondering\b|\btell\s+me\b",
    re.IGNORECASE,
)
# A short part that leans on the one before ("…the nicer home, but what if he cant keep it up"): the
# same question, so its own reading (here "if you can't manage a direct payment") is never offered.
LEANS_BACK = re.compile(r"\b(?:it|that|this)\b", re.IGNORECASE)
LEANING_WORDS = 8
TRAILING_JOIN = re.compile(r",?\s+(?:and|but|so)\s*$", re.IGNORECASE)
# Thanks before a new question ("thanks, and does she pay for the assessment"): the thanks draws a
# short message's reading away from its question, so the question is read on its own too.
COURTESY_FIRST = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|great|lovely|brilliant|cheers|ta|thanks?|thank\s+you|thankyou|thx|love|"
    r"dear|so|very\s+much|much|that's\s+(?:helpful|great|lovely))\W+)*?"
    r"(?:thanks?|thank\s+you|thankyou|thx|cheers|ta)\b[\s,.!:;-]*(?:(?:and|but|also|so|now)\b[\s,]*)*(?P<rest>.+)$",
    re.IGNORECASE,
)


def words(text: Text) -> int:
    return len(re.findall(r"[a-z0-9']+", text, re.IGNORECASE))


def question_parts(text: Text) -> List[Text]:
    """A long message's sentences and joined questions, if it has two or more worth reading; of a
    short one, the question after its thanks."""
    if words(text) < MESSAGE_WORDS:
        courtesy = COURTESY_FIRST.match(text)
        rest = courtesy.group("rest").strip() if courtesy else ""
        return [rest] if words(rest) >= PART_WORDS and ASKS.search(rest) else []
    pieces = (piece for sentence in SENTENCE_END.split(text) for piece in QUESTION_JOINT.split(sentence))
    parts = [TRAILING_JOIN.sub("", piece).strip(" ,") for piece in pieces]
    parts = [part for part in parts if words(part) >= PART_WORDS]
    return parts[:MOST_PARTS] if len(parts) > 1 else []


def asks(part: Text) -> bool:
    """Whether a part asks something of its own (a question may be offered); else it tells, or leans
    on the part before it (only answered)."""
    leans_back = words(part) <= LEANING_WORDS and LEANS_BACK.search(part)
    return bool(ASKS.search(part)) and not leans_back
