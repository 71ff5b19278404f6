"""Tell us once: what a resident has told us, shown, checked, corrected or forgotten on request.

Two people, not one set of slots: the caller (full_name, phone, postcode… and how they want to be
contacted) and, when the help is for someone else, that person (cared_for_name, cared_for_postcode…,
with `cared_for` what they are to the caller and `asking_for` self / family / friend or neighbour /
professional). bot.details says whose each detail is; the slots keep them apart.
"""

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.distress import answer_distress
from actions.request_state import requests_made, save_note, tell_requests
from bot.safety.risk import DISTRESS, read_message
from actions.topics import TOPIC_TITLES
from bot.sending import (
    CONTACT_ME_ASKED,
    SOMEONE_CALLS_FOR_ME,
    VISIT_ASKED,
    asks_urgent,
    asks_what_was_sent,
    says_only_send,
    tells_something_late,
)
from bot.details import (
    ALONE,
    POSTCODE,
    TOLD_ALREADY_ONLY,
    CONTACT_THEM,
    NOT_DIRECTLY,
    ONLY_ME,
    LIVING_TOGETHER,
    CARED_FOR,
    DETAIL_WORDS,
    FAMILY,
    FRIEND,
    NO_PHONE,
    PROFESSIONAL,
    SELF,
    asking_for_from_answer,
    surname_told,
    communication_needs_from_answer,
    find_details,
    forgotten_detail,
    postcode_district,
    tidy_email,
    tidy_postcode,
    without_told_already,
    need_in_their_words,
    ONLY_A_ROLE,
)
from bot.forget import forget_message
from bot.store.database import shared_database
from bot.store.feedback import forget_feedback
from bot.store.handovers import forget_conversation

logger = logging.getLogger(__name__)

SOURCES = Path(__file__).resolve().parents[1] / "content" / "sources.yml"
DECLINED = "declined"  # they chose not to say: counts as answered, never asked again
NOT_GIVEN = "not given"  # two answers we could not read: we moved on
TRIES = 2
# Questions whose answers are read by pattern, so a "no" in a real answer never throws it away.
READ_EVEN_IF_DENIED = {
    "full_name",
    "cared_for_name",
    "phone",
    "email",
    "postcode",
    "cared_for_postcode",
    "asking_for",
    "contact_time",  # "whenever", "any time, I don't mind"
}
# Words of a communication need in a resident's own words ("I can't hear well on the phone").
COMMUNICATION_WORDS = re.compile(
    r"\b(?:hear\w*|deaf\w*|sight|see|blind|read\w*|writ\w*|speak\w*|speech|talk\w*|language|english|"
    r"interpret\w*|translat\w*|sign\w*|phone|letters?|print|understand\w*|words?|autis\w*|learning|"
    r"dyslex\w*|memory|confus\w*|text\w*|e-?mail|explain\w*|slow\w*|advocate|glasses|aid)\b",
    re.I,
)
# A bare yes ("yes", "ok send it", "yep that's right"): never what someone needs help with.
SHORT_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ok|okay|fine|sure|correct|right|that'?s right|go on|please)\b"
    r"(?:\W+(?:please|send it|send|it|that'?s|right|fine|thanks|thank you|ta|go ahead|do it)\b)*\W*$",
    re.I,
)
# "send it", "just send it now please": at the question about their need, a wish to be done
# "none", "no none for me", "i said no none already": no communication needs
# "no phone calls, email or text only", said of the person the help is for: their needs
THEIR_CONTACT_WISH = {"not by phone": "no phone calls", "text message": "text messages", "email": "email"}
NO_NEEDS = re.compile(
    r"^\W*(?:i\s+(?:said|told\s+you)\W*)?(?:(?:ok|okay|thanks)\W+)*(?:no\W+)?(?:none|nothing|no\s+(?:communication\s+|special\s+)?needs?|nope)\b"
    r"(?:\W+(?:already|thanks|ta|thank\s+you|i\s+said|for\s+me|at\s+all))*\W*$"
    # "i already said no", "u asked me that b4. no", "I said no": none, told again
    r"|^\W*(?:i\s+(?:already\s+)?(?:said|told\s+(?:you|u))|(?:you|u)\s+(?:already\s+)?asked\s+(?:me\s+)?(?:that|this)(?:\s+(?:before|b4|already))?)"
    r"\W+(?:no|none|nope|nothing)\W*$",
    re.I,
)
NO_EMAIL = re.compile(
    r"\b(?:no|haven'?t\s+got|have\s+not\s+got|don'?t\s+have|dont\s+have|do\s+not\s+have|not\s+got|never\s+had|don'?t\s+use|dont\s+use|"
    r"can'?t\s+use|cant\s+use|don'?t\s+do|dont\s+do|not\s+on)\s+"
    r"(?:an?\s+|any\s+)?(?:e-?m[ae]i?l[el]?s?|emial|emale|computers?|internet|smart\s*phone)\b",
    re.I,
)
# "none for me, but mum…", "not for me": the caller has none, whatever the other person needs
NONE_FOR_ME = re.compile(r"^\W*(?:no(?:ne)?|nothing|not)\W+(?:for\s+)?me\b|\bnone\s+for\s+me\b", re.I)
# Said about this conversation, never what they need ("you didn't answer me", "I told you already").
# "i TOLD you already!!", "why do you keep asking": said about this conversation, crossly
TOLD_CROSSLY = re.compile(
    r"\bi\s+(?:already\s+)?told\s+you\b|\bkeep\s+asking\b|\basked\s+(?:me\s+)?(?:that|this)\s+already\b|\bsame\s+(?:things|questions?)\b",
    re.I,
)
NOT_A_NEED = re.compile(
    r"\byou\s+(didn'?t|did\s+not|haven'?t|have\s+not|never|still\s+haven'?t)\s+(answer|said|say|told|tell)\w*|"
    r"\banswer\s+(me|my\s+question)|\bi\s+(told|asked)\s+you\b|\bnot\s+listening\b|"
    # "dunno its on the fridge. 01375 8 something": an answer they cannot give yet, not their need
    r"\b(dunno|don'?t\s+know|not\s+sure|can'?t\s+(remember|find|recall)|forgot(ten)?|hang\s+on|hold\s+on|"
    r"let\s+me\s+(look|check|find))\b|\d{3,}",
    re.I,
)
# "dunno it", "not sure of it", "no idea sorry": they cannot give this one; moved on from kindly
CANNOT_SAY = re.compile(
    r"^\W*(?:i\s+)?(?:dunno|don'?t\s+know|do\s+not\s+know|not\s+sure|no\s+idea|can'?t\s+remember|"
    r"cannot\s+remember|forgot(?:ten)?|not\s+known|no\s+clue|"
    # "i give up", "whatever", "i dont get it": never "that is not a UK phone number"
    r"(?:just\s+)?give\s+up|whatever|don'?t\s+get\s+it|do\s+not\s+get\s+it|don'?t\s+understand)\b(?:\W+\w+){0,4}\W*$",
    re.I,
)
# An answer to "when is a good time?" this long, with no time in it, is what they need, told early.
NEED_WORDS = 8
QUESTION_START = re.compile(
    r"^\W*(how|what|whats|what's|when|why|who|where|which|can|could|will|would|do|does|did|is|are|should|may)\b",
    re.I,
)
# "help with shoping and cookin", "i need someone to help me wash": what they need, however short
ASKS_FOR_HELP = re.compile(
    r"^\W*(?:(?:i|we|she|he|they)\s+(?:need|want|would\s+like|needs|wants)\s+|(?:i\s+)?(?:need|want)\s+)?(?:some\s+|a\s+bit\s+of\s+)?help\s+(?:with|to|for|getting)\b|"
    r"^\W*(?:i|we)\s+(?:need|want)\s+(?:someone|somebody|a\s+carer|care|support)\b",
    re.I,
)
TIME_WORDS = re.compile(
    r"\b(?:any ?time|whenever|mornings?|afternoons?|evenings?|nights?|lunch ?times?|noon|midday|weekends?|"
    r"weekdays?|o'?clock|today|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|"
    r"\d{1,2}(?::\d\d)?\s*(?:am|pm)|"
    r"(?:after|before|until|till|from|between|around)\s+(?:\d|my |the |work|school|tea|dinner|lunch))",
    re.I,
)
# The caller's details, in the order we show them, with the words we use for each.
CALLER_LABELS: Dict[Text, Text] = {
    "full_name": "name",
    "organisation": "organisation",
    "phone": "phone number",
    "email": "email address",
    "postcode": "postcode",
    "area": "area",
    "contact_preference": "how to contact you",
    "contact_time": "best time to contact you",
    "communication_needs": "communication needs",
}
# The person the help is for, when that is someone else.
CARED_FOR_LABELS: Dict[Text, Text] = {
    "cared_for_name": "their name",
    "cared_for_postcode": "their postcode",
    "cared_for_area": "their area",
    "cared_for_phone": "their phone number",
    "cared_for_needs": "their communication needs",
}
DETAIL_LABELS: Dict[Text, Text] = {
    **CALLER_LABELS,
    "asking_for": "who the help is for",
    "cared_for": "who they are to you",
    **CARED_FOR_LABELS,
    "date_of_birth": "date of birth",
    "nhs_number": "NHS number",
    "need": "what you need",
}
# The entity (and its role) that carries each detail when a resident says it in passing.
ENTITY_OF = {
    "full_name": ("person_name", None),
    "phone": ("phone", None),
    "email": ("email", None),
    "postcode": ("postcode", None),
    "area": ("area", None),
    "organisation": ("organisation", None),
    "asking_for": ("asking_for", None),
    "cared_for": ("cared_for", None),
    "contact_time": ("contact_time", None),
    "contact_preference": ("contact_preference", None),
    "communication_needs": ("communication_need", None),
    "cared_for_name": ("person_name", CARED_FOR),
    "cared_for_postcode": ("postcode", CARED_FOR),
    "cared_for_area": ("area", CARED_FOR),
    "cared_for_phone": ("phone", CARED_FOR),
    "cared_for_needs": ("communication_need", CARED_FOR),
    "date_of_birth": ("date_of_birth", None),
    "nhs_number": ("nhs_number", None),
}
# An answer to "what's their postcode?" that says it is the caller's ("same as mine, he's next door").
SAME_POSTCODE = re.compile(
    r"\bsame\s+(?:as\s+(?:mine|me|ours|my\s+own)|postcode|one|address)\b|\bnext\s+door\b", re.I
)
# Details of neither person: what the request is for.
OTHER_LABELS = {"need", "date_of_birth", "nhs_number"}
NOTED_AS = {"contact_preference": "wishes for how we contact you"}  # "your name and wishes for how…"
WHO_FOR = {
    SELF: "you",
    FAMILY: "someone in your family",
    FRIEND: "a friend or neighbour",
    PROFESSIONAL: "someone you support in your work",
}
# Messages that may be questions rather than answers: answered, then the form asks again.
QUESTION_CONFIDENCE = 0.7


