"""The handover to Thurrock First: ask only what is missing, read it back, then send it.

Thurrock First gets who, for whom, how to contact them, communication needs first, topic,
urgency and a summary of the conversation, so nobody has to tell their story twice.
"""

import json
import logging
import re
from datetime import datetime
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.details import (
    change_buttons,
    detail_named,
    DECLINED,
    DETAIL_LABELS,
    held_before,
    removal,
    NOT_GIVEN,
    TRIES,
    DetailAnswers,
    contact_slots,
    details_as_lines,
    details_set_this_turn,
    how_we_contact,
    asks_for_contact,
    contact_wishes,
    full_text,
    known_details,
    question_topic,
    noted,
    same_interpreter,
    shown,
)
from actions.opening_hours import opening_line
from actions.request_state import requests_made, resident_state
from actions.topics import TOPIC_TITLES
from bot.content import channel_messages
from bot.details import forgotten_detail
from bot.readback import FOR_ME, REMOVE, TOPIC, Edit, readback_edit, topics_named, with_addition, without_part
from bot.sending import (
    SOMEONE_CALLS_FOR_ME,
    INCLUDED_WORDS,
    NEVER_AGREED,
    asks_if_included,
    asks_urgent,
    says_not_urgent,
    says_send_now,
    sharing_limit,
)
from bot.details import FAMILY, FRIEND, LIVING_TOGETHER, NAME_WITHHELD, PROFESSIONAL, SELF
from bot.safety.concern import KIND_TITLES, active_concerns
from bot.settings import settings
from bot.store.database import shared_database
from bot.store.handovers import take_handover_allowance
from bot.store.spool import store_or_spool

logger = logging.getLogger(__name__)
URGENT_INTENTS = {"safeguarding_concern", "urgent_self_harm"}
NOT_A_TOPIC = {"talk_to_person"}
SUMMARY_TURNS = 10
SUMMARY_TEXT_CHARS = 300


def user_turns(tracker: Tracker) -> List[Dict[Text, Any]]:
    return [event for event in tracker.events if event.get("event") == "user"]


# A topic named in the request itself ("ring me about the grab rails") shows in NLU's ranking.
NAMED_TOPIC_CONFIDENCE = 0.1
RECENT_TURNS = 4  # topics asked about this many messages before the request count as its topic
NOT_A_NAMED_TOPIC = NOT_A_TOPIC | {"contact_thurrock_first", "out_of_hours"}
# How to reach Thurrock First: what a request is about only when nothing else was asked
WAYS_TO_CONTACT = {"access_routes", "contact_thurrock_first"}


def topic_named_in(event: Dict[Text, Any]) -> Optional[Text]:
    """The topic a message names beside asking for contact: what NLU read in the words that are
    not the asking (the `topic` entity, bot/server/nlu/topic_part.py), else its ranking of intents."""
    for entity in (event.get("parse_data") or {}).get("entities") or []:
        named = entity.get("value") if entity.get("entity") == "topic" else None
        if named in TOPIC_TITLES and named not in NOT_A_NAMED_TOPIC:
            return named
    for ranked in (event.get("parse_data") or {}).get("intent_ranking") or []:
        name = ranked.get("name")
        if name in TOPIC_TITLES and name not in NOT_A_NAMED_TOPIC:
            return name if ranked.get("confidence", 0) >= NAMED_TOPIC_CONFIDENCE else None
    return None


REQUEST_SENT = ("utter_handover_sent", "utter_handover_saved")


def handover_topic(tracker: Tracker) -> Text:
    """What the request is about: the topic the request names, else the last topics the assistant
    answered since any earlier request (both, if two in the last few messages), else a general
    enquiry. Answers to the form's questions ("large print") are never read as topics."""
    turns = user_turns(tracker)
    if turns:
        named = topic_named_in(turns[-1])
        if named:
            return TOPIC_TITLES[named]
    recent: List[Text] = []
    side: List[Text] = []  # "how can a Deaf person contact you": the request's topic only if nothing else was
    messages_ago = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            messages_ago += 1
            continue
        action = (
            (event.get("metadata") or {}).get("utter_action") or "" if event.get("event") == "bot" else ""
        )
        if action in REQUEST_SENT:
            break  # what came before belongs to the request already sent
        intent = action.replace("utter_", "", 1)
        if intent in WAYS_TO_CONTACT:
            side.append(TOPIC_TITLES[intent])
        elif intent in TOPIC_TITLES and intent not in NOT_A_TOPIC and TOPIC_TITLES[intent] not in recent:
            if recent and messages_ago > RECENT_TURNS:
                break
            recent.append(TOPIC_TITLES[intent])
            if len(recent) == 2:
                break
    return " and ".join(recent or side[:1]) or "a general enquiry"


