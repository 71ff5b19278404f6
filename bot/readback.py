"""Changes typed at the read-back that name no detail, in a resident's words.

- what it is about: "it's not direct payments it's an assessment", "its a complaint about the agency,
  not direct payments", "change it to a carer's assessment";
- a part taken out of what they need: "take the gas bit out", "remove the bit about his son",
  "don't mention the money";
- something put in: "put that he's 79 not 97", "add that he's on insulin", "also say she has a key safe";
- who the help is for: "the help is for ME not Susan", "it's for me, not my daughter".

A detail named outright ("my number is ...", "take dad's address off") is read elsewhere (bot/details.py).
"""

import re
from dataclasses import dataclass
from typing import Dict, Optional, Text

TOPIC, REMOVE, ADD, FOR_ME = "topic", "remove", "add", "for_me"


@dataclass(frozen=True)
class Edit:
    kind: Text
    words: Text = ""  # the new topic's words, the part to take out, or what to put in


IT_IS = r"(?:it'?s|its|it\s+is|this\s+is|that'?s|thats|it\s+should\s+be|it\s+was)"
ABOUT = r"(?:about\s+|for\s+|re\s+)?(?:an?\s+|the\s+)?"
PART = r"[^,.;!?]+?"
TOPIC_CHANGES = [
    # "it's not direct payments it's an assessment", "its not about dp, its a complaint"
    re.compile(
        rf"\b{IT_IS}\s+not\s+{ABOUT}(?P<old>{PART})\s*[,.;-]*\s*(?:{IT_IS}|but|,)\s+(?:really\s+)?{ABOUT}(?P<new>[^,.;!?]+)",
        re.I,
    ),
    # "it's a complaint about the agency, not direct payments"
    re.compile(
        rf"\b{IT_IS}\s+(?:really\s+)?{ABOUT}(?P<new>{PART})\s*,?\s+not\s+{ABOUT}(?P<old>[^,.;!?]+)", re.I
    ),
    # "change it to a carer's assessment", "make it about respite", "should be about an assessment"
    re.compile(
        r"\b(?:change|switch|make|put)\s+(?:the\s+)?(?:topic|subject|about\s+line|what\s+it'?s\s+about|it)\s+"
        rf"(?:to|into|as)\s+(?:be\s+)?{ABOUT}(?P<new>[^,.;!?]+)|\bshould\s+(?:say|be)\s+about\s+{ABOUT}(?P<new2>[^,.;!?]+)|"
        rf"\b(?:it'?s|its|it\s+is|it\s+was)\s+meant\s+to\s+be\s+{ABOUT}(?P<new3>[^,.;!?]+)",
        re.I,
    ),
]
REMOVALS = [
    # "take the gas bit out", "take out the bit about the gas", "leave the money part off"
    re.compile(
        r"\b(?:take|leave|cross|strike|get)\s+(?:out\s+|off\s+)?(?:the\s+|that\s+|all\s+the\s+)?(?:bit\s+|part\s+|stuff\s+|line\s+)?"
        r"(?:about\s+|on\s+|re\s+|with\s+)?(?P<what>[^,.;!?]+?)\s+(?:bit\s+|part\s+|stuff\s+|line\s+)?(?:out|off)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:take\s+out|leave\s+out|remove|delete|drop|cut|don'?t\s+mention|do\s+not\s+mention|no\s+need\s+to\s+mention|"
        r"don'?t\s+put|do\s+not\s+put|don'?t\s+include)\s+(?:the\s+(?:bit|part|stuff|line|sentence)\s+(?:about|on|re|with)\s+)?"
        r"(?:the\s+|that\s+|anything\s+about\s+)?(?P<what>[^,.;!?]+)",
        re.I,
    ),
]
# "put that he's 79", "add that he is on insulin", "also say she has a key safe", "can you add he's diabetic"
ADDITION = re.compile(
    r"^\W*(?:(?:can|could|will)\s+you\s+|please\s+|and\s+|also\s+|oh\s+)*(?:put|add|say|write|mention|include|note)\s+"
    r"(?:(?:in|down|on\s+it|as\s+well|also|too)\s+)*(?:that\s+|:\s*)(?P<what>.+)$",
    re.I,
)
# "and put number 14 on it or they wont know which house", "add his NHS number to it"
PUT_ON_IT = re.compile(
    r"\b(?:put|add|write)\s+(?!it\b|that\b|this\b)(?P<what>[^,.;!?]+?)\s+(?:on|in|to|onto)\s+(?:it|there|the\s+request|my\s+request)\b",
    re.I,
)
# "the help is for ME not Susan", "it's for me, not my daughter", "not for Susan, it's for me"
FOR_ME_SAID = re.compile(
    r"\b(?:the\s+help\s+is|help\s+is|it'?s|its|it\s+is|this\s+is|request\s+is)\s+for\s+me\b[^.?!]{0,30}\bnot\s+(?:for\s+)?\w+|"
    r"\bnot\s+(?:for\s+)?(?:my\s+)?\w+\s*[,.;-]*\s*(?:the\s+help\s+is|it'?s|its|it\s+is)\s+for\s+me\b",
    re.I,
)
# The words a part is named by that say nothing of it
FILLER = set(
    "the a an bit part stuff line about on re with his her their my that this thing things from what he she they "
    "needs need it all".split()
)
# Words for a topic, besides its title's own words
TOPIC_WORDS = {
    "complaint": "give_feedback",
    "complain": "give_feedback",
    "complaints": "give_feedback",
    "assessment": "assessment_needs",
    "carers": "assessment_carer",
    "carer": "assessment_carer",
    "respite": "carer_breaks",
    "break": "carer_breaks",
    "breaks": "carer_breaks",
    "direct": "dp_how_to_get",
    "dp": "dp_how_to_get",
    "equipment": "assessment_ot",
    "adaptations": "assessment_ot",
    "rails": "assessment_ot",
    "pay": "financial_will_i_pay",
    "paying": "financial_will_i_pay",
    "cost": "financial_will_i_pay",
    "discharge": "hospital_discharge",
    "hospital": "hospital_discharge",
    "alarm": "telecare",
    "referral": "professional_referral",
}


