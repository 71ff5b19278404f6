"""The part of a call-back request that says what it is about.

"I need a grab rail by the toilet, can someone ring me about it" is read, rightly, as a request for
a call; the grab rail then only shows faintly in the intent ranking, and the handover went to
Thurrock First as "a general enquiry". Here the asking-for-a-call words are taken out, and what is
left (when there is something left to read) is given its own sentence vector by the featurizer and
its own topic by the classifier, as the `topic` entity the handover reads first.

A "yes" with a topic after it ("yes please the carers one", "yeah the money one") reads mostly as
a yes, too unsure to answer; its words after the yes are read the same way, for the topic to answer.
"""

import re
from typing import Optional, Text

from bot.sending import SEND_ASKED, asks_to_send

CALL_WORDS = (
    r"(?:ring|call|phone|contact|get\s+in\s+touch\s+with|get\s+back\s+to|speak\s+to|talk\s+to|text|email)"
)
ASKING_FOR_A_CALL = re.compile(
    r"(?:\b(?:can|could|would|will)\s+(?:someone|somebody|you|they|anyone|a\s+person|thurrock\s+first|"
    rf"one\s+of\s+you)\s+(?:please\s+)?{CALL_WORDS}\s+(?:me|us)(?:\s+back)?|"
    rf"\b(?:please\s+)?(?:get|have|ask)\s+(?:someone|somebody|them|a\s+person)\s+to\s+{CALL_WORDS}\s+(?:me|us)(?:\s+back)?|"
    r"\bi(?:'?d|\s+would)\s+like\s+(?:a\s+call(?:\s*back)?|someone\s+to\s+\w+\s+(?:me|us)(?:\s+back)?)|"
    r"\bi\s+(?:want|need)\s+(?:a\s+call(?:\s*back)?|someone\s+to\s+\w+\s+(?:me|us)(?:\s+back)?)|"
    rf"\b{CALL_WORDS}\s+me(?:\s+back)?)"
    r"(?:\s+(?:please|pls|today|tomorrow|asap))*(?:\s+about\s+(?:it|that|this|them|these|those)\b)?",
    re.IGNORECASE,
)
LEFT_OVER = re.compile(
    r"^[\W_]*(?:(?:and|so|but|or|then|please|about)\b[\W_]*)*|[\W_]*(?:\b(?:and|so|but|or|please)\b[\W_]*)*$",
    re.I,
)
# "...can someone ring me to talk about help at home", "call me back regarding his blue badge": what
# follows the asking says what it is about, plainly; the story before it is only why
ABOUT_CLAUSE = re.compile(
    r"^\s*(?:to\s+(?:talk|speak|chat)\s+(?:to\s+(?:me|us)\s+|with\s+(?:me|us)\s+)?)?"
    r"(?:about|regarding|re|to\s+discuss|to\s+sort(?:\s+out)?|to\s+arrange)\s+(?P<topic>[^.?!;]+)",
    re.IGNORECASE,
)
# "..., but dont ring in the evening when my husband is home": how (not) to be contacted, not the topic
CONTACT_WISH = re.compile(
    r"\b(?:but\s+|and\s+|though\s+)?(?:please\s+)?(?:don'?t|dont|do\s+not|never|not|only)\s+(?:\w+\s+)?"
    rf"{CALL_WORDS}\b[^.;!?]*",
    re.IGNORECASE,
)
# "yes please the carers one", "ok, the direct payment bit": a yes, then what it is a yes to
YES_FIRST = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|yup|ok|okay|please|go\s+on|sure)\b(?:\W+(?:please|pls|ta|thanks|then|that|the)\b)*\W*",
    re.IGNORECASE,
)
# "my email sam@example.com": a detail, never what a request is about
EMAIL_SAID = re.compile(
    r"\b(?:my\s+)?(?:e-?mail|email\s+address)\s*(?:is|:)?\s*\S+@\S+|\S+@\S+", re.IGNORECASE
)
WORDS_TO_READ = 2  # a word alone left ("please", "today") says nothing about a topic


def topic_part(text: Text) -> Optional[Text]:
    """What is left of a call-back request once the asking-for-a-call words are out, or of a yes
    once the yes is out, if enough."""
    asking = ASKING_FOR_A_CALL.search(text)
    about = asking and ABOUT_CLAUSE.match(text[asking.end() :])
    if about and len(re.findall(r"[a-z']+", about.group("topic"), re.I)) >= WORDS_TO_READ:
        rest = LEFT_OVER.sub("", CONTACT_WISH.sub(" , ", about.group("topic"))).strip()
    elif asking:
        rest = LEFT_OVER.sub("", CONTACT_WISH.sub(" , ", ASKING_FOR_A_CALL.sub(" , ", text))).strip()
    elif asks_to_send(text):  # "OK. YOU SEND FOR ME? CARER ASSESSMENT": what to send is about
        rest = LEFT_OVER.sub("", EMAIL_SAID.sub(" , ", SEND_ASKED.sub(" , ", text))).strip()
    elif YES_FIRST.match(text):
        rest = YES_FIRST.sub("", text, count=1).strip()
    else:
        return None
    rest = re.sub(r"\s+", " ", rest)
    return rest if len(re.findall(r"[a-z']+", rest, re.I)) >= WORDS_TO_READ else None