# How many of the latest messages an asked-for urgency ("can it be marked urgent?") counts for
URGENCY_ASKED_MESSAGES = 12


def asked_to_be_urgent(tracker: Tracker) -> bool:
    """ "Can it be marked urgent? she's out on Friday", said in the last few messages."""
    said = [
        (turn.get("metadata") or {}).get("full_text") or turn.get("text") or ""
        for turn in user_turns(tracker)
    ]
    return any(asks_urgent(text) for text in said[-URGENCY_ASKED_MESSAGES:])


def handover_urgency(tracker: Tracker) -> Text:
    """Urgent when a risk or safeguarding concern was raised (actions/safety.py keeps each one), or
    when the person asked for it to be urgent."""
    if active_concerns(tracker.get_slot("concerns")) or asked_to_be_urgent(tracker):
        return "urgent"
    return "routine"


def request_topic(tracker: Tracker, concerns: Optional[List[Dict[Text, Any]]] = None) -> Text:
    """The latest concern first, then what they asked about, if anything: "Risk of suicide or
    self-harm, and Direct payments" (the request a person came for is never hidden by the concern).
    A concern the person said was wrong is not its topic."""
    held = active_concerns(tracker.get_slot("concerns") if concerns is None else concerns)
    concern = KIND_TITLES[held[-1]["kind"]].capitalize() if held else None
    asked = handover_topic(tracker)
    if concern and asked != "a general enquiry" and asked.lower() not in concern.lower():
        return f"{concern}, and {asked}"
    return concern or asked


def with_concern(tracker: Tracker, topic: Text) -> Text:
    """A topic chosen at the read-back, after the concern it serves: choosing "Needs assessment"
    never takes "Risk of suicide or self-harm" off what Thurrock First reads first."""
    held = active_concerns(tracker.get_slot("concerns"))
    if not held:
        return topic
    concern = KIND_TITLES[held[-1]["kind"]].capitalize()
    return concern if topic == "a general enquiry" else f"{concern}, and {topic}"


def concern_lines(tracker: Tracker) -> Text:
    """The concerns for the read-back, in the person's own words."""
    lines = []
    for concern in tracker.get_slot("concerns") or []:
        if not concern["their_words"]:  # raised with a button: nothing said yet
            continue
        words = " / ".join(f'"{said}"' for said in concern["their_words"])
        lines.append(f"• What you told me: {words}")
    return "\n".join(lines)


def without_the_harmer(tracker: Tracker, cared_for: Optional[Text]) -> Optional[Text]:
    """Someone who may be causing harm is never recorded as the person cared for."""
    harmers = {
        (c.get("who_may_be_causing_harm") or "").split()[-1:][0]
        for c in tracker.get_slot("concerns") or []
        if c.get("who_may_be_causing_harm")
    }
    if cared_for and any(harmer and harmer in str(cared_for).lower().split() for harmer in harmers):
        return None
    return cared_for


def handover_details(tracker: Tracker) -> Dict[Text, Any]:
    """The details to read back and send: the person who may be causing harm is never recorded as
    the person the help is for; when the person writing is the one at risk, the help is for them."""
    details = known_details(tracker)
    dropped = False
    for slot in ("cared_for", "cared_for_name"):
        if slot in details and without_the_harmer(tracker, details[slot]) is None:
            del details[slot]
            dropped = True
    at_risk = {c.get("who_may_be_at_risk") for c in tracker.get_slot("concerns") or []}
    if dropped and "the person writing" in at_risk:
        details["asking_for"] = SELF
    return details


def conversation_summary(tracker: Tracker) -> Text:
    """What they asked and what they were told, one line each, most recent last."""
    lines: List[Text] = []
    asked: Optional[Text] = None
    for event in tracker.events:
        if event.get("event") == "user":
            intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
            text = event.get("text") or ""
            if intent in TOPIC_TITLES and intent not in NOT_A_TOPIC or intent in URGENT_INTENTS:
                words = TOPIC_TITLES.get(intent, intent) if text.startswith("/") else text
                asked = words[:SUMMARY_TEXT_CHARS]
            else:
                asked = None
        elif event.get("event") == "bot" and asked:
            answer = (event.get("metadata") or {}).get("utter_action", "").replace("utter_", "", 1)
            if answer in TOPIC_TITLES or answer in URGENT_INTENTS:  # not the form's next question
                lines.append(
                    f"- Asked: {asked} | Told about: {TOPIC_TITLES.get(answer, answer.replace('_', ' '))}"
                )
                asked = None
    return "\n".join(lines[-SUMMARY_TURNS:]) or "- No questions before asking for contact."