# a detail's own word: a change of whose detail it is, never of what the request is about
A_DETAIL = re.compile(
    r"\b(?:e-?mail|phone|number|mobile|landline|name|postcode|address)\b|\b(?:is|'s)\s+(?:mine|his|hers)\b",
    re.I,
)


def readback_edit(text: Text) -> Optional[Edit]:
    """The change a message at the read-back asks for, if it names no detail."""
    if FOR_ME_SAID.search(text):
        return Edit(FOR_ME)
    for pattern in TOPIC_CHANGES:
        match = pattern.search(text)
        if match:
            new = next(value for name, value in match.groupdict().items() if name.startswith("new") and value)
            if not A_DETAIL.search(
                new
            ):  # "just so it's clear the email is mine not chloe's": whose, not what
                return Edit(TOPIC, new.strip())
    added = ADDITION.search(text) or PUT_ON_IT.search(text)
    if added and not re.fullmatch(
        r"(?:on|in|to)\s+(?:it|there)\W*|it|that|this", added.group("what").strip(), re.I
    ):
        return Edit(ADD, added.group("what").strip())
    for pattern in REMOVALS:
        match = pattern.search(text)
        if match and _key_words(match.group("what")):
            return Edit(REMOVE, match.group("what").strip())
    return None


def _key_words(words: Text) -> list:
    words = re.sub(r"\bfrom\s+(?:what\s+)?(?:he|she|they|you|i)?\s*needs?\b.*$", "", words, flags=re.I)
    return [word for word in re.findall(r"[a-z0-9']+", words.lower()) if word not in FILLER]


def _stem(word: Text) -> Text:
    return re.sub(r"(?:'s|s)$", "", word.lower())


def topics_named(words: Text, titles: Dict[Text, Text]) -> list:
    """The topics some words name, one or two ("a needs assessment and direct payments")."""
    named = [topic_named(part, titles) for part in re.split(r"\s+and\s+|\s*&\s*|\s*,\s*", words)[:2]]
    return list(dict.fromkeys(intent for intent in named if intent))


def topic_named(words: Text, titles: Dict[Text, Text]) -> Optional[Text]:
    """The topic (intent) some words name: a topic's own word, else the one title sharing most words."""
    said = [_stem(word) for word in re.findall(r"[a-z']+", words.lower())]
    for word in said:
        if word in {_stem(key) for key in TOPIC_WORDS}:
            return next(intent for key, intent in TOPIC_WORDS.items() if _stem(key) == word)
    scores = {
        intent: len(set(said) & {_stem(w) for w in re.findall(r"[a-z']+", title.lower())} - FILLER)
        for intent, title in titles.items()
    }
    best = max(scores.values(), default=0)
    named = [intent for intent, score in scores.items() if score == best]
    return named[0] if best and len(named) == 1 else None


def without_part(need: Text, words: Text) -> Optional[Text]:
    """What they need with the sentences or clauses naming `words` taken out; None if none names them."""
    keys = [_stem(word) for word in _key_words(words)]
    if not keys:
        return None
    pieces = re.split(r"(?<=[.;,!?])\s+|\s+(?=and\s)", need)
    kept = [
        piece for piece in pieces if not any(re.search(rf"\b{re.escape(key)}", piece, re.I) for key in keys)
    ]
    if len(kept) == len(pieces):
        return None
    return re.sub(r"[,;]\s*$", ".", " ".join(kept).strip()) or ""


def with_addition(need: Optional[Text], words: Text) -> Text:
    """What they need with something put in: "79 not 97" corrects the number; else it is added."""
    corrected = re.match(r"(?P<said>.*?\b(?P<new>\w+))\s*,?\s+not\s+(?P<old>\w+)\s*$", words, re.I)
    if need and corrected and re.search(rf"\b{re.escape(corrected.group('old'))}\b", need):
        return re.sub(rf"\b{re.escape(corrected.group('old'))}\b", corrected.group("new"), need)
    if need and corrected and re.search(rf"\b{re.escape(corrected.group('new'))}\b", need):
        return need  # "put that he's 79 not 97", and it says 79 already
    said = corrected.group("said") if corrected else words
    if not need:
        return said
    return f"{need.rstrip()}{'' if need.rstrip().endswith(('.', '!', '?')) else '.'} {said}"