@lru_cache(maxsize=1)
def thurrock_districts() -> List[Text]:
    """Read once per process: validation runs on every answer to the postcode question."""
    with open(SOURCES, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["facts"]["thurrock_postcode_districts"]["districts"]


def shown(value: Any) -> Text:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if value == DECLINED:
        return "you chose not to say"
    return str(value)


# A wish told later replaces only the wishes it contradicts ("ring me" after "not by phone").
CONTRADICTS = {
    "phone call": {"not by phone"},
    "not by phone": {"phone call", "mobile, not the landline"},
    "mobile, not the landline": {"not by phone"},
    "at home is fine": {"not at home"},
    "not at home": {"at home is fine"},
    "letter": {"no letters"},
    "no letters": {"letter"},
    "email": {"no email"},
    "no email": {"email"},
    ONLY_ME: {CONTACT_THEM},
    CONTACT_THEM: {ONLY_ME},
}


def contact_wishes(tracker: Tracker) -> List[Text]:
    """Every wish for how to be contacted told in this conversation, kept together: "not by
    phone" at the start and "not at home" later are both honoured (the slot holds the latest)."""
    wishes: List[Text] = []
    for event in tracker.events:
        if event.get("event") in ("reset_slots", "restart"):
            wishes = []
        elif event.get("event") == "slot" and event.get("name") == "contact_preference":
            told = event.get("value") or []
            if not told:
                wishes = []
            for wish in told:
                wishes = [w for w in wishes if not _contradicts(wish, w) and w != wish] + [wish]
    latest = tracker.get_slot("contact_preference") or []
    wishes = [w for w in wishes if w not in latest] + list(latest) if latest else wishes
    if any(
        w.startswith(("contact their ", "contact me or their ")) for w in wishes
    ):  # "only me" beside "contact their daughter"
        wishes = list(dict.fromkeys(NOT_DIRECTLY if w == ONLY_ME else w for w in wishes))
    return wishes


def _contradicts(wish: Text, earlier: Text) -> bool:
    """ "do not contact their daughter" after "contact their daughter Karen" (or the other way)."""
    if earlier in CONTRADICTS.get(wish, ()):
        return True
    said, before = (re.match(r"(do not )?contact (their|my) (\w+)", w) for w in (wish, earlier))
    return bool(
        said
        and before
        and said.group(2, 3) == before.group(2, 3)
        and bool(said.group(1)) != bool(before.group(1))
    )


def needs_told(tracker: Tracker) -> List[Text]:
    """Every communication need told in this conversation, kept together: "BSL user" at the start
    and "I am deaf" later are both kept (the slot holds the latest message's); a need taken away
    ("forget my communication needs") or "none" alone is not added to. Each message counts with the
    value it left (an answer is set as typed, then as checked)."""
    needs: List[Text] = []
    unset = object()
    left: Any = unset

    def add(told: Any) -> None:
        nonlocal needs
        if told is unset:
            return
        if not told or not isinstance(told, list):
            needs = [] if told is None or told == [] else needs
            return
        real = [
            need for need in told if isinstance(need, str) and need != "none" and not need.startswith("/")
        ]
        needs = [need for need in needs if need not in real] + real

    for event in tracker.events:
        if event.get("event") in ("reset_slots", "restart"):
            needs, left = [], unset
        elif event.get("event") == "user":
            add(left)
            left = unset
        elif event.get("event") == "slot" and event.get("name") == "communication_needs":
            left = event.get("value")
    add(left)
    return needs


def known_details(tracker: Tracker) -> Dict[Text, Any]:
    """Every detail held, in display order, skipping those never given."""
    held = {
        slot: tracker.get_slot(slot) for slot in DETAIL_LABELS if tracker.get_slot(slot) not in (None, [], "")
    }
    if held.get("contact_preference"):
        held["contact_preference"] = contact_wishes(tracker)
    told = needs_told(tracker) if isinstance(held.get("communication_needs"), list) else []
    if told:
        held["communication_needs"] = told
        if "not by phone" in (held.get("contact_preference") or []) and len(held["communication_needs"]) > 1:
            # said once, as how to contact them: not again as a need
            held["communication_needs"] = [n for n in held["communication_needs"] if n != "no phone calls"]
    return held


def with_surname(tracker: Tracker, slot: Text, name: Optional[Text]) -> Optional[Text]:
    """ "his surname is Walsh" after "Dennis": Dennis Walsh, not a second name instead of the first."""
    held = held_before(tracker, slot)  # the slot itself already holds this message's value
    told = surname_told(tracker.latest_message.get("text") or "")
    if (
        name
        and told
        and held not in (None, DECLINED, NOT_GIVEN)
        and len(str(held).split()) == 1
        and name.lower() == told[1].lower()
    ):
        return f"{held} {name}"
    return name


def who_for(details: Dict[Text, Any]) -> Optional[Text]:
    """Who the help is for, in words: "you", "your mum", "a friend or neighbour"."""
    asking = details.get("asking_for")
    relation = details.get("cared_for")
    if asking == SELF:
        return "you"
    if relation and relation not in (DECLINED, NOT_GIVEN) and asking != PROFESSIONAL:
        return f"your {relation}"
    return WHO_FOR.get(asking) or (shown(asking) if asking else None)


def details_as_lines(details: Dict[Text, Any]) -> Text:
    """What we hold, one person at a time: the caller, then the person the help is for."""
    told_back = {  # "contact my son Peter" told back as "contact your son Peter"
        **details,
        **(
            {
                "contact_preference": [
                    re.sub(
                        r"^contact (my|me or) ",
                        lambda m: "contact your " if m.group(1) == "my" else "contact you or ",
                        w,
                    )
                    for w in details["contact_preference"]
                ]
            }
            if isinstance(details.get("contact_preference"), list)
            else {}
        ),
    }
    theirs = [w for w in told_back.get("contact_preference") or [] if str(w).startswith("their address: ")]
    if theirs:  # "their address: 14 Brentwood Road" is where they live, never how to contact the caller
        told_back["contact_preference"] = [w for w in told_back["contact_preference"] if w not in theirs]
    lines = [
        f"• {label.capitalize()}: {shown(told_back[slot])}"
        for slot, label in CALLER_LABELS.items()
        if slot in details and told_back.get(slot) not in ([], None)
    ]
    if lines:
        lines.insert(0, "About you:")
    helped = who_for(details)
    other = [
        f"• {label.capitalize()}: {shown(details[slot])}"
        for slot, label in CARED_FOR_LABELS.items()
        if slot in details
    ] + [f"• Their address: {w.removeprefix('their address: ')}" for w in theirs]
    if helped == "you" and other:  # "it's for ME, not Peter": kept, but never as the person helped
        lines.append("The help is for: you")
        lines.append("Also mentioned:")
        lines += other
    elif helped or other:
        lines.append(f"The help is for: {helped or 'someone else'}")
        lines += other
    lines += [  # of the person the help is for, whoever that is
        f"• {label[0].upper() + label[1:]}: {shown(details[slot])}"
        for slot, label in (("date_of_birth", "date of birth"), ("nhs_number", "NHS number"))
        if slot in details
    ]
    if "need" in details:
        lines.append(f"• What you need: {shown(details['need'])}")
    return "\n".join(lines)


def contact_slots(tracker: Tracker) -> List[Text]:
    """How to reach the caller, in the order their wishes say: none when they asked us to contact
    someone else instead; never a phone number after "not by phone" or "email only"; none after an
    email address, unless they asked to be rung or texted; email first when they asked for email;
    the other if they skip the first."""
    wishes = set(contact_wishes(tracker))
    if "no phone calls" in (tracker.get_slot("communication_needs") or []):
        wishes.add(
            "not by phone"
        )  # "i do not use the phone at all", told as a need: never asked for a number
    if any(wish.startswith("contact ") and not wish.startswith("contact me or ") for wish in wishes):
        return []  # "contact her, not me", "speak to his son": the caller asked not to be contacted
    if "letter" in wishes and not wishes & {"email", "phone call", "text message"}:
        return []  # "a letter is best": written to at their address, no number or email asked for
    if "no email" in wishes:  # "no email, he reads it": never asked for
        return [] if wishes & NO_PHONE and "text message" not in wishes else ["phone"]
    if wishes & NO_PHONE and "text message" not in wishes:  # "text only, don't ring": texts need the number
        return ["email"]
    if not wishes & {"phone call", "text message"} and tracker.get_slot("email") not in (
        None,
        DECLINED,
        NOT_GIVEN,
    ):
        return ["email"]  # an email address given, and no wish to be rung: that is how to reach them
    first, second = (
        ("email", "phone")
        if "email" in wishes and not wishes & {"phone call", "text message"}
        else ("phone", "email")
    )
    return [first, second] if tracker.get_slot(first) in (DECLINED, NOT_GIVEN) else [first]


def how_we_contact(details: Dict[Text, Any], asked_for: bool = False) -> Text:
    """The sentence that tells a resident how Thurrock First will contact them (`asked_for`: at the
    read-back, how they are asked to, as nothing has been sent yet)."""

    def held(slot: Text) -> bool:
        return details.get(slot) not in (None, DECLINED, NOT_GIVEN)

    wishes = list(details.get("contact_preference") or [])
    time = (
        f", {details['contact_time']}"
        if held("contact_time") and details["contact_time"] != "any time"
        else ""
    )
    texts = held("phone") and "text message" in wishes
    if (
        held("email")
        and "no email" not in wishes
        and ("email" in wishes or (set(wishes) & NO_PHONE and not texts) or not held("phone"))
    ):
        how = f"by email at {details['email']}"
    elif held("phone") and "text message" in wishes:
        how = f"by text message to {details['phone']}"
    elif held("phone") and "letter" not in wishes:
        how = f"by phone on {details['phone']}{time}"
    elif "letter" in wishes:
        how = "by letter"  # the address in their words goes with what they need
    else:
        how = None
    avoid = [w for w in wishes if w.startswith("not ")]
    someone_else = next((w for w in wishes if w.startswith("contact ")), None)
    if someone_else:  # "contact her, not me", "speak to her daughter": who they asked us to contact
        return f"{'I will ask' if asked_for else 'I have asked'} them to {whom(someone_else, details)}" + (
            f". If they need you, they can reach you {how}." if how else "."
        )
    if how is None:
        if asked_for:  # no phone, no email: a letter, or someone they trust, before it is sent
            return (
                'I don\'t have a way for them to contact you. They can write to you: say "by letter" '
                "and give your address. Or ask someone you trust to contact them for you with your reference."
            )
        return (
            "I don't have a way for them to contact you. Please contact them with your reference, "
            "or ask someone you trust to do it for you."
        )
    lead = "I'll ask them to contact you" if asked_for else "They will contact you"
    return f"{lead} {how}" + (f" ({', '.join(avoid)})" if avoid else "") + "."


def whom(wish: Text, details: Dict[Text, Any]) -> Text:
    """A wish to contact someone other than the caller, told back to the caller: "contact Joan
    directly, by phone on 07700 900123", "contact your son", "contact their daughter"."""
    if wish != CONTACT_THEM:
        return re.sub(
            r"^contact me or ", "contact you or ", re.sub(r"^contact my ", "contact your ", wish)
        ).replace(", not me", "")
    name = details.get("cared_for_name")
    helped = who_for(details)
    person = (
        shown(name)
        if name not in (None, DECLINED, NOT_GIVEN)
        else helped
        if helped not in (None, "you")
        else "the person the help is for"
    )
    phone = details.get("cared_for_phone")
    return f"contact {person} directly" + (
        f", by phone on {phone}" if phone not in (None, DECLINED, NOT_GIVEN) else ""
    )


def joined(words: List[Text]) -> Text:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def full_text(tracker: Tracker) -> Text:
    """The resident's whole message, even when NLU only read the first part of a long one."""
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get("full_text") or tracker.latest_message.get("text") or ""


def details_set_this_turn(tracker: Tracker) -> List[Text]:
    """The detail slots the latest message filled (from its entities)."""
    entities = {
        (entity.get("entity"), entity.get("role"))
        for entity in tracker.latest_message.get("entities", [])
        if not entity.get("group")
    }  # a name typed alone fills nothing by itself
    return [slot for slot, entity in ENTITY_OF.items() if entity in entities and tracker.get_slot(slot)]


def held_before(tracker: Tracker, slot: Text) -> Any:
    """A slot's value before the latest message."""
    value, latest_user = (
        None,
        max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=-1),
    )
    for event in tracker.events[:latest_user]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
    return value


