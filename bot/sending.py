""" "Send it" / "save it" in a resident's words: one place for the server's policy and the actions.

- `says_send_now`: a send said anywhere with a change ("his postcode is SS17 0LN, then yes send it");
- `says_save_it`: a yes to the read-back said anywhere ("so is it saved or not? yes save it"), or an
  order to save it even after other things were said ("this is useless. just save it");
- `says_only_send`: the whole message is "send it" (as the answer to a question, it answers nothing);
- `asks_urgent` / `asks_if_urgent` / `says_not_urgent`: "can you mark it urgent", "she's out friday,
  it's urgent" / "is it marked urgent?" / "it is NOT urgent, take off urgent";
- `VISIT_ASKED`: "can someone go and see her?", a request for contact in other words;
- `asks_to_send`: "you send for me?", "send it to Thurrock First please", "can you send the referral
  through": a request to be made, said as sending;
- `withdraws_consent`: they no longer want it shared at all ("forget it, i dont want it sent",
  "please don't pass it on"), never "don't send it yet";
- `asks_to_change`: the whole message asks to change something ("change", "i want to change it", "that's
  wrong"), with no new detail in it: the change menu, never "let's start again";
- `asks_if_included`: "interpreter included yes?", "is my mobile on it?": shown the read-back again;
- `sharing_limit`: a yes with a limit on what is shared ("yes but only about the day centre", "ok, just
  don't mention the money"), kept in their words for Thurrock First;
- `tells_something_late`: "forgot to say he's diabetic", "one more thing, she has a key safe": something
  to add to a request already made;
- `asks_if_sent`: "what do you mean its not sent??", "has it gone or not?": the request's state, asked;
- `SOMEONE_CALLS_FOR_ME`: "can my nephew ring on my behalf?": someone else may contact them for the resident.
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
    r"(?:please\s+|just\s+)?(?:send|save)\s+(?:it|this|that|my\s+request|the\s+request|now|please|pls)\b"
    r"|^\W*(?:(?:ok|okay|yes|yeah|please|just)\W+)*(?:send|save)\W*$",  # "OK SAVE NOW", "save please", "save!"
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


# at the read-back, "change" (a button's word typed) or "something's wrong" asks for the change menu
CHANGE_ONLY = re.compile(
    r"^\W*(?:(?:no|ok|okay|sorry|wait|hang\s+on|please|can\s+i|could\s+i|i\s+(?:want|need|would\s+like)\s+to|"
    r"i'?d\s+like\s+to|let\s+me)\W+)*"
    r"(?:(?:change|edit|amend|correct|fix|alter)(?:\W+(?:it|that|this|something|some\s*thing|a\s+bit|a\s+detail|"
    r"details|one\s+thing|a\s+thing|please|pls))*"
    r"|(?:something|some\s*thing|one\s+thing|a\s+bit|that|it|some\s+of\s+(?:it|that))\s*(?:'?s|is)\s+"
    r"(?:wrong|not\s+right|incorrect)|(?:that'?s|thats|it'?s|its)\s+(?:wrong|not\s+right|incorrect)|not\s+right|wrong)"
    r"\W*$",
    re.I,
)


# What "is the interpreter included?" can ask about, and the read-back's words that show it
INCLUDED_WORDS = {
    "interpreter": "interpreter",
    "bsl": "BSL",
    "easy read": "Easy Read",
    "large print": "large print",
    "address": "address",
    "postcode": "postcode",
    "email": "Email address",
    "mobile": "Phone number",
    "number": "Phone number",
    "phone": "Phone number",
    "name": "Name",
    "needs": "communication needs",
    "need": "communication needs",
}
_ASKED_ABOUT = "|".join(word.replace(" ", r"\s+") for word in INCLUDED_WORDS)
# "INTERPRETER INCLUDED YES?", "is my mobile on it?", "have you put the address in?": the read-back again
INCLUDED_ASKED = re.compile(
    rf"\b(?:{_ASKED_ABOUT})\b"
    r"[^.?!]{0,30}\b(?:included|in\s+(?:it|there|the\s+request|my\s+request)|on\s+(?:it|there|the\s+request|my\s+request))\b|"
    r"\b(?:is|are|did\s+you\s+(?:put|add|include)|have\s+you\s+(?:put|added|included))\b[^.?!]{0,30}\b"
    rf"(?:{_ASKED_ABOUT})\b[^.?!]{{0,20}}\b(?:in|on|included)\b",
    re.I,
)


def asks_if_included(text: Text) -> bool:
    return bool(INCLUDED_ASKED.search(text or ""))


def asks_to_change(text: Text) -> bool:
    return bool(CHANGE_ONLY.match(text or ""))


# "i dont want it sent", "please don't pass it on", "dont share anything", "I've changed my mind about
# sharing": consent taken back; "don't send it yet", "don't tell him it was me" are not
WITHDRAWN = re.compile(
    r"\b(?:don'?t|do\s+not|dont|never)\s+(?:want\s+(?:it|this|that|them|you|anything|my\s+\w+|the\s+request)\s+(?:to\s+be\s+)?)?"
    r"(?:send|sent|share|shared|pass(?:ed)?\s+(?:it\s+|this\s+|that\s+|anything\s+|(?:any|all|some)\s+of\s+(?:it|this|that)\s+)?on|forward(?:ed)?)\b"
    r"(?:\s+(?:it|this|that|anything|my\s+\w+|the\s+request|them))?(?!\s+(?:yet|until|till|before|now\b\s*,?\s*i))|"
    r"\b(?:don'?t|do\s+not|dont)\s+(?:want|agree)\s+to\s+(?:share|send|pass)\b|"
    r"\bchanged\s+my\s+mind\s+about\s+(?:sharing|sending|it|the\s+request|passing)\b|"
    r"\b(?:take|withdraw)\w*\s+(?:back\s+)?my\s+(?:consent|permission|yes)\b",
    re.I,
)
# "I did not say yes", "i never agreed to that": consent they say they never gave
NEVER_AGREED = re.compile(
    r"\b(?:did\s*n'?t|did\s+not|never|not)\s+(?:say|said)\s+(?:yes|ok|okay)\b|"
    r"\b(?:did\s*n'?t|did\s+not|never)\s+(?:agree(?:d)?|consent(?:ed)?)\b",
    re.I,
)
STILL_TO_COME = re.compile(
    r"\b(?:yet|until|till|before|first|later|tomorrow|in\s+the\s+morning)\b|"
    # "don't share my address with him": a limit on who is told, not consent taken back
    r"\b(?:with|to)\s+(?:him|her|the\s+\w+|my\s+\w+|his\s+\w+|their\s+\w+)\b",
    re.I,
)


def withdraws_consent(text: Text) -> bool:
    said = text or ""
    return bool(WITHDRAWN.search(said) or NEVER_AGREED.search(said)) and not STILL_TO_COME.search(said)


# "can you mark it urgent?", "this is urgent", "needs a package asap", "discharge tomorrow urgently"
URGENT_ASKED = re.compile(
    r"\b(?:mark|flag|make|put|treat|label|class|send)\w*\s+(?:it|this|that|her|him|them|(?:my|the|our)\s+(?:request|referral))?\s*"
    r"(?:down\s+)?(?:as\s+|through\s+as\s+)?(?:urgent|a\s+priority|high\s+priority|priority|an?\s+emergency)\b|"
    r"\b(?:it's|it\s+is|this\s+is|its|very|quite|really|extremely|is)\s+urgent\b|\burgent(?:ly)?\s+(?:please|pls|help|care|referral|request|package)\b|"
    r"\bas\s+soon\s+as\s+possible\b|\basap\b|\burgently\b|\bcan'?t\s+wait\b",
    re.I,
)
# "it is NOT urgent", "it can wait", "nobody is in danger", "take off urgent"
NOT_URGENT_SAID = re.compile(
    r"\b(?:not|isn'?t|no)\s+(?:\w+\s+)?(?:urgent|rush|hurry|emergency)\b|\bcan\s+wait\b|"
    r"\b(?:nobody|no\s*one|no-one)\s+is\s+in\s+(?:any\s+)?danger\b|"
    r"\b(?:take|remove)\s+(?:off\s+)?(?:the\s+)?urgent\b",
    re.I,
)
URGENT_QUESTION = re.compile(
    r"\b(?:is|was|has|did|have)\s+(?:it|this|that|my\s+request|the\s+request|the\s+referral|she|he)\s+"
    r"(?:been\s+|got\s+|still\s+)?(?:marked|flagged|put|sent|down|treated|classed)?\s*(?:as\s+|down\s+as\s+)?(?:urgent|a\s+priority)\b",
    re.I,
)


def asks_if_urgent(text: Text) -> bool:
    return bool(URGENT_QUESTION.search(text or ""))


def says_not_urgent(text: Text) -> bool:
    """ "it is NOT urgent, take off urgent" (never "is it urgent?")."""
    return bool(NOT_URGENT_SAID.search(text or "")) and not asks_if_urgent(text)


def asks_urgent(text: Text) -> bool:
    text = text or ""
    return bool(URGENT_ASKED.search(text)) and not NOT_URGENT_SAID.search(text) and not asks_if_urgent(text)


# "can someone from the council go and see her?", "could a social worker visit him": a visit asked for
VISIT_ASKED = re.compile(
    r"\b(?:can|could|would|will)\s+(?:someone|somebody|anyone|a\s+social\s+worker|a\s+worker|you|they)\s+"
    r"(?:from\s+(?:the\s+)?(?:\w+\s+){1,3}?)?(?:go\s+(?:and\s+)?(?:see|visit|check\s+on)|come\s+(?:and\s+)?(?:see|visit)|visit|"
    r"pop\s+round\s+to|check\s+on)\s+(?:me|her|him|them|my\s+\w+)\b",
    re.I,
)


# "YOU SEND FOR ME?", "send thurrock first please", "can you put the referral through": make a request
SEND_ASKED = re.compile(
    r"\b(?:you|u)\s+(?:send|pass)\s+(?:it\s+|this\s+|that\s+|them\s+)?(?:on\s+)?(?:for\s+me|to\s+(?:them|thurrock\s+first))|"
    r"\b(?:send|pass|forward)\s+(?:it\s+|this\s+|that\s+|everything\s+|(?:my|the)\s+\w+\s+)?(?:on\s+)?(?:to\s+)?thurrock\s+first\b|"
    r"\b(?:send|put|pass)\s+(?:the|my|a|this)\s+(?:referral|request)\s+(?:through|on|in)\b|"
    r"\bsend\s+(?:it|this|that)\s+for\s+me\b|"
    # "yes please take it down here" (the answer to professionals offers to "take your referral down here")
    r"\btake\s+(?:it|this|that|the\s+referral|my\s+referral|the\s+details|a\s+referral)\s+down\b(?!\s+(?:to|the|a)\b)",
    re.I,
)


def asks_to_send(text: Text) -> bool:
    text = text or ""
    return bool(SEND_ASKED.search(text)) and not NOT_NOW.search(text) and not withdraws_consent(text)


# "yes but only about the day centre", "ok but leave out the bit about his drinking", "only if you
# don't tell my son": what may be shared, limited in the resident's words
SHARE_LIMIT = re.compile(
    r"\bonly\s+(?:about|the|share|tell|pass|mention|send|what|his|her|my|if|for)\b|"
    r"\b(?:don'?t|do\s+not|dont|never|not\s+to)\s+(?:tell|mention|share|pass|include|say|send|put|involve|contact|ring|call)\b|"
    r"\bnot\s+(?:the|about|anything\s+about)\b[^.?!]*\b(?:bit|part|stuff|thing|things)\b|"
    # "yes but not with my son", "yes, just not to her husband": who it is not to be shared with
    r"\bnot\s+(?:with|to)\s+(?:my|her|his|their|the|our)\s+\w+|"
    r"\b(?:leave|keep)\b[^.?!]*\bout\b|\bexcept\b|\bapart\s+from\b|\bbetween\s+us\b|\bkeep\b[^.?!]*\bprivate\b",
    re.I,
)


def sharing_limit(text: Text) -> bool:
    return bool(SHARE_LIMIT.search(text or ""))


# "forgot to say he's diabetic", "one more thing, he has a dog": the note follows, with no "add"
TOLD_LATE = re.compile(
    r"^\s*(?:(?:oh|sorry|and|also|ok|okay|hi|hello)[\s,.!-]+)*"
    r"(?:(?:i\s+)?(?:forgot|meant)\s+to\s+(?:say|mention|tell\s+(?:you|them))(?:\s+that)?|one\s+more\s+thing|another\s+thing)"
    r"[\s,.:;!-]+(?=\w)",
    re.IGNORECASE,
)
# "he's diabetic, forgot to say": the note comes first
TOLD_LATE_TAIL = re.compile(
    r"[\s,.;-]+(?:sorry\s+)?(?:i\s+)?(?:forgot|meant)\s+to\s+(?:say|mention|tell\s+you)(?:\s+(?:that|before|earlier))*\s*[?.!]*$",
    re.IGNORECASE,
)


def tells_something_late(text: Text) -> bool:
    """ "forgot to say he's diabetic", "he's on warfarin, forgot to say": something to add."""
    return bool(TOLD_LATE.match(text or "") or TOLD_LATE_TAIL.search(text or ""))


# "what do you mean its not sent??", "so has it gone or not?", "did my request go?": its state, asked
STATUS_ASKED = re.compile(
    r"\b(?:is|has|was)\s+(?:it|my\s+request|the\s+request|my\s+referral|the\s+referral|that)\s+(?:not\s+)?(?:been\s+)?(?:sent|gone|through)\b|"
    r"\b(?:it'?s|its|it\s+is|it\s+has)\s+not\s+(?:been\s+)?(?:sent|gone)\b|\bnot\s+sent\s*\?|"
    r"\bdid\s+(?:it|my\s+request|the\s+request|my\s+referral)\s+(?:go|send|get\s+sent|go\s+through)\b",
    re.I,
)


def asks_if_sent(text: Text) -> bool:
    return bool(STATUS_ASKED.search(text or ""))


# "what did you send them?", "can i see what you sent", "what's on my request", "what did you tell
# thurrock first about me": what the request said, not only that it went
CONTENT_ASKED = re.compile(
    r"\bwhat\s+(?:did|have)\s+you\s+(?:just\s+|actually\s+)?(?:send|sent|put|pass(?:ed)?\s+on|write|wrote)\b|"
    r"\bwhat\s+(?:did|have)\s+you\s+(?:tell|told|say|said)\s+(?:to\s+)?(?:them|thurrock\s+first|the\s+council)\b|"
    r"\b(?:see|show\s+me|read\s+me|check)\s+(?:what\s+(?:you|was|got)\s+(?:sent|send|put)|(?:my|the)\s+(?:request|referral)\s+"
    r"(?:you|that\s+was|that\s+got)\s+sent)\b|"
    r"\bwhat(?:'?s|\s+is|\s+was)\s+(?:on|in)\s+(?:my|the)\s+(?:request|referral)\b|"
    r"\bwhat\s+(?:does|did)\s+(?:my|the)\s+(?:request|referral)\s+say\b",
    re.I,
)


def asks_what_was_sent(text: Text) -> bool:
    return bool(CONTENT_ASKED.search(text or ""))


# "can my mum ring for me?", "can my nephew ring on my behalf?": someone else may contact them for the resident
SOMEONE_CALLS_FOR_ME = re.compile(
    r"\b(?:can|could|may|is\s+it\s+ok\s+if|would\s+it\s+be\s+ok\s+if)\s+(?:my\s+\w+|someone|somebody|a\s+friend|[A-Z]\w+|he|she)\s+"
    r"(?:ring|call|phone|contact|speak\s+to|talk\s+to|email)\s+(?:them\s+|you\s+|thurrock\s+first\s+|the\s+council\s+)?"
    r"(?:for\s+me|on\s+behalf\s+of\s+me|instead\s+of\s+me|on\s+my\s+behalf)\b",
    re.IGNORECASE,
)


# "can someone write to me about…", "get them to ring me": a request to be contacted, whatever its topic
CONTACT_ME_ASKED = re.compile(
    r"\b(?:can|could|will|would)\s+(?:someone|somebody|anyone|anybody|they|you|the\s+council)\s+(?:please\s+)?"
    r"(?:write\s+to|ring|call|phone|email|e-mail|text|contact|get\s+in\s+touch\s+with)\s+me\b|"
    r"\bget\s+(?:them|someone|somebody)\s+to\s+(?:write\s+to|ring|call|phone|email|contact)\s+me\b",
    re.I,
)