def sharing_said(tracker: Tracker) -> Text:
    """A yes given with a limit ("yes but only about the day centre"), first in the summary, in their words."""
    limit = tracker.get_slot("sharing_limit")
    return f"- Agreed to share, with a limit (their words): {limit[:SUMMARY_TEXT_CHARS]}\n" if limit else ""


def within_daily_handovers(tracker: Tracker) -> bool:
    """Whether this client (address or chat, named by the channel) may send another handover today.
    If the count cannot be read, yes: a resident's handover is never lost over a counter; and an
    urgent one (a risk told, or asked to be marked urgent) is always sent, whatever the count."""
    client = (tracker.latest_message.get("metadata") or {}).get("client_key")
    if not client or tracker.get_slot("handover_urgency") == "urgent":
        return True
    try:
        return take_handover_allowance(shared_database(), client, settings().handovers_per_address_per_day)
    except Exception as error:
        logger.warning("Could not count today's handovers (%s); sending this one", type(error).__name__)
        return True


ALREADY_MADE_BUTTONS = [
    {"title": "Add something to my request", "payload": "/add_to_request"},
    # "detail", an entity of the domain's that the button guard lets through (bot/server/channels/inbound.py)
    {"title": "A new request about something else", "payload": '/request_callback{"detail":"new_request"}'},
]


class ActionStartHandover(Action):
    """Starts a handover: notes the topic and urgency and explains what will happen."""

    def name(self) -> Text:
        return "action_start_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        made = requests_made(tracker) or []
        if SOMEONE_CALLS_FOR_ME.search(full_text(tracker)):  # "can my mum ring for me?": yes, and how
            if made:
                dispatcher.utter_message(
                    response="utter_someone_can_call_with_reference", reference=made[-1]["reference"]
                )
            else:
                dispatcher.utter_message(response="utter_someone_can_call")
            return [FollowupAction("action_listen")]
        if tracker.get_slot("handover_stage") == "confirming" and tracker.get_slot("share_consent"):
            # "how to contact me. phone me. on my mobile", typed while the request waits for its yes:
            # a change to it (kept by the details), never a new request with a new topic
            given = noted(details_set_this_turn(tracker), tracker)
            if given:
                dispatcher.utter_message(response="utter_details_noted_in_passing", noted=given)
            return [FollowupAction("action_confirm_handover")]
        topic, urgency = request_topic(tracker), handover_urgency(tracker)
        intent = tracker.latest_message.get("intent", {}).get("name")
        if (
            intent in TOPIC_TITLES and intent not in NOT_A_TOPIC and not asks_for_contact(full_text(tracker))
        ):  # a question, not a request: answer it
            dispatcher.utter_message(response=f"utter_{intent}")
            return [FollowupAction("action_listen")]
        asked_for_new = any(
            entity.get("entity") == "detail" and entity.get("value") == "new_request"
            for entity in tracker.latest_message.get("entities", [])
        )
        # an urgent request again with no new concern since the last one: the same need
        concern_since = (
            len(tracker.get_slot("concerns") or []) > len(made[-1].get("concern") or []) if made else True
        )
        if (
            made
            and (urgency != "urgent" or not concern_since)
            and not asked_for_new
            and (topic == "a general enquiry" or topic.lower() in made[-1]["topic"].lower())
        ):
            # one handover per need: say where the one already made is, offer to add to it
            dispatcher.utter_message(
                response=resident_state(made[-1]),
                reference=made[-1]["reference"],
                topic=made[-1]["topic"].lower(),
            )
            dispatcher.utter_message(response="utter_request_already_made", buttons=ALREADY_MADE_BUTTONS)
            return [FollowupAction("action_listen")]
        # "I can ask Thurrock First to contact you" only when something delivers the request to them
        delivered = bool(settings().delivery_methods())
        if urgency == "urgent":
            intro = "utter_handover_intro_urgent" if delivered else "utter_handover_intro_urgent_saved"
        else:
            intro = "utter_handover_intro" if delivered else "utter_handover_intro_saved"
        given = noted(details_set_this_turn(tracker), tracker)
        if given:  # "please don't come to the house, ring my mobile 07700 900717": said kept, once
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted=given)
        dispatcher.utter_message(response=intro, topic=topic.lower())
        resuming = tracker.get_slot("paused_form") == "handover_form"
        consent = tracker.get_slot("share_consent")
        return [
            SlotSet("handover_topic", topic),
            SlotSet("handover_urgency", urgency),
            SlotSet("handover_stage", "collecting"),
            # a yes to sharing is never asked for twice in a conversation; a no is asked again, as
            # asking to be contacted is asking to share
            SlotSet("share_consent", consent if resuming or consent is True else None),
            SlotSet("paused_form", None),
            SlotSet("failed_answers", {}),
            *([SlotSet("need", None)] if made else []),  # a new need, in their words; the rest is kept
            FollowupAction("handover_form"),  # also when started from another step (a rating left)
        ]