# Questions a "who is the help for" answer may come to: "me" typed where their name was asked.
WHO_QUESTIONS = (None, "asking_for", "cared_for", "cared_for_name")


def _changing(tracker: Tracker, slot: Text) -> bool:
    """Whether the resident is changing this detail now (the change-a-detail form asks for it)."""
    return tracker.active_loop.get("name") == "detail_form" and tracker.get_slot("detail_to_change") == slot


# A message that reads as a question ("can mum get a direct payment and pay my sister?") is answered
# when the classifier is this sure of its topic; other messages need QUESTION_CONFIDENCE.
ASKED_CONFIDENCE = 0.5


def question_topic(tracker: Tracker) -> Optional[Text]:
    """The topic a message typed at one of our questions asks about, if it asks one."""
    intent = tracker.latest_message.get("intent") or {}
    name, confidence = intent.get("name"), intent.get("confidence", 0)
    text = full_text(tracker)
    asked = "?" in text or bool(QUESTION_START.search(text))
    if name in TOPIC_TITLES and (
        confidence >= QUESTION_CONFIDENCE or asked and confidence >= ASKED_CONFIDENCE
    ):
        return name
    return None


# "book me a carer's assessment", "can someone ring me about it": a request, whatever its topic
BOOK_ME = re.compile(
    r"\b(?:book|arrange|set\s+up|sort\s+out|organise|organize)\s+(?:me\s+|us\s+|him\s+|her\s+)?(?:in\s+)?(?:for\s+)?(?:a|an|my|the)\s+\w*",
    re.I,
)
ASKS_FOR_CONTACT = re.compile(
    r"\b(?:call|ring|phone|contact|email|text)\s+me\b(?!\s+(?:if|when))|"
    r"\b(?:can|could|would)\s+(?:someone|somebody|you|they)\s+(?:call|ring|phone|contact|get\s+in\s+touch\s+with)\s+me\b|"
    r"\b(?:rather|prefer)\s+(?:someone|somebody|a\s+person)\s+(?:rang|phoned|called|contacted)\s+me\b|"
    # "can you just pass it on to them for me", "can you refer her then"
    r"\b(?:can|could|will|would)\s+(?:you|u)\s+(?:just\s+|please\s+)?(?:pass\s+(?:it|this|that|me)\s+on|refer\s+(?:her|him|them|me))\b",
    re.I,
)


def asks_for_contact(text: Text) -> bool:
    """Whether a message asks for a person to contact them or to book something for them."""
    text = text or ""
    booked = BOOK_ME.search(text) and not QUESTION_START.search(text)  # not "how do I book one?"
    return bool(booked or ASKS_FOR_CONTACT.search(text) or VISIT_ASKED.search(text))


def help_is_for(text: Text, relation: Text) -> bool:
    """Whether a message says the help is for this relative ("it's for my brother", "i look after my
    brother", "my brother who needs help"), not only that they are there ("my brother is crying")."""
    rel = re.escape(relation)
    return bool(
        re.search(
            rf"\b(?:for|about|after|care\s+for|caring\s+for|carer\s+for|worried\s+about|concerned\s+about|"
            rf"behalf\s+of)\s+(?:my|our)\s+(?:\w+\s+)?{rel}\b|"
            rf"\b(?:it'?s|its|it\s+is)\s+(?:actually\s+|really\s+)?(?:for\s+|about\s+)?(?:my|our)\s+(?:\w+\s+)?{rel}\b|"
            rf"\b(?:my|our)\s+(?:\w+\s+)?{rel}\s+(?:who|that)\s+needs\b|\b{rel}\s+(?:needs|is\s+the\s+one\s+who\s+needs)\s+(?:the\s+)?help\b",
            text,
            re.I,
        )
    )


def for_themselves(tracker: Tracker, slot: Text) -> bool:
    """The help is for the caller, so a relative named in passing ("ring my mum first, her name is
    Grace", "my neighbour Jean has email") is not the person the help is for; asking for this
    detail, or changing it, still sets it."""
    return (
        held_before(tracker, "asking_for") == SELF
        and tracker.get_slot("requested_slot") not in WHO_QUESTIONS[1:]
        and not _changing(tracker, slot)
    )


def same_first_name(one: Text, other: Text) -> bool:
    """Whether two names start alike ("Claire" and "Claire Dunn"), titles aside."""

    def first(name: Text) -> Text:
        words = [
            word
            for word in name.lower().split()
            if word.rstrip(".") not in ("mr", "mrs", "ms", "miss", "dr", "mx")
        ]
        return words[0] if words else ""

    return bool(first(one)) and first(one) == first(other)


def answer_detail(text: Text, slot: Text, kind: Text, role: Optional[Text] = None) -> Optional[Text]:
    """The detail of one kind in an answer to the question for `slot` ("I told you, Tom" -> Tom)."""
    return next(
        (
            found.value
            for found in find_details(text, asked=slot)
            if found.kind == kind and found.role == role
        ),
        None,
    )


# Words around a detail that say nothing of a need ("my number is …", "a BSL interpreter please").
DETAIL_FILLER = set(
    "my is its it's the a an i i'm im and please pls need needs number phone mobile email e-mail address "
    "postcode interpreter print language also oh sorry ok okay yes thanks thank you letters letter format "
    "formats information info in for everything all of on "
    # a correction: "sorry dads postcode is wrong, its RM17 6YX"
    "wrong meant actually correct correction mistake typo not his her their dads dad's mums mum's "
    "husbands husband's wifes wife's sons son's daughters daughter's nans nan's no wait name hang hold".split()
)
# the value a correction replaces: "my name is Sam Whitfeld not Whitfield"
REPLACED_VALUE = re.compile(r"\b(?:not|isn'?t|instead\s+of)\s+[\w.@'-]+(?:\s+\d\w*)?", re.I)


def only_details(text: Text) -> bool:
    """Whether a message holds details (a phone number, a communication need…) and nothing else."""
    found = [f for f in find_details(text) if f.kind != "detail"]
    if not found:
        return False
    rest = list(text)
    for detail in found:
        rest[detail.start : detail.end] = " " * (detail.end - detail.start)
    words = re.findall(r"[a-z'-]+", REPLACED_VALUE.sub(" ", "".join(rest)).lower())
    return all(word in DETAIL_FILLER for word in words)


def noted(slots: List[Text], tracker: Tracker) -> Text:
    """What we thank someone for, person by person: "your name and phone number, your mum's postcode"."""
    relation = tracker.get_slot("cared_for")
    whose = f"your {relation}'s" if relation and relation not in (DECLINED, NOT_GIVEN) else "their"
    mine = [NOTED_AS.get(slot, label) for slot, label in CALLER_LABELS.items() if slot in slots]
    theirs = [label.replace("their ", "") for slot, label in CARED_FOR_LABELS.items() if slot in slots]
    parts = ([f"your {joined(mine)}"] if mine else []) + ([f"{whose} {joined(theirs)}"] if theirs else [])
    if {"asking_for", "cared_for"} & set(slots):
        parts.append("who the help is for")
    parts += [DETAIL_LABELS[slot] for slot in slots if slot in OTHER_LABELS]  # "what you need"
    return joined(parts) if parts else ""


# A time in words with no clock in them: "whenever suits", "not when i'm at work", "after the school run"
SAYS_WHEN = re.compile(
    r"\b(?:when(?:ever)?|after|before|until|till|not|except|only|any|during|between|around|about|school|work|"
    r"lunch|tea|dinner|day|night|week|today|tomorrow|now|soon|later|early|late|free|home|in|out)\b",
    re.I,
)
SHORT_ANSWER_WORDS = 4  # "weekday mornings please": an answer of its own, not a sentence about needs
# "any time in office hours", said to the communication-needs question: still only a time
ONLY_A_TIME_SAID = re.compile(
    r"^\W*(?:any\s*time|anytime|mornings?|afternoons?|evenings?|weekdays?)?\W*(?:in|during|within)?\s*"
    r"(?:office|working|work|business)\s+hours\W*$",
    re.IGNORECASE,
)
# a question or a request said at a question about needs: answered elsewhere, never kept as a need
ASKS_NOT_TELLS = re.compile(
    r"\?|\b(?:can|could|would|will)\s+(?:you|u|they|someone)\b|\bplease\s+(?:take|remove|delete)\b|"
    r"\b(?:take|remove|delete|get\s+rid\s+of)\b[^.?!]{0,30}\b(?:off|out)\b",
    re.IGNORECASE,
)
# "say it in easy read", "easy read please", "can I have it in easy read": this chat, now
IN_EASY_READ = re.compile(
    r"\b(?:say|put|write|have|give|explain|do)\s+(?:it|that|this|them|me\s+it)?\s*(?:in|as)\s+easy\s*read\b|"
    r"\beasy\s*read\s+(?:please|pls|version)\b|^\W*easy\s*read\W*$",
    re.I,
)


# After sending, only a change asked for goes to Thurrock First ("change my area to…", "that's wrong,
# it's…"); never a name (a patient's name read as the writer's was sent as "your name: Mr Hart")
CHANGE_ASKED = re.compile(
    r"\b(?:change|correct|update|amend|fix|wrong|should\s+(?:say|be|read)|instead|not\s+\w+\s+but|meant|actually|now\s+it'?s|"
    r"new\s+(?:number|email|address|phone))\b",
    re.I,
)
NAMES_NEVER_NOTED_LATE = {"full_name", "cared_for_name"}


def same_interpreter(tracker: Tracker) -> List[EventType]:
    """ "interpreter for me not for wife" from someone who asked for a BSL interpreter: still BSL, never
    "a language interpreter" (a spoken-language interpreter booked for a Deaf man)."""
    for slot in ("communication_needs", "cared_for_needs"):
        before, now = held_before(tracker, slot) or [], tracker.get_slot(slot) or []
        if (
            isinstance(before, list)
            and isinstance(now, list)
            and "BSL interpreter" in before
            and "a language interpreter" in now
            and "BSL interpreter" not in now
        ):
            return [SlotSet(slot, [n for n in now if n != "a language interpreter"] + ["BSL interpreter"])]
    return []


# "the email is mine, not chloe's", "that number is his": whose a detail is, not a wish to change it
WHOSE_IT_IS = re.compile(r"\b(?:is|'s|are)\s+(?:mine|ours|his|hers|theirs)\b|\bbelongs\s+to\b", re.I)


def say_changed(dispatcher: CollectingDispatcher, tracker: Tracker, slots: List[Text]) -> None:
    """Each changed detail's new value, said back."""
    for slot in slots:
        dispatcher.utter_message(
            response="utter_detail_updated",
            detail=noted([slot], tracker),
            value=shown(tracker.get_slot(slot)),
        )


def kept_as_whose(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "just so it's clear the email is mine not chloe's": whose a held detail is, said back as kept,
    never cleared and asked again (at the read-back, or at "what would you like to change?")."""
    text = full_text(tracker)
    slot = detail_named(text) if WHOSE_IT_IS.search(text) else None
    if (
        slot not in DETAIL_LABELS
        or tracker.get_slot(slot) in (None, DECLINED, NOT_GIVEN)
        or slot in details_set_this_turn(tracker)
    ):
        return False
    dispatcher.utter_message(
        response="utter_detail_kept", detail=noted([slot], tracker), value=shown(tracker.get_slot(slot))
    )
    return True


class ActionNoteDetails(Action):
    """Thanks a resident for details given in passing, and says they won't be asked again."""

    def name(self) -> Text:
        return "action_note_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        slots, events = details_set_this_turn(tracker), same_interpreter(tracker)
        for event in events:
            tracker.slots[event["name"]] = event["value"]
        relation = tracker.get_slot("cared_for") or ""
        if (
            held_before(tracker, "asking_for") == SELF
            and tracker.get_slot("asking_for") not in (None, SELF)
            and not help_is_for(full_text(tracker), relation)
        ):  # "my neighbour Pat has a key", from someone asking for themselves: not who the help is for
            events += [SlotSet("asking_for", SELF), SlotSet("cared_for", held_before(tracker, "cared_for"))]
            slots = [slot for slot in slots if slot not in ("asking_for", "cared_for")]
        alone = next(tracker.get_latest_entity_values("person_name", entity_group=ALONE), None)
        if alone and not tracker.get_slot("full_name"):  # "Tom", typed on its own
            slots, events = ["full_name", *slots], [SlotSet("full_name", alone)]
        changed = [
            slot
            for slot in slots
            if held_before(tracker, slot) not in (None, DECLINED, NOT_GIVEN, [])
            and held_before(tracker, slot) != tracker.get_slot(slot)
        ]
        say_changed(dispatcher, tracker, changed)  # "no sorry, my name is Tom Baker not Tim": said back
        if (
            "communication_needs" in slots
            and "Easy Read" in (tracker.get_slot("communication_needs") or [])
            and IN_EASY_READ.search(full_text(tracker))
        ):  # "can you say it in easy read please": their need, and this chat in Easy Read from now
            events.append(SlotSet("easy_read", True))
        said = noted([slot for slot in slots if slot not in changed], tracker)
        new = [
            slot
            for slot in slots
            if held_before(tracker, slot) != tracker.get_slot(slot) and slot not in NAMES_NEVER_NOTED_LATE
        ]
        asked_to_change = CHANGE_ASKED.search(full_text(tracker)) and "?" not in full_text(tracker)
        made = (
            requests_made(tracker)
            if new and asked_to_change and not tracker.get_slot("handover_stage")
            else None
        )
        if made:  # "change my area to stanford le hope", after sending: the change goes to Thurrock First too
            change = "; ".join(f"{noted([slot], tracker)}: {shown(tracker.get_slot(slot))}" for slot in new)
            return events + save_note(dispatcher, made, f"Changed after it was sent: {change}")
        if (
            not tracker.get_slot("handover_stage")
            and CONTACT_ME_ASKED.search(full_text(tracker))
            and not requests_made(tracker)
        ):  # "can someone write to me about care at home instead": noted, and the request starts
            if said:
                dispatcher.utter_message(response="utter_details_noted_in_passing", noted=said)
            return events + [FollowupAction("action_start_handover")]
        if tracker.get_slot("handover_stage") == "confirming" and (said or changed):
            # typed at "what would you like to change?": changed, and the request read back again
            if said:
                dispatcher.utter_message(response="utter_details_noted_in_passing", noted=said)
            return events + [SlotSet("detail_to_change", None), FollowupAction("action_confirm_handover")]
        if said and read_message(full_text(tracker)).kind == DISTRESS:
            # "its graham again... i cant do this anymore": noted, and someone to talk to, never the menu
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted=said)
            answer_distress(dispatcher)
        elif said:
            dispatcher.utter_message(response="utter_details_noted", noted=said)
        elif not changed and tells_something_late(full_text(tracker)) and requests_made(tracker):
            return events + [FollowupAction("action_add_to_request")]  # "oh forgot to say i have a cat"
        elif not changed and SOMEONE_CALLS_FOR_ME.search(full_text(tracker)):
            return events + [
                FollowupAction("action_start_handover")
            ]  # "can my nephew ring for me?": yes, and how
        elif not changed:  # never the same prompt twice in a row
            again = "utter_menu" in said_last_turn(tracker)
            dispatcher.utter_message(response="utter_menu_again" if again else "utter_menu")
        return events


# "what did i tell you", "what have you got about me", "what do you know about me"
ASKS_WHAT_THEY_SAID = re.compile(
    r"\bwhat\s+(?:did|have|had)\s+i\s+(?:tell|told|give|given|say|said)\b|"
    r"\bwhat\s+(?:do|did)\s+you\s+(?:have|know|hold|keep|got)\b[^.?!]{0,20}\babout\s+me\b|"
    r"\bwhat\s+have\s+you\s+got\s+(?:on|about)\s+me\b",
    re.I,
)