class ActionMarkUrgent(Action):
    """At the read-back: "can you mark it urgent?" marks it; "is it marked urgent?" is answered;
    then the request is shown again, waiting for its yes."""

    def name(self) -> Text:
        return "action_mark_urgent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        urgent = tracker.get_slot("handover_urgency") == "urgent"
        text = full_text(tracker)
        worried = bool(active_concerns(tracker.get_slot("concerns")))
        events: List[EventType] = []
        if asks_urgent(text) and not urgent:
            dispatcher.utter_message(response="utter_marked_urgent")
            events = [SlotSet("handover_urgency", "urgent")]
        elif says_not_urgent(text) and urgent and worried:
            # "it is NOT urgent, take off urgent" about a worry told: it stays first for Thurrock First,
            # with what they said about it, in their words
            dispatcher.utter_message(response="utter_readback_urgent_kept")
            kept = [dict(c) for c in tracker.get_slot("concerns") or []]
            kept[-1]["their_words"] = list(kept[-1].get("their_words") or []) + [text.strip()[:2000]]
            events = [SlotSet("concerns", kept)]
        elif says_not_urgent(text) and urgent:  # marked only because they asked: taken off
            dispatcher.utter_message(response="utter_is_not_urgent")
            events = [SlotSet("handover_urgency", "routine")]
        else:
            dispatcher.utter_message(response="utter_is_urgent" if urgent else "utter_is_not_urgent")
        return events + [FollowupAction("action_confirm_handover")]


class ActionWithdrawConsent(Action):
    """ "Forget it, I don't want it sent": the request stops, nothing is shared, and a request asked
    for later asks again; what they told us stays in the chat until they delete it."""

    def name(self) -> Text:
        return "action_withdraw_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_consent_withdrawn")
        return [
            ActiveLoop(None),
            SlotSet("requested_slot", None),
            SlotSet("handover_stage", None),
            SlotSet("share_consent", False),
            SlotSet("sharing_limit", None),
            SlotSet("paused_form", None),
        ]


SAVED_ONLY = (
    "It isn't sent to Thurrock First by itself, so you'll need to phone or email them and give the "
    "reference. Then you won't need to repeat your story."
)  # email too: a Deaf resident who said "not by phone" was told only to phone
SAVED_ONLY_NO_PHONE = (
    "It isn't sent to Thurrock First by itself, so you'll need to email them and give the reference. "
    "Then you won't need to repeat your story."
)
SAVED_ONLY_NEITHER = (
    "It isn't sent to Thurrock First by itself, so they will need the reference: someone you trust can "
    "phone them for you, or you can use Relay UK (dial 18001 then 01375 511 000). Then you won't need "
    "to repeat your story."
)


def saved_only_line(details: Dict[Text, Any]) -> Text:
    """What to do with a saved request, said to suit them: never "phone or email them" to someone who
    told us they can use neither (a man with no phone and no email, a Deaf woman who only emails)."""
    wishes = set(details.get("contact_preference") or [])
    no_phone = "not by phone" in wishes
    no_email = "no email" in wishes or details.get("email") in (DECLINED,)
    if no_phone and no_email:
        return SAVED_ONLY_NEITHER
    return SAVED_ONLY_NO_PHONE if no_phone else SAVED_ONLY


# Consent to share, in a resident's own words: how the answer starts decides, then a refusal anywhere.
YES = r"(yes|yeah|yep|yup|ye|yea|ok|okay|fine|sure|of course|go ahead|agreed?|happy|please do|share it|alright|aye)"
CONSENT_YES_ALWAYS = re.compile(
    r"\b(no problem|no worries|not a problem|no bother|(don'?t|do not) mind)\b", re.I
)
CONSENT_NO_FIRST = re.compile(r"^\W*((actually|sorry|um+|erm|well)\W+)?(no|nope|nah|never)\b", re.I)
CONSENT_YES_FIRST = re.compile(rf"^\W*{YES}\b", re.I)
CONSENT_REFUSED = re.compile(
    r"\b((don'?t|do not|not) (share|want|agree|ok|happy|pass)|rather not|not ok(ay)?|no thanks?|leave it"
    r"|i'?ll (ring|call|phone|contact|email) (them|thurrock first) myself)\b",
    re.I,
)
CONSENT_UNSURE = re.compile(r"\b(not sure|unsure|don'?t know|dunno|maybe|what)\b", re.I)
CONSENT_YES = re.compile(rf"\b{YES}\b", re.I)
# "is it ok if i say no?", "which one is true?": a question about sharing, never a yes
CONSENT_QUESTION = re.compile(
    r"\?|^\W*(is|are|can|could|will|would|what|which|why|how|do|does|should|who)\b|\bwhich\s+(one|is\s+it)\b",
    re.I,
)