class ActionShowDetails(Action):
    """Answers "what do you know about me?"."""

    def name(self) -> Text:
        return "action_show_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        self.show(dispatcher, tracker)
        return []

    @staticmethod
    def show(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        details = known_details(tracker)
        made = requests_made(tracker) or []
        if made and what_was_sent_asked(tracker):  # "can i see what you sent": the request as it went
            tell_what_was_sent(dispatcher, made)
            return
        worries = [
            f'• "{said}"'
            for concern in tracker.get_slot("concerns") or []
            for said in concern.get("their_words") or []
            if said
        ]
        if details:
            dispatcher.utter_message(response="utter_your_details", details=details_as_lines(details))
        elif not made and not worries:
            dispatcher.utter_message(response="utter_no_details")
        if worries:  # what they told us of a worry is held too: never hidden here, shown at the read-back
            dispatcher.utter_message(response="utter_your_worries", worries="\n".join(worries))
        tell_requests(dispatcher, made)  # "so I can check the insulin bit is on it"


def what_was_sent_asked(tracker: Tracker) -> bool:
    """ "What did you send them?" with no new request being made (its read-back answers that)."""
    return tracker.get_slot("handover_stage") not in ("collecting", "confirming") and asks_what_was_sent(
        full_text(tracker)
    )


def tell_what_was_sent(dispatcher: CollectingDispatcher, made: List[Dict[Text, Any]]) -> None:
    """ "What did you send them?": each request's state, then the latest as it was stored and sent
    (read from the database, not from what the chat holds now, which may have changed since)."""
    tell_requests(dispatcher, made)
    sent = made[-1]
    details: Dict[Text, Any] = {
        slot: sent[slot] for slot in DETAIL_LABELS if slot in sent and sent[slot] not in (None, "")
    }
    if details.get("contact_preference"):  # kept joined; the read-back reads a list of wishes
        details["contact_preference"] = details["contact_preference"].split(", ")
    words = [
        f'"{said}"' for concern in sent.get("concern") or [] for said in concern.get("their_words") or []
    ]
    lines = (
        (["• Urgent"] if sent.get("urgency") == "urgent" else [])
        + ([f"• What you told me: {' / '.join(words)}"] if words else [])
        + [f"• About: {sent['topic']}"]
    )
    dispatcher.utter_message(
        response="utter_request_as_sent",
        reference=sent["reference"],
        content="\n".join(lines) + ("\n" + details_as_lines(details) if details else ""),
    )


def other_details_told(tracker: Tracker, slot: Text) -> List[Text]:
    """The details this message set besides the one asked for (told in passing, or a correction)."""
    return [other for other in details_set_this_turn(tracker) if other != slot]


class DetailAnswers:
    """Checks answers to the forms' questions; shared by the handover and change-a-detail forms.

    A resident may skip any question ("Skip this" or "no"); an answer we cannot read is asked
    again once, then we move on; a question asked instead of an answer is answered first.
    """

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """As the form does it; and an answer that made its own question unneeded ("me" where the
        other person's name was asked) is not kept as the answer to it ("Their name: me")."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        events += their_postcode_corrected(tracker, dispatcher)
        events += shared_postcode_moved(tracker, events, dispatcher)
        asked = tracker.get_slot("requested_slot")
        if asked and asked in tracker.slots_to_validate():
            required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
            entity, role = ENTITY_OF.get(asked, (None, None))
            given = entity in ("phone", "email", "postcode") and next(
                tracker.get_latest_entity_values(entity, entity_role=role), None
            )
            if asked not in required and not given:  # a number or email said is kept, needed or not
                events.append(SlotSet(asked, held_before(tracker, asked)))
        return events

    def _keep_their_need(
        self, slot: Text, text: Text, dispatcher, tracker: Tracker
    ) -> Optional[Dict[Text, Any]]:
        """What they need, told before it was asked (a long statement that answers nothing else):
        kept as their need, never lost and never asked for again; this question comes again."""
        if (
            tracker.get_slot("requested_slot") != slot
            or slot == "need"
            or tracker.get_slot("need")
            or other_details_told(tracker, slot)  # a correction
            or NOT_A_NEED.search(text)
            or (len(text.split()) < NEED_WORDS and not ASKS_FOR_HELP.match(text))
            or "?" in text
            or QUESTION_START.match(text)
        ):
            return None
        dispatcher.utter_message(response="utter_details_noted_in_passing", noted="what you need help with")
        return {slot: None, "need": full_text(tracker).strip() or text.strip()}

    def _answer(
        self,
        slot: Text,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        read,
        invalid_response: Text = "utter_invalid_answer",
    ) -> Dict[Text, Any]:
        if value in (DECLINED, NOT_GIVEN):
            return {slot: value}
        intent = tracker.latest_message.get("intent", {})
        asked_now = tracker.get_slot("requested_slot") == slot
        text = value if isinstance(value, str) else " ".join(map(str, value or []))
        if asked_now and intent.get("name") == "deny":
            # "Skip this", "no"; but "no, it's 07700 900111" or "me obviously" is an answer
            found = read(text) if slot in READ_EVEN_IF_DENIED and not text.startswith("/") else None
            return {slot: found or DECLINED}
        result = read(text)
        if result:
            return {slot: result}
        if not asked_now:
            return {slot: None}
        if asks_urgent(text) and not other_details_told(tracker, slot):
            return {slot: None}  # "can it be marked urgent?": marked (the handover form), then asked again
        if CANNOT_SAY.match(text) and not re.search(r"\d", text):
            # "dunno it": never "that doesn't look like a postcode", never asked again
            dispatcher.utter_message(response="utter_moving_on")
            return {slot: NOT_GIVEN}
        other_details = other_details_told(tracker, slot)
        failures = dict(tracker.get_slot("failed_answers") or {})
        if other_details:  # they told us something else: say it is kept, then ask this again (once)
            dispatcher.utter_message(
                response="utter_details_noted_in_passing", noted=noted(other_details, tracker)
            )
            failures[slot] = failures.get(slot, 0) + 1
            if failures[slot] >= TRIES:  # never the same question a third time
                return {slot: NOT_GIVEN, "failed_answers": failures}
            return {slot: None, "failed_answers": failures}
        their_need = self._keep_their_need(slot, text, dispatcher, tracker)
        if their_need:
            return their_need
        if question_topic(tracker):
            dispatcher.utter_message(response=f"utter_{question_topic(tracker)}")
            return {slot: None}
        failures[slot] = failures.get(slot, 0) + 1
        if failures[slot] >= TRIES:
            dispatcher.utter_message(response="utter_moving_on")
            return {slot: NOT_GIVEN, "failed_answers": failures}
        dispatcher.utter_message(response=invalid_response)
        return {slot: None, "failed_answers": failures}

    def validate_full_name(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("person_name"), None)
        return self._answer(
            "full_name",
            value,
            dispatcher,
            tracker,
            lambda text: with_surname(
                tracker, "full_name", entity or answer_detail(text, "full_name", "person_name")
            ),
            "utter_invalid_full_name",
        )

    def validate_asking_for(self, value, dispatcher, tracker, domain):
        """Who the help is for. Once known, a passing mention at another question ("my husband has
        Parkinson's", told as what Gill needs for herself) never changes it; answering the question
        again, or "change something", does."""
        before = held_before(tracker, "asking_for")
        if (
            before
            and tracker.get_slot("requested_slot") not in WHO_QUESTIONS
            and not _changing(tracker, "asking_for")
        ):
            return {"asking_for": before}
        caller = str(tracker.get_slot("full_name") or "")
        name = answer_detail(str(value or ""), "full_name", "person_name")
        if (
            tracker.get_slot("requested_slot") == "asking_for"
            and not asking_for_from_answer(str(value or ""))
            and name
            and caller not in ("", DECLINED, NOT_GIVEN)
            and same_first_name(name, caller)
        ):  # "danny okafor" after "danny": their own full name; who the help is for is asked again
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted="your name")
            return {"asking_for": None, "full_name": name if len(name) > len(caller) else caller}
        return self._answer("asking_for", value, dispatcher, tracker, asking_for_from_answer)

    def validate_cared_for(self, value, dispatcher, tracker, domain):
        """What the person is to the caller ("mum"); "my mum, Joan" also gives her name. Another
        relative said in passing ("my brother is crying" from a girl who looks after her mum) is not
        who the help is for, unless said to be ("it's actually for my brother")."""
        if for_themselves(tracker, "cared_for"):
            return {"cared_for": held_before(tracker, "cared_for")}
        if tracker.get_slot("requested_slot") != "cared_for":
            before = held_before(tracker, "cared_for")
            if before and value and value != before and not _changing(tracker, "cared_for"):
                return {"cared_for": value if help_is_for(full_text(tracker), str(value)) else before}
            return {"cared_for": value}
        result = self._answer(
            "cared_for",
            value,
            dispatcher,
            tracker,
            lambda text: answer_detail(text, "cared_for", "cared_for") or text.strip()[:60] or None,
        )
        name = answer_detail(str(value), "cared_for", "person_name", CARED_FOR)
        return (
            {**result, "cared_for_name": name} if name and not tracker.get_slot("cared_for_name") else result
        )

    def validate_cared_for_name(self, value, dispatcher, tracker, domain):
        """Their name; "my mum, Joan" also says who she is to the caller, and "for my mum" alone
        (who, not their name) is taken as that and their name asked for again, not as a failure."""
        if for_themselves(tracker, "cared_for_name"):
            return {"cared_for_name": held_before(tracker, "cared_for_name")}
        entity = next(tracker.get_latest_entity_values("person_name", entity_role=CARED_FOR), None)
        relation = answer_detail(str(value), "cared_for", "cared_for")
        name = entity or answer_detail(str(value), "cared_for", "person_name", CARED_FOR)
        new_relation = (
            {"cared_for": relation} if relation and relation != tracker.get_slot("cared_for") else {}
        )
        asked_now = tracker.get_slot("requested_slot") == "cared_for_name"
        if relation and not name and asked_now:
            dispatcher.utter_message(response="utter_cared_for_name_still_needed", relation=relation)
            return {"cared_for_name": None, **new_relation}
        if asked_now and not name and asking_for_from_answer(str(value)) == SELF:
            # "me", "it's for me": the help is for the caller after all; no other person's name
            dispatcher.utter_message(
                response="utter_details_noted_in_passing", noted="that the help is for you"
            )
            return {"cared_for_name": None, "asking_for": SELF}
        caller = tracker.get_slot("full_name") or ""
        if asked_now and name and caller not in (DECLINED, NOT_GIVEN) and same_first_name(name, caller):
            # "Claire Dunn" from Claire: her own full name, not the person the help is for
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted="your name")
            return {"cared_for_name": None, "full_name": name if len(name) > len(caller) else caller}
        result = self._answer(
            "cared_for_name",
            value,
            dispatcher,
            tracker,
            lambda _: with_surname(tracker, "cared_for_name", name),  # read above
            "utter_invalid_cared_for_name",
        )
        return {**result, "cared_for": relation} if relation and not tracker.get_slot("cared_for") else result

    def validate_organisation(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("organisation"), None)
        return self._answer(
            "organisation",
            value,
            dispatcher,
            tracker,
            lambda text: (
                entity
                or answer_detail(text, "organisation", "organisation")
                or (
                    without_told_already(text.strip())[:120]
                    if len(text.strip()) >= 2 and not ONLY_A_ROLE.match(text)
                    else None
                )
            ),
        )

    def validate_phone(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("phone"), None)
        return self._answer(
            "phone",
            value,
            dispatcher,
            tracker,
            lambda text: entity or answer_detail(text, "phone", "phone"),
            "utter_invalid_phone",
        )

    def validate_email(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("email"), None)
        if (
            not entity
            and tracker.get_slot("requested_slot") == "email"
            and NO_EMAIL.search(full_text(tracker))
        ):
            return {"email": DECLINED}  # "I haven't got email, dear": a skip, never "not an email address"
        return self._answer(
            "email",
            value,
            dispatcher,
            tracker,
            lambda text: entity or tidy_email(text) or answer_detail(text, "email", "email"),
            "utter_invalid_email",
        )

    def _validate_postcode(
        self, slot: Text, role: Optional[Text], value, dispatcher, tracker
    ) -> Dict[Text, Any]:
        """A postcode; a town instead ("it's in Purfleet") is kept as the area, and not asked again."""
        entity = next(tracker.get_latest_entity_values("postcode", entity_role=role), None)
        asked_now = tracker.get_slot("requested_slot") == slot
        area = answer_detail(str(value or ""), "postcode", "area", role) if asked_now else None
        if area is None and asked_now:
            area = answer_detail(str(value or ""), "postcode", "area", None if role else CARED_FOR)
        if area and not entity and not POSTCODE.search(str(value or "")):  # "RM17 5AA grays": both kept
            return {slot: NOT_GIVEN, "cared_for_area" if role else "area": area}
        result = self._answer(
            slot,
            value,
            dispatcher,
            tracker,
            lambda text: (
                entity
                or tidy_postcode(text)
                or answer_detail(text, slot, "postcode", role)
                or answer_detail(text, slot, "postcode", None if role else CARED_FOR)
            ),
            "utter_invalid_postcode",
        )
        postcode = result.get(slot)
        if (
            postcode not in (None, DECLINED, NOT_GIVEN)
            and postcode_district(postcode) not in thurrock_districts()
        ):
            dispatcher.utter_message(response="utter_postcode_outside_thurrock")
        return result

    def validate_postcode(self, value, dispatcher, tracker, domain):
        if tracker.get_slot("requested_slot") == "cared_for_postcode":
            # the answer to "what's their postcode?" is theirs: the caller's stays as it was
            return {"postcode": held_before(tracker, "postcode")}
        if corrects_their_postcode(tracker, value):  # said as theirs: get_validation_events moves it
            return {"postcode": held_before(tracker, "postcode")}
        return self._validate_postcode("postcode", None, value, dispatcher, tracker)

    def validate_cared_for_postcode(self, value, dispatcher, tracker, domain):
        asked_now = tracker.get_slot("requested_slot") == "cared_for_postcode"
        said = full_text(tracker)
        together = asked_now and (LIVING_TOGETHER.search(said) or SAME_POSTCODE.search(said))
        caller = tracker.get_slot("postcode")
        if together and not any(found.kind == "postcode" for found in find_details(full_text(tracker))):
            # "we all live together": one postcode for both, the caller's if we have it
            same = (
                "that you live together" if LIVING_TOGETHER.search(said) else "that their postcode is yours"
            )
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted=same)
            return {"cared_for_postcode": caller if caller not in (None, DECLINED, NOT_GIVEN) else None}
        result = self._validate_postcode("cared_for_postcode", CARED_FOR, value, dispatcher, tracker)
        if together and result.get("cared_for_postcode") not in (None, DECLINED, NOT_GIVEN) and not caller:
            result["postcode"] = result["cared_for_postcode"]  # theirs is the caller's too
            return result
        if tracker.get_slot("requested_slot") == "cared_for_postcode" and tracker.get_slot(
            "postcode"
        ) != held_before(tracker, "postcode"):
            result["postcode"] = held_before(
                tracker, "postcode"
            )  # their postcode never overwrites the caller's
        return result

    def validate_contact_time(self, value, dispatcher, tracker, domain):
        """A time in their words. A long message with no time in it is what they need, told early:
        kept as that (never lost, never asked for again), and the time asked for again."""
        text = str(value or "")
        tidy = answer_detail(text, "contact_time", "contact_time")
        their_need = (
            None
            if tidy or TIME_WORDS.search(text)
            else self._keep_their_need("contact_time", text, dispatcher, tracker)
        )
        if their_need:
            return their_need

        def read(answer: Text) -> Optional[Text]:
            """Tidied ("after 2pm"), but in their words: "whenever" stays "whenever"."""
            if not tidy and [other for other in details_set_this_turn(tracker) if other != "contact_time"]:
                return None  # a phone number or a postcode, not a time
            intent = tracker.latest_message.get("intent", {}).get("name")
            timely = tidy or TIME_WORDS.search(answer)
            if not timely and (
                intent in ("deny", "affirm") or len(answer.split()) < 3 or not SAYS_WHEN.search(answer)
            ):
                return None  # "no", "yes", "i like football": not a time ("Best time: yes" was kept)
            kept = tidy and all(word in answer.lower() for word in tidy.split())
            return (tidy if kept else answer.strip()[:120]) or None

        return self._answer("contact_time", value, dispatcher, tracker, read)

    def validate_date_of_birth(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("date_of_birth"), None)
        return self._answer("date_of_birth", value, dispatcher, tracker, lambda text: entity)

    def validate_nhs_number(self, value, dispatcher, tracker, domain):
        entity = next(tracker.get_latest_entity_values("nhs_number"), None)
        return self._answer("nhs_number", value, dispatcher, tracker, lambda text: entity)

    def validate_contact_preference(self, value, dispatcher, tracker, domain):
        """How to be contacted, asked when they change it: the wishes read from what they typed."""
        if tracker.get_slot("requested_slot") != "contact_preference":
            return {"contact_preference": value}
        wishes = list(tracker.get_latest_entity_values("contact_preference"))
        return self._answer("contact_preference", value, dispatcher, tracker, lambda text: wishes or None)

    def validate_communication_needs(self, value, dispatcher, tracker, domain):
        if tracker.get_slot("requested_slot") == "communication_needs":
            found = find_details(full_text(tracker), asked="communication_needs")
            theirs = [f.value for f in found if f.kind == "communication_need" and f.role == CARED_FOR]
            if theirs and not [f for f in found if f.kind == "communication_need" and f.role is None]:
                # "he needs Easy Read": the other person's need, not the caller's
                earlier = list(tracker.get_slot("cared_for_needs") or [])
                return {
                    "communication_needs": ["none"] if NONE_FOR_ME.search(full_text(tracker)) else NOT_GIVEN,
                    "cared_for_needs": list(dict.fromkeys(earlier + theirs)),
                }

        said = value if isinstance(value, str) else " ".join(v for v in value or [] if isinstance(v, str))
        if (
            said
            and not communication_needs_from_answer(said)
            and tracker.get_slot("requested_slot") == "communication_needs"
            and {"contact_preference", "contact_time"} & set(details_set_this_turn(tracker))
        ):  # "text messages only please, no phone calls", "weekdays": how or when to contact them
            told = [
                slot
                for slot in ("contact_preference", "contact_time")
                if slot in details_set_this_turn(tracker)
            ]
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted=noted(told, tracker))
            return {"communication_needs": NOT_GIVEN}
        when = (
            [f.value for f in find_details(said, asked="contact_time") if f.kind == "contact_time"]
            if said
            else []
        )
        if (
            when
            and (
                len(said.split()) <= SHORT_ANSWER_WORDS
                or (len(said.split()) <= 8 and ONLY_A_TIME_SAID.match(said))
                # "mornings when hes at college, before 12": a time, with why, and nothing about needs
                or (len(said.split()) <= 12 and not COMMUNICATION_WORDS.search(said))
            )
            and not communication_needs_from_answer(said)
            and tracker.get_slot("requested_slot") == "communication_needs"
        ):  # "weekdays" (the time asked before, said late): a time, never a communication need
            dispatcher.utter_message(
                response="utter_details_noted_in_passing", noted="the best time to contact you"
            )
            return {"contact_time": when[0], "communication_needs": None}
        if said and not communication_needs_from_answer(said):
            their_need = self._keep_their_need("communication_needs", said, dispatcher, tracker)
            if their_need:  # "not for me but mrs ellis has dementia…": none for them, never asked again
                return {**their_need, "communication_needs": ["none"] if NONE_FOR_ME.search(said) else None}
            need = tracker.get_slot("need")
            if (
                tracker.get_slot("requested_slot") == "communication_needs"
                and need
                and len(said.split()) >= NEED_WORDS
                and not COMMUNICATION_WORDS.search(said)
                and not [other for other in details_set_this_turn(tracker) if other != "communication_needs"]
            ):  # more about what they need: added to it, never lost, never taken as a communication need
                dispatcher.utter_message(
                    response="utter_details_noted_in_passing", noted="what you need help with"
                )
                none = ["none"] if NONE_FOR_ME.search(said) else None
                return {"communication_needs": none, "need": f"{need} {said.strip()}"}

        if said and SHORT_YES.match(said) and re.search(r"\bsend\b", said, re.I):
            return {"communication_needs": NOT_GIVEN}  # "yes send it": meant for the read-back, not a need

        found_here = set(tracker.get_latest_entity_values("communication_need"))

        def read(text: Text) -> Optional[List[Text]]:
            if text in found_here:  # "i dont like the phone": "no phone calls", as read from the message
                return [text]
            named = communication_needs_from_answer(text)
            if not named and NO_NEEDS.search(text):
                return ["none"]  # "I said no, none already"
            if not named and ASKS_NOT_TELLS.search(text):
                return None  # "actually wait, can you take dad's address off?": a question, never a need
            if not named and [
                other for other in details_set_this_turn(tracker) if other != "communication_needs"
            ]:
                # "my number is now …": a detail, not a communication need; "… and no, none" says none
                return ["none"] if re.search(r"\b(and|but)\s+(no\W+)?none\b", text, re.I) else None
            return named or ([text.strip()[:200]] if text.strip() else None)

        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) for v in value)
            and tracker.latest_message.get("intent", {}).get("name") != "deny"
        ):
            needs = [need for item in value for need in (read(item) or [])]
            others = [other for other in details_set_this_turn(tracker) if other != "communication_needs"]
            if not needs and others:  # "aftanoons", late: the time is kept, said, then this again
                dispatcher.utter_message(
                    response="utter_details_noted_in_passing", noted=noted(others, tracker)
                )
            return {"communication_needs": list(dict.fromkeys(needs)) or None}
        result = self._answer("communication_needs", value, dispatcher, tracker, read)
        if result["communication_needs"] == DECLINED:
            result["communication_needs"] = ["none"]
        return result

    def validate_cared_for_needs(self, value, dispatcher, tracker, domain):
        """Their communication needs, asked when changing them: everything said is theirs, so the
        caller's own needs, contact wishes and this chat's Easy Read stay as they were."""
        if tracker.get_slot("requested_slot") != "cared_for_needs":
            return {"cared_for_needs": value}
        said = full_text(tracker)
        needs = communication_needs_from_answer(said)
        needs += [
            THEIR_CONTACT_WISH[wish]
            for wish in tracker.get_slot("contact_preference") or []
            if wish in THEIR_CONTACT_WISH and "contact_preference" in details_set_this_turn(tracker)
        ]
        if not needs and (
            tracker.latest_message.get("intent", {}).get("name") == "deny" or NO_NEEDS.search(said)
        ):
            needs = ["none"]
        kept = {
            slot: held_before(tracker, slot)
            for slot in ("communication_needs", "contact_preference", "easy_read")
            if tracker.get_slot(slot) != held_before(tracker, slot)
        }
        return {**kept, "cared_for_needs": list(dict.fromkeys(needs)) or [said.strip()[:200]]}

    def validate_need(self, value, dispatcher, tracker, domain):
        asked_now = tracker.get_slot("requested_slot") == "need"
        text = full_text(tracker) if asked_now else value
        if asked_now and says_only_send(text or ""):
            return {"need": NOT_GIVEN}  # "send it": what they told us before goes with the summary
        if asked_now and ASKS_WHAT_THEY_SAID.search(text or ""):
            # "what did i tell you": shown what they told us, never taken as what they need
            ActionShowDetails().show(dispatcher, tracker)
            return {"need": None}

        told_again = TOLD_ALREADY_ONLY.match(text or "") or (
            TOLD_CROSSLY.search(text or "")
            and (len((text or "").split()) < NEED_WORDS * 3 or "?" in (text or ""))
        )  # "i TOLD you already!! why do you keep asking me the same things": never kept as their need
        if asked_now and told_again:
            earlier = need_told_before(tracker)
            if earlier:  # "I told you already": what they said before, in their words
                topic = question_topic(tracker) if "?" in (text or "") else None
                if topic:  # "i told you in my first message. does she need to consent?": answered too
                    dispatcher.utter_message(response=f"utter_{topic}")
                dispatcher.utter_message(
                    response="utter_details_noted_in_passing", noted="what you need help with"
                )
                new = need_in_their_words(without_told_already(text or ""))
                if (
                    new != text
                    and len(new.split()) >= 3
                    and new.lower() not in earlier.lower()
                    and "?" not in new
                ):
                    earlier = f"{earlier.rstrip(' .')}. {new}"  # "i told you, stairs and bathing. and he might need dp"
                return {"need": earlier}

        def read(_: Text) -> Optional[Text]:
            if asked_now and TOLD_ALREADY_ONLY.match(text or ""):
                return None  # nothing told before to keep: asked again, never "I told you already"
            if asked_now and only_details(text or ""):
                return None  # "BSL interpreter", "my number is …": noted, and the question comes again
            if asked_now and SHORT_YES.match(text or ""):
                return None  # "yes", "ok send it": an answer to another question, not their need
            return need_in_their_words((text or "").strip()) or None

        return self._answer("need", value, dispatcher, tracker, read)


def need_told_before(tracker: Tracker) -> Optional[Text]:
    """What they said they need, in an earlier request of this conversation, or a concern's words."""
    started = max(
        (i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=len(tracker.events)
    )
    for event in reversed(tracker.events[:started]):
        value = event.get("value")
        if (
            event.get("event") == "slot"
            and event.get("name") == "need"
            and isinstance(value, str)
            and value not in (DECLINED, NOT_GIVEN)
            and not TOLD_ALREADY_ONLY.match(value)
        ):
            return value
    concerns = tracker.get_slot("concerns") or []
    words = [said for concern in concerns for said in concern.get("their_words") or [] if said]
    if words:
        return words[0]
    # "as per details I gave above": the longest message they wrote before, their story in their words
    told = [
        (e.get("metadata") or {}).get("full_text") or e.get("text") or ""
        for e in tracker.events[:started]
        if e.get("event") == "user"
    ]
    told = [text for text in told if not text.startswith("/") and len(text.split()) >= STORY_WORDS]
    return need_in_their_words(max(told, key=len)) if told else None


STORY_WORDS = 12  # a message this long, told before the request, is their story


def change_buttons(tracker: Tracker) -> List[Dict[Text, Text]]:
    """A button for each detail held (and the usual four), so changing one is one press."""
    held = known_details(tracker)
    usual = {"full_name", "phone", "email", "postcode"}
    if tracker.get_slot("asking_for") in (FAMILY, FRIEND, PROFESSIONAL):
        usual.add("cared_for_needs")  # "he needs Easy Read": said for the first time at the read-back
    return [
        {"title": label.capitalize(), "payload": f'/update_detail{{"detail":"{slot}"}}'}
        for slot, label in DETAIL_LABELS.items()
        if slot in held or slot in usual
    ]


ADDRESS_SAID = re.compile(r"\b(?:address|adress|addres|adres|addresss)\b", re.I)


def removal(target: Text, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """ "Take my (dad's) address off": the detail taken off, said so; the street address goes with
    the postcode when the address was named."""
    address = target in ("postcode", "cared_for_postcode") and ADDRESS_SAID.search(full_text(tracker))
    removed = noted([target], tracker)
    dispatcher.utter_message(
        response="utter_detail_removed",
        detail=removed.replace("postcode", "address and postcode") if address else removed,
    )
    events: List[EventType] = [SlotSet(target, ["none"] if target in NEEDS_SLOTS else DECLINED)]
    if address:
        street = "address: " if target == "postcode" else "their address: "
        kept = [w for w in contact_wishes(tracker) if not str(w).startswith(street)]
        events += [SlotSet("contact_preference", []), SlotSet("contact_preference", kept or None)]
    return events


class ActionUpdateDetail(Action):
    """ "My number has changed": takes the new value if given, else asks for it (once)."""

    def name(self) -> Text:
        return "action_update_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        target = tracker.get_slot("detail_to_change")
        if target == "handover_topic":  # what a request is about: chosen from topics, not typed
            return [SlotSet("detail_to_change", None), FollowupAction("action_choose_topic")]
        named = None if target else detail_named(full_text(tracker))  # "my communication needs: none"
        if named:
            target = named
        if target in DETAIL_LABELS and forgotten_detail(full_text(tracker)) == target:
            events = removal(target, dispatcher, tracker) + [SlotSet("detail_to_change", None)]
            if tracker.get_slot("handover_stage") == "confirming":
                return events + [FollowupAction("action_confirm_handover")]
            return events
        if kept_as_whose(dispatcher, tracker):  # "the email is mine not chloe's"
            if tracker.get_slot("handover_stage") == "confirming":
                return [FollowupAction("action_confirm_handover")]
            return []
        if target in DETAIL_LABELS and target in details_set_this_turn(tracker):
            return [SlotSet("detail_to_change", target), FollowupAction("action_detail_updated")]
        if target not in DETAIL_LABELS:  # "Change something", with no detail named yet: which one?
            dispatcher.utter_message(response="utter_ask_what_to_change", buttons=change_buttons(tracker))
            return [SlotSet("detail_to_change", None)]
        events: List[EventType] = [SlotSet("failed_answers", {})]
        if named:
            events.append(SlotSet("detail_to_change", named))
        return events + [SlotSet(target, None), FollowupAction("detail_form")]


CORRECTED_FROM = re.compile(r"\bnot\s+([A-Z]{1,2}[0-9][A-Z0-9]?(?:\s*[0-9][A-Z]{2})?)\b", re.I)
# "SS17 9BJ not BL": the end of the postcode said wrong
CORRECTED_END = re.compile(r"\bnot\s+([0-9]?[A-Z]{2})\b", re.I)
CORRECTING = re.compile(r"\b(?:sorry|actually|i\s+meant|wrong|typo|mistake|correct(?:ion)?)\b", re.I)


def corrects_their_postcode(tracker: Tracker, value: Any) -> Optional[Text]:
    """A new postcode said as a correction of the other person's ("RM17 4XY, not RM16", "SS17 9BJ not
    BL", "sorry the postcode is SS17 9BJ" when only theirs is held), if it is one."""
    new = tidy_postcode(str(value or ""))
    said = full_text(tracker)
    old = CORRECTED_FROM.search(said)
    theirs = str(held_before(tracker, "cared_for_postcode") or "").replace(" ", "").upper()
    mine = str(held_before(tracker, "postcode") or "").replace(" ", "").upper()
    if not (new and theirs) or new.replace(" ", "") == theirs:
        return None
    if old:
        wrong = old.group(1).replace(" ", "").upper()
        return new if theirs.startswith(wrong) and not mine.startswith(wrong) else None
    end = CORRECTED_END.search(said)
    if end:
        wrong = end.group(1).upper()
        return new if theirs.endswith(wrong) and not mine.endswith(wrong) else None
    same_district = new.split()[0] == tidy_postcode(theirs).split()[0]
    return new if same_district and not mine and CORRECTING.search(said) else None


NEEDS_SLOTS = ("communication_needs", "cared_for_needs")


def their_postcode_corrected(tracker: Tracker, dispatcher: CollectingDispatcher) -> List[EventType]:
    """ "Sorry it's RM17 not RM16" at any question: the other person's postcode is corrected, even
    when the caller's own was never asked for (so never validated)."""
    new = tracker.slots_to_validate().get("postcode")
    corrected = corrects_their_postcode(tracker, new) if new else None
    if not corrected:
        return []
    dispatcher.utter_message(response="utter_detail_updated", detail="their postcode", value=corrected)
    return [SlotSet("postcode", held_before(tracker, "postcode")), SlotSet("cared_for_postcode", corrected)]


def shared_postcode_moved(
    tracker: Tracker, events: List[EventType], dispatcher: CollectingDispatcher
) -> List[EventType]:
    """ "We both live there", then "sorry the postcode is wrong, it's RM16 6AB": the caller's
    postcode corrected is theirs too, when it was the one they shared."""
    old = held_before(tracker, "postcode")
    new = next((e.get("value") for e in reversed(events) if e.get("name") == "postcode"), None)
    if (
        old in (None, DECLINED, NOT_GIVEN)
        or not isinstance(new, str)
        or not tidy_postcode(new)
        or new == old
        or tracker.get_slot("cared_for_postcode") != old
    ):
        return []
    dispatcher.utter_message(response="utter_detail_updated", detail="their postcode", value=new)
    return [SlotSet("cared_for_postcode", new)]


def said_last_turn(tracker: Tracker) -> List[Text]:
    """The responses the assistant gave to the message before the latest one."""
    users, said = 0, []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                break
        elif users == 1 and event.get("event") == "bot":
            said.append((event.get("metadata") or {}).get("utter_action"))
    return said


def said_this_turn(tracker: Tracker, response: Text) -> bool:
    """Whether the assistant has given this response since the latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            return True
    return False


# What a phone number or an email address looks like once taken (a typed answer refused is not one)
HELD_AS = {"phone": re.compile(r"^\+?[\d\s()-]{7,}$"), "email": re.compile(r"^\S+@\S+$")}


def value_before_change(tracker: Tracker, slot: Text) -> Any:
    """What a detail held before "change it" emptied it: its value when the resident asked for the
    change (the message before the change form started), so what they typed while changing it, even
    text refused as not an email, is never taken for it; a button's payload is never a value."""
    events = tracker.events
    started = max(
        (
            i
            for i, e in enumerate(events)
            if e.get("event") == "active_loop" and e.get("name") == "detail_form"
        ),
        default=len(events),
    )
    asked = max((i for i, e in enumerate(events[:started]) if e.get("event") == "user"), default=0)
    value = None
    for event in events[:asked]:  # its last real value then (emptied to be changed, it is not None)
        held = event.get("value")
        if event.get("event") != "slot" or event.get("name") != slot:
            continue
        if held in (DECLINED, NOT_GIVEN):
            value = None  # taken off ("forget my email"): nothing to keep
        elif slot in HELD_AS and not HELD_AS[slot].match(str(held)):
            continue  # "ring dawn not me. her number is ...", typed and refused: never "still" their number
        elif held not in (None, [], "") and not (isinstance(held, str) and held.startswith("/")):
            value = held
    return value


class ValidateDetailForm(DetailAnswers, FormValidationAction):
    """Asks which detail to change (if we don't know), then its new value; "Skip this" while
    changing keeps the old value (a skip never wipes what the resident told us)."""

    def name(self) -> Text:
        return "validate_detail_form"

    def _answer(self, slot, value, dispatcher, tracker, read, invalid_response="utter_invalid_answer"):
        result = super()._answer(slot, value, dispatcher, tracker, read, invalid_response)
        if slot in NEEDS_SLOTS and result.get(slot) in (DECLINED, NOT_GIVEN):
            return {slot: ["none"]}  # "No, none" while changing them: none now, not "kept as before"
        before = value_before_change(tracker, slot)
        if result.get(slot) in (DECLINED, NOT_GIVEN) and before is not None:
            dispatcher.utter_message(
                response="utter_detail_kept", detail=noted([slot], tracker), value=shown(before)
            )
            return {slot: before}
        return result

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        target = tracker.get_slot("detail_to_change")
        return ["detail_to_change"] + ([target] if target in DETAIL_LABELS else [])

    def validate_detail_to_change(self, value, dispatcher, tracker, domain):
        if value in DETAIL_LABELS:
            return {"detail_to_change": value}
        slot = detail_named(str(value))
        if slot:
            return {"detail_to_change": slot, slot: None}
        dispatcher.utter_message(response="utter_invalid_answer")
        return {"detail_to_change": None}


def detail_named(text: Text) -> Optional[Text]:
    """Which detail a message is about ("the postcode is wrong", "communication needs should say
    none"): the longest label it names, else a word for one ("number", "address")."""
    lowered = text.lower()
    labels = sorted(DETAIL_LABELS.items(), key=lambda item: len(item[1]), reverse=True)
    for slot, label in labels:
        if label in lowered:
            return slot
    if NEED_NAMED.search(text):  # "change what i need", "the need is wrong"
        return "need"
    for slot, pattern in DETAIL_WORDS:
        if pattern.search(text):
            return slot
    return None


NEED_NAMED = re.compile(
    r"\b(?:what\s+(?:i|we|you|he|she|they|mum|dad)\s+(?:need|needs)|the\s+need|my\s+need|(?:his|her|their)\s+needs?)\b(?!\s+(?:is|are)\s+(?:a\s+)?(?:bsl|interpreter|large))",
    re.IGNORECASE,
)


class ActionDetailUpdated(Action):
    """Confirms a change; during a handover, reads back what will be sent again."""

    def name(self) -> Text:
        return "action_detail_updated"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        target = tracker.get_slot("detail_to_change")
        value = tracker.get_slot(target) if target in DETAIL_LABELS else None
        unchanged = value is not None and shown(value) == shown(value_before_change(tracker, target))
        if unchanged and not said_this_turn(tracker, "utter_detail_kept"):
            dispatcher.utter_message(
                response="utter_detail_kept", detail=noted([target], tracker), value=shown(value)
            )
        elif value is not None and not unchanged:
            dispatcher.utter_message(
                response="utter_detail_updated", detail=noted([target], tracker), value=shown(value)
            )
        events: List[EventType] = [SlotSet("detail_to_change", None)]
        if target == "contact_preference" and isinstance(value, list):  # changed: the new wishes only
            events = [SlotSet("contact_preference", []), SlotSet("contact_preference", value)] + events
        if tracker.get_slot("handover_stage") == "confirming":
            return events + [FollowupAction("action_confirm_handover")]
        return events


class ActionForgetMe(Action):
    """Deletes what a resident told us: details, unsent handovers, feedback's words, the conversation.

    The tracker store deletes the conversation's events when it saves this turn (it sees the
    marker of bot/forget.py on the reply), whatever the channel.
    """

    def name(self) -> Text:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        try:
            already_sent = forget_conversation(shared_database(), tracker.sender_id)
            forget_feedback(shared_database(), tracker.sender_id)
        except SQLAlchemyError as error:  # the database is away: say so, never claim it is done
            logger.error("Could not forget a conversation: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_forget_failed")
            return []
        dispatcher.utter_message(response="utter_forgotten", json_message=forget_message())
        if already_sent["sent"]:
            dispatcher.utter_message(response="utter_forgotten_but_sent")
        elif already_sent["saved"]:  # saved for staff, never "sent": they were told it was not
            dispatcher.utter_message(response="utter_forgotten_but_saved")
        return [AllSlotsReset()]