def consent_in(text: Text) -> Optional[bool]:
    """True, False, or None when the answer is neither ("what will you share?")."""
    if CONSENT_YES_ALWAYS.search(text):
        return True
    if CONSENT_NO_FIRST.search(text) or NEVER_AGREED.search(text):  # "I did not say yes"
        return False
    if CONSENT_YES_FIRST.search(text):
        return True
    if CONSENT_REFUSED.search(text):
        return False
    if CONSENT_UNSURE.search(text) or CONSENT_QUESTION.search(text):
        # "i never said my phone doesnt work?? whatever. yes share it": the last sentence answers
        last = [part for part in re.split(r"(?<=[?.!])\s+", text.strip()) if re.search(r"\w", part)]
        return consent_in(last[-1]) if len(last) > 1 else None
    return True if CONSENT_YES.search(text) else None


class ValidateHandoverForm(DetailAnswers, FormValidationAction):
    """Asks only for what is still missing; skips what does not apply."""

    def name(self) -> Text:
        return "validate_handover_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        if tracker.get_slot("share_consent") is False:
            return ["share_consent"]
        slots = ["share_consent", "full_name", "asking_for"]
        asking_for = tracker.get_slot("asking_for")
        someone_else = asking_for in (FAMILY, FRIEND, PROFESSIONAL)
        if asking_for == PROFESSIONAL:
            slots.append("organisation")
        if someone_else:
            slots.append("cared_for_name")
        slots += contact_slots(tracker)
        slots.append("cared_for_postcode" if someone_else else "postcode")
        by_email_only = contact_slots(tracker) == ["email"] and tracker.get_slot("phone") in (
            None,
            DECLINED,
            NOT_GIVEN,
        )
        wishes = set(contact_wishes(tracker))
        by_letter_only = "letter" in wishes and not wishes & {"email", "phone call", "text message"}
        if tracker.get_slot("handover_urgency") != "urgent" and not (by_email_only or by_letter_only):
            # (an email is read when they can: "why do you need a time?"; a letter comes by post: "by post i said")
            slots.append("contact_time")
        return slots + ["communication_needs", "need"]

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """As the details do it; "can you mark it urgent?" said while answering marks it; "can you take
        dad's address off?" said while answering takes it off, and the question is asked again."""
        gone = forgotten_detail(full_text(tracker)) if tracker.get_slot("requested_slot") else None
        if gone in DETAIL_LABELS and held_before(tracker, gone) not in (None, DECLINED, NOT_GIVEN):
            # "actually wait, can you take dad's address off?" while answering: taken off, then asked on
            asked = tracker.get_slot("requested_slot")
            return removal(gone, dispatcher, tracker) + [SlotSet(asked, None)] * (asked != gone)
        events = await super().get_validation_events(dispatcher, tracker, domain)
        if tracker.get_slot("handover_urgency") != "urgent" and asks_urgent(full_text(tracker)):
            dispatcher.utter_message(response="utter_marked_urgent")
            events.append(SlotSet("handover_urgency", "urgent"))
        return events

    async def extract_full_name(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """ "I'd rather stay anonymous", said at any point of the request: their name is never
        asked for (a neighbour reporting a worry was asked three times); said kindly, once."""
        if tracker.get_slot("full_name") or tracker.get_slot("share_consent") is False:
            return {}
        said = [
            (turn.get("metadata") or {}).get("full_text") or turn.get("text") or ""
            for turn in user_turns(tracker)
        ]
        if not any(NAME_WITHHELD.search(text) for text in said):
            return {}
        if NAME_WITHHELD.search(said[-1]):
            dispatcher.utter_message(response="utter_name_withheld")
        return {"full_name": DECLINED}

    async def extract_communication_needs(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """Easy Read chosen in this chat is a communication need, told once: never asked again."""
        if tracker.get_slot("easy_read") is True and not tracker.get_slot("communication_needs"):
            return {"communication_needs": ["Easy Read"]}
        return {}

    async def extract_cared_for_postcode(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """ "We live in Stanford-le-Hope SS17 8JJ", "he lives with me": their postcode is the
        caller's, so it is never asked for (told once)."""
        postcode = tracker.get_slot("postcode")
        if tracker.get_slot("cared_for_postcode") or postcode in (None, DECLINED, NOT_GIVEN):
            return {}
        said = " ".join(
            (turn.get("metadata") or {}).get("full_text") or turn.get("text") or ""
            for turn in user_turns(tracker)
        )
        return {"cared_for_postcode": postcode} if LIVING_TOGETHER.search(said) else {}

    def validate_share_consent(self, value, dispatcher, tracker, domain):
        """Yes or no in their words ("yes, the patient has agreed"). Anything else gets a reply of
        its own (never the bare question again): a question is answered, details given early are
        said to be kept (however often: they are still telling us); after that a plain "we'll leave it", so
        the question cannot loop."""
        text = full_text(tracker) if isinstance(value, bool) else str(value or "")
        if (
            value is False
            and tracker.get_slot("requested_slot") != "share_consent"
            and not text.startswith("/")
        ):
            # "no!! i said u CAN ring me", the message that started the request: the question is still to ask
            return {"share_consent": None}
        said = consent_in(text) if not text.startswith("/") else None
        # "yes but not with my son", read by the classifier as a no: what they typed decides
        consent = said if said is not None or not isinstance(value, bool) else value
        if consent is None and sharing_limit(text) and not CONSENT_QUESTION.search(text):
            consent = True  # "only if you don't tell my son": a yes, with its limit
        if not consent and NAME_WITHHELD.search(text) and SEND_WITHOUT_NAME.search(text):
            consent = True  # "can you send it without my name?": a yes, their name never asked for
        if consent and sharing_limit(text):  # "yes but only about the day centre": kept in their words
            dispatcher.utter_message(response="utter_sharing_limit_noted")
            return {"share_consent": True, "sharing_limit": text}
        if consent is not None:
            return {"share_consent": consent}
        asked = question_topic(tracker)
        if asked:
            dispatcher.utter_message(response=f"utter_{asked}")
            return {"share_consent": None}
        their_need = self._keep_their_need("share_consent", str(value or ""), dispatcher, tracker)
        if their_need:  # "she needs someone to look at what help she needs": kept, then the question
            return their_need
        given = details_set_this_turn(tracker)
        if given:  # still telling us: kept and asked again, never counted as not answering
            dispatcher.utter_message(response="utter_consent_before_details", noted=noted(given, tracker))
            return {"share_consent": None}
        failures = dict(tracker.get_slot("failed_answers") or {})
        failures["share_consent"] = failures.get("share_consent", 0) + 1
        if failures["share_consent"] > TRIES:
            return {"share_consent": False, "failed_answers": failures}
        dispatcher.utter_message(response="utter_consent_yes_or_no")
        return {"share_consent": None, "failed_answers": failures}


# "can you send it without my name?", "i DO want it sent, just not my name": sent, the name withheld
SEND_WITHOUT_NAME = re.compile(
    r"\b(?:send|report|pass)\s+(?:it|this|that|on|the\s+(?:report|worry|concern))\b|\bwant\s+it\s+(?:sent|reported|passed\s+on)\b",
    re.I,
)


def included_answer(text: Text, readback: Text) -> Text:
    """ "INTERPRETER INCLUDED YES?": yes, in the line that shows it, or no, and how to add it."""
    asked = next((word for word in INCLUDED_WORDS if re.search(rf"\b{word}\b", text, re.I)), None)
    if asked is None:
        return ""
    lines = [line.strip("• ").strip() for line in readback.splitlines()]
    shown = next((line for line in lines if INCLUDED_WORDS[asked].lower() in line.lower()), None)
    if shown:
        return f"Yes, it's there: {shown}\n"
    return f"No, there is no {asked} in it yet. Type it, and I'll add it.\n"


# "…, then yes send it", "send it now please" (never "don't send it yet")
class ActionConfirmHandover(Action):
    """Reads back exactly what will be sent, with Yes / Change something."""

    def name(self) -> Text:
        return "action_confirm_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if not tracker.get_slot("share_consent"):
            dispatcher.utter_message(response="utter_handover_not_shared")
            return [SlotSet("handover_stage", None)]
        if (
            tracker.get_slot("handover_stage") == "confirming"
            and details_set_this_turn(tracker)
            and says_send_now(full_text(tracker))
        ):  # "his postcode is the same as mine, SS17 0LN, then yes send it": changed, then sent
            return same_interpreter(tracker) + [FollowupAction("action_submit_handover")]
        edits: List[EventType] = []
        if (
            tracker.get_slot("handover_stage") == "confirming"
            and tracker.latest_action_name == "action_listen"
        ):
            edit = readback_edit(full_text(tracker))
            if edit and not (edit.kind == REMOVE and detail_named(full_text(tracker)) not in (None, "need")):
                edits, follow = edited(edit, dispatcher, tracker)
                if follow:
                    return edits + [FollowupAction(follow)]
                for event in edits:  # read back what it holds now
                    tracker.slots[event["name"]] = event["value"]
                if says_send_now(full_text(tracker)):  # "take the gas bit out and send it"
                    return edits + [FollowupAction("action_submit_handover")]
        lines = [f"• About: {tracker.get_slot('handover_topic') or 'a general enquiry'}"]
        if tracker.get_slot("sharing_limit"):
            lines.append(f"• What you said about sharing: “{tracker.get_slot('sharing_limit')}”")
        if concern_lines(tracker):
            lines.insert(0, concern_lines(tracker))
        if tracker.get_slot("handover_urgency") == "urgent":
            lines.insert(0, "• Urgent")
        details = handover_details(tracker)
        readback = (
            "\n".join(lines)
            + "\n"
            + details_as_lines(details)
            + "\n"
            + (
                how_we_contact(details, asked_for=True)
                if settings().delivery_methods()
                else saved_only_line(details)  # nothing delivers it: never "I'll ask them to contact you"
            )
        )
        delivered = bool(settings().delivery_methods())
        answer = included_answer(full_text(tracker), readback) if asks_if_included(full_text(tracker)) else ""
        dispatcher.utter_message(
            response="utter_handover_readback" if delivered else "utter_handover_readback_saved",
            readback=answer + readback,
        )
        return edits + [SlotSet("handover_stage", "confirming")]


def edited(
    edit: Edit, dispatcher: CollectingDispatcher, tracker: Tracker
) -> Tuple[List[EventType], Optional[Text]]:
    """A change typed at the read-back that names no detail, made and said back: the events, and the
    step to take instead of reading back (the topic buttons, when the words name no topic)."""
    need = tracker.get_slot("need")
    need = need if isinstance(need, str) and need not in (DECLINED, NOT_GIVEN) else None
    if edit.kind == TOPIC:
        named = topics_named(edit.words, TOPIC_TITLES)
        if not named:
            return [], "action_choose_topic"
        topic = with_concern(tracker, " and ".join(TOPIC_TITLES[intent] for intent in named))
        dispatcher.utter_message(response="utter_detail_updated", detail="what it's about", value=topic)
        return [SlotSet("handover_topic", topic)], None
    if edit.kind == FOR_ME:  # "the help is for ME not Susan": theirs was mine all along
        events = [SlotSet(slot, None) for slot in ("cared_for", "cared_for_name", "cared_for_area")]
        events.append(SlotSet("asking_for", SELF))
        if tracker.get_slot("cared_for_postcode") and not tracker.get_slot("postcode"):
            events.append(SlotSet("postcode", tracker.get_slot("cared_for_postcode")))
        events.append(SlotSet("cared_for_postcode", None))
        dispatcher.utter_message(response="utter_detail_updated", detail="who the help is for", value="you")
        return events, None
    if edit.kind == REMOVE:
        kept = without_part(need, edit.words) if need else None
        if kept is None:
            dispatcher.utter_message(response="utter_readback_part_not_found", part=edit.words)
            return [], None
        dispatcher.utter_message(
            response="utter_detail_updated", detail="what you need", value=kept or "nothing"
        )
        return [SlotSet("need", kept or NOT_GIVEN)], None
    changed = with_addition(need, edit.words)
    if changed == need:
        dispatcher.utter_message(response="utter_readback_already_says")
        return [], None
    dispatcher.utter_message(response="utter_detail_updated", detail="what you need", value=changed)
    return [SlotSet("need", changed)], None


class ActionAskWhatToChange(Action):
    """Offers each detail held (and the usual four) as a button, so changing one is one press."""

    def name(self) -> Text:
        return "action_ask_what_to_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        topic = [{"title": "What it's about", "payload": '/update_detail{"detail":"handover_topic"}'}]
        dispatcher.utter_message(response="utter_ask_what_to_change", buttons=topic + change_buttons(tracker))
        return []


# Offered when a resident changes what their request is about, after the topics they asked about.
MAIN_TOPICS = (
    "assessment_needs",
    "assessment_carer",
    "assessment_ot",
    "dp_how_to_get",
    "financial_will_i_pay",
    "dp_support",
)
MOST_TOPIC_BUTTONS = 6


def topic_payload(intent: Text) -> Text:
    return '/update_detail{"detail":"handover_topic","topic":"%s"}' % intent


class ActionChooseTopic(Action):
    """Changes what a request is about, at the read-back: topic buttons, then the read-back again."""

    def name(self) -> Text:
        return "action_choose_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        chosen = next(tracker.get_latest_entity_values("topic"), None)
        if chosen in TOPIC_TITLES or chosen == "general":
            topic = with_concern(tracker, TOPIC_TITLES.get(chosen, "a general enquiry"))
            events: List[EventType] = [SlotSet("handover_topic", topic)]
            if tracker.get_slot("handover_stage") == "confirming":
                events.append(FollowupAction("action_confirm_handover"))
            return events
        asked = [
            (event.get("parse_data") or {}).get("intent", {}).get("name")
            for event in reversed(user_turns(tracker))
        ]
        offered = list(
            dict.fromkeys(
                [name for name in asked if name in TOPIC_TITLES and name not in NOT_A_NAMED_TOPIC]
                + list(MAIN_TOPICS)
            )
        )[:MOST_TOPIC_BUTTONS]
        buttons = [{"title": TOPIC_TITLES[name], "payload": topic_payload(name)} for name in offered]
        buttons.append({"title": "Something else", "payload": topic_payload("general")})
        dispatcher.utter_message(response="utter_ask_topic", buttons=buttons)
        return [FollowupAction("action_listen")]  # reached by a follow-up: no rule says what comes next


class ActionSubmitHandover(Action):
    """Stores the handover (delivered by the outbox) and gives the resident its reference."""

    def name(self) -> Text:
        return "action_submit_handover"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if tracker.get_slot("handover_stage") != "confirming" or not tracker.get_slot("share_consent"):
            dispatcher.utter_message(response="utter_menu")
            return []
        # over this address's daily number (a shared library or care home computer, or a flood): saved
        # with a reference for staff, never sent on, never lost
        deliveries = settings().delivery_methods() if within_daily_handovers(tracker) else []
        changed = details_set_this_turn(tracker)
        for slot in changed:  # "yes, but my number is ...": the change said first
            dispatcher.utter_message(
                response="utter_detail_updated",
                detail=noted([slot], tracker),
                value=shown(tracker.get_slot(slot)),
            )
        if changed and not says_send_now(full_text(tracker)):  # a yes with a change: read back again
            return [FollowupAction("action_confirm_handover")]
        details = handover_details(tracker)
        needs = [n for n in details.get("communication_needs") or [] if n not in ("none", NOT_GIVEN)]
        their_needs = [n for n in details.get("cared_for_needs") or [] if n != "none"]
        if their_needs:
            needs.append(f"the person the help is for: {', '.join(their_needs)}")
        preference = ", ".join(details.get("contact_preference") or []) or (
            "phone call"
            if details.get("phone") not in (None, DECLINED, NOT_GIVEN)
            else "email"
            if details.get("email") not in (None, DECLINED, NOT_GIVEN)
            else None
        )
        wishes = contact_wishes(tracker)
        concerns = [  # how it is safe to contact them, told later as a wish ("text me, don't ring")
            {
                **c,
                "safe_to_contact": c.get("safe_to_contact")
                or (f"their wishes: {', '.join(wishes)}" if wishes else None),
            }
            for c in tracker.get_slot("concerns") or []
        ]
        fields = {
            "concern": json.dumps(concerns, ensure_ascii=False) if concerns else None,
            "channel": tracker.get_latest_input_channel() or "rest",
            "topic": tracker.get_slot("handover_topic") or "a general enquiry",
            "urgency": tracker.get_slot("handover_urgency") or "routine",
            "communication_needs": ", ".join(needs),
            "contact_preference": preference,
            "summary": sharing_said(tracker) + conversation_summary(tracker),
            **{
                slot: "declined to say" if details[slot] == DECLINED else shown(details[slot])
                for slot in (
                    "full_name",
                    "organisation",
                    "asking_for",
                    "cared_for",
                    "phone",
                    "email",
                    "postcode",
                    "area",
                    "contact_time",
                    "cared_for_name",
                    "cared_for_postcode",
                    "cared_for_area",
                    "cared_for_phone",
                    "date_of_birth",
                    "nhs_number",
                    "need",
                )
                if slot in details
            },
        }
        try:
            reference = store_or_spool(
                shared_database, tracker.sender_id, fields, deliveries, datetime.utcnow()
            )
        except Exception:  # not even the local disk: the resident gets the phone number
            logger.exception("A handover could not be stored or spooled")
            dispatcher.utter_message(response="utter_handover_failed")
            return []
        # "Thurrock First will contact you" only when something delivers it to them; otherwise the
        # request waits for staff to read it, and the resident is told to ring with the reference.
        sent = "utter_handover_sent" if deliveries else "utter_handover_saved"
        if settings().delivery_methods() and not deliveries:
            dispatcher.utter_message(text=channel_messages()["handover_limit"])
        dispatcher.utter_message(
            response=sent,
            reference=reference,
            topic=fields["topic"].lower(),
            contact_how=how_we_contact(details),
        )
        opening_line(dispatcher)
        return [SlotSet("handover_stage", None), SlotSet("share_consent", None)]
