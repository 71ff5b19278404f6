"""A request already made to Thurrock First: its reference and state at any time, and notes added to it.

Read from the project database, not from the conversation's slots, so the answer is true after a
restart and says plainly whether the request was sent.
"""

import logging
import re
from typing import List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.details import full_text, how_we_contact, tell_what_was_sent, what_was_sent_asked
from actions.handover import handover_details
from actions.privacy import ASKS_IF_DELETED, deleted_or_not, deleting_asked
from bot.details import PHONE_CANDIDATE, tidy_phone
from bot.sending import asks_if_sent, TOLD_LATE, TOLD_LATE_TAIL
from actions.request_state import (
    save_note,
    requests_made,
    saved_only,
    tell_not_cancelled,
    tell_nobody_told,
    tell_requests,
)

logger = logging.getLogger(__name__)
NOTE_CHARS = 2000
# "can I add that he's on insulin": the words before the note itself
NOTE_LEAD = re.compile(
    r"^\s*(?:(?:hi|hello|oh|sorry|also|and|ok|okay|another thing|one more thing|i forgot to (?:say|mention))[\s,.:!-]+)*"
    r"(?:(?:can|could|would|will) (?:i|you|u)(?: please)? |please |i(?:'d| would) like to |i want(?: you)? to |i need to )?"
    r"(?:also )?(?:add|put|include|note|mention|say|tell (?:them|thurrock first)|let (?:them|thurrock first) know|update (?:it|my request|my referral)(?: with)?)"
    # "can i add something, he gets up in the night": the note is what follows the "something"
    r"(?: (?:something|something else|some more|a bit more)(?: (?:to|on) (?:it|that|my request|the request))?(?=[\s,.:;?!-]+\w))?"
    r"(?: (?:on|to|in|onto) (?:my|the|that) (?:request|referral|form|message))?(?: (?:as well|too|also))?"
    r"(?: that| this| on)?\s*[:,.?!-]?\s*",
    re.IGNORECASE,
)
NOT_A_NOTE = re.compile(
    r"^(?:(?:her|his|my|their|the|\w+'?s) (?:nhs number|number|phone number|mobile(?: number)?|email(?: address)?|address|"
    r"date of birth|dob|gp's (?:name|details)|next of kin)(?: (?:to|on) (?:it|my request|my referral|the request))?(?: (?:please|too|as well))?\s*[?.!]*$|"
    r"something|some more|more|a note|a bit more(?: information| info)?|something else|"
    r"some(?:thing)? (?:more|else)(?: details| info(?:rmation)?)?|it|to (?:it|my request)|"
    r"to what i sent|anything)?(?: (?:to|on) (?:it|my request|my referral|the request|what i sent))?"
    r"(?: please| pls)?\s*[?.!]*$",
    re.IGNORECASE,
)


# "…, and can I add her NHS number, it's …": asked to add, later in a message
ADD_LATER = re.compile(
    r"\b(?:(?:can|could|would|will) (?:i|you|u)(?: please)? (?:also )?add|please add|i(?:'d| would) like to add)"
    r"(?: (?:to|on) (?:my|the) (?:request|referral))?(?: that)?\s*[:,-]?\s*",
    re.IGNORECASE,
)
# "she is diabetic, can you add that": the note comes first
NOTE_TAIL = re.compile(
    r"[\s,.;-]+(?:(?:can|could|would) (?:you|u) |please )?(?:add|put|include|note|mention) "
    r"(?:that|this|it)(?: (?:on|to) (?:my|the) (?:request|referral))?(?: too| as well| please)*\s*[?.!]*$",
    re.IGNORECASE,
)
FORGOT = re.compile(
    r"^\s*(?:oh |sorry |also )*i (?:forgot|meant) to (?:say|mention|tell you)(?: that)?\s*", re.IGNORECASE
)


# "did you add it to my request?", "is that added now?": asking whether it was added, never a note
ASKS_IF_ADDED = re.compile(
    r"^\W*(?:so\s+)?(?:did|have|has|is|was)\s+(?:you|it|that|this|my\s+note)\b[^.?!]{0,40}\b(?:add|added|on|in|there|gone|saved)\b",
    re.IGNORECASE,
)


# "can you add that he's diabetic to the request, i forgot": the words after the note itself
NOTE_END = re.compile(
    r"(?:\s+(?:to|on|onto|in)\s+(?:my|the|that|his|her|our)\s+(?:request|referral|form|message|notes?))?"
    r"(?:\s+(?:too|as\s+well|also|please|pls))*"
    r"(?:[\s,.;-]+(?:i\s+|sorry\s+i\s+)?(?:forgot|meant\s+to\s+say|should\s+have\s+said)(?:\s+(?:to\s+(?:say|mention)|that|before|earlier))*)?"
    r"(?:[\s,.;-]+(?:thanks|thank\s+you|ta|please|pls|cheers))?\s*[?.!]*$",
    re.IGNORECASE,
)


def note_in(text: Text) -> Optional[Text]:
    """The note in "can you add that he's on insulin" ("he's on insulin"); None if only asked to add."""
    note = _note_in(text)
    if note:
        trimmed = NOTE_END.sub("", note).strip()
        note = trimmed if len(trimmed.split()) >= 2 else note
    return note


def _note_in(text: Text) -> Optional[Text]:
    if ASKS_IF_ADDED.search(text):
        return None
    for tail in (NOTE_TAIL, TOLD_LATE_TAIL):
        if tail.search(text):
            rest = FORGOT.sub("", tail.sub("", text)).strip()
            return rest[:NOTE_CHARS] if len(rest.split()) >= 2 else None
    rest = NOTE_LEAD.sub("", text, count=1).strip()
    if rest == text.strip() and TOLD_LATE.match(text):  # "forgot to say he's diabetic"
        rest = text[TOLD_LATE.match(text).end() :].strip()
    if rest == text.strip():  # "Thanks. What's my reference? And can I add her NHS number, it's …"
        later = ADD_LATER.search(text)
        rest = text[later.end() :].strip() if later else rest
    if rest == text.strip() or NOT_A_NOTE.match(rest) or len(rest.split()) < 2:
        return None
    return rest[:NOTE_CHARS]


# "can you add Pat's number to my request": someone's number, said earlier in the chat
NUMBER_ASKED = re.compile(
    r"\b(?:add|put|include|give\s+them|pass\s+on)\s+(?:on\s+)?((?:her|his|their|(?!my\b)[a-z]+'?s)\s+(?:phone\s+|mobile\s+)?number)\b",
    re.IGNORECASE,
)


def number_said_before(tracker: Tracker) -> Optional[Text]:
    """The note "Pat's number: 07700 900552" when asked to add a number given earlier in this chat
    (the latest other than the resident's own), so the number itself goes, not the words asking."""
    asked = NUMBER_ASKED.search(full_text(tracker))
    if not asked:
        return None
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"][:-1]
    own = tracker.get_slot("phone")
    for text in reversed(said):
        numbers = [tidy_phone(m.group(0)) for m in PHONE_CANDIDATE.finditer(text)]
        others = [number for number in numbers if number and number != own]
        if others:
            return f"{asked.group(1)}: {others[-1]}"
    return None


class ActionTellRequestStatus(Action):
    """ "What's my reference?", "did it send?": every reference, and each one's state, plainly."""

    def name(self) -> Text:
        return "action_tell_request_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if ASKS_IF_DELETED.search(full_text(tracker)) and deleting_asked(tracker):
            # "is it actually gone?" after asking to delete the chat; else "gone" is "sent"
            dispatcher.utter_message(response=deleted_or_not(tracker))
            return []
        made = requests_made(tracker)
        if made is None:
            dispatcher.utter_message(response="utter_handover_failed")
            return []
        if made and what_was_sent_asked(tracker):
            tell_what_was_sent(dispatcher, made)  # "what did you send them?": what it said, too
            return []
        tell_requests(dispatcher, made)
        stage = tracker.get_slot("handover_stage")
        if stage in ("collecting", "confirming"):
            dispatcher.utter_message(response="utter_request_being_prepared")
        elif not made:
            dispatcher.utter_message(response="utter_no_request")
        if stage == "confirming":  # what is waiting for their yes, shown again with its buttons
            return [FollowupAction("action_confirm_handover")]
        return []


# "pass it on", "tell them", "let the council know", "report it for me"
PASS_ON = re.compile(
    r"\b(?:pass|send)\s+(?:it|this|that|them|my\s+\w+)\s+on\b|\b(?:tell|inform|let)\s+(?:them|the\s+council|"
    r"thurrock\s+first|someone|somebody|social\s+services)\b|\breport\s+(?:it|this|him|her|them)\b|"
    # "save my request please", "make a referral", "send my request": a request to make one
    r"\b(?:save|send|make|start|do|put\s+in|submit|log|raise)\s+(?:my|a|the|this)\s+(?:request|referral)\b",
    re.I,
)


class ActionAddToRequest(Action):
    """ "Can I add that he's on insulin?": a note on the request already sent (asked for if not given)."""

    def name(self) -> Text:
        return "action_add_to_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        stage = tracker.get_slot("handover_stage")
        if stage == "confirming":  # "I want to change something before you send it"
            return [FollowupAction("action_ask_what_to_change")]
        if stage == "collecting":
            dispatcher.utter_message(response="utter_request_being_prepared")
            return []
        made = requests_made(tracker)
        if made is None:
            dispatcher.utter_message(response="utter_handover_failed")
            return []
        said = full_text(tracker)
        if made and ASKS_IF_ADDED.search(said):  # "did you add it to my request?": what it holds now
            tell_requests(dispatcher, made)
            return []
        if not made and (PASS_ON.search(said) or tracker.get_slot("concerns")):
            # "can you pass it on to the council", "tell them so someone checks on him": a request
            # to make one (after a worry, always), never "there's nothing to add to"
            return [FollowupAction("action_start_handover")]
        if not made:
            dispatcher.utter_message(response="utter_nothing_to_add_to")
            return []
        note = None if said.startswith("/") else note_in(said) or number_said_before(tracker)
        if note:  # saved here, then listen (also when "oh forgot to say…" was handed on from the details)
            return save_note(dispatcher, made, note) + [FollowupAction("action_listen")]
        return [SlotSet("request_note", None), FollowupAction("note_form")]


class ValidateNoteForm(FormValidationAction):
    """Takes the resident's note in their own words; "Skip this" adds nothing."""

    def name(self) -> Text:
        return "validate_note_form"

    def validate_request_note(self, value, dispatcher, tracker, domain):
        if tracker.latest_message.get("intent", {}).get("name") == "deny" or str(value).startswith("/"):
            return {"request_note": "none"}
        said = full_text(tracker)
        if tracker.latest_message.get("intent", {}).get("name") == "add_to_request" and note_in(said) is None:
            return {"request_note": None}  # "can I add her NHS number": the asking, not the note; asked for
        return {"request_note": full_text(tracker).strip()[:NOTE_CHARS] or None}


class ActionSaveRequestNote(Action):
    """Adds the note to the latest request; the outbox sends it to Thurrock First as a follow-up."""

    def name(self) -> Text:
        return "action_save_request_note"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        note = tracker.get_slot("request_note")
        made = requests_made(tracker)
        if note in (None, "none") or not made:
            dispatcher.utter_message(response="utter_you_are_welcome")
            return [SlotSet("request_note", None)]
        return save_note(dispatcher, made, note)


class ActionAnswerNoAfterSending(Action):
    """A "No" pressed after a request was sent: says truthfully that it was sent, and what can be done."""

    def name(self) -> Text:
        return "action_answer_no_after_sending"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        said = tracker.latest_message.get("text") or ""
        if NEXT_ASKED.search(said):  # "no i dont want to rate it, what happens now": the question answered
            return [FollowupAction("action_what_happens_next")]
        if asks_if_sent(said):
            return [FollowupAction("action_tell_request_status")]
        made = requests_made(tracker)
        if made:
            dispatcher.utter_message(response="utter_request_already_sent", reference=made[-1]["reference"])
        else:
            dispatcher.utter_message(response="utter_you_are_welcome")
        return []


# "what happens now?", "how long will it take", "when will they ring", said after a "no"
NEXT_ASKED = re.compile(
    r"\bwhat\s+(?:happens|now|next)\b|\bhow\s+(?:long|soon)\b|\bwhen\s+will\b|\bwhat\s+do\s+i\s+do\s+now\b",
    re.I,
)


# "who will they ring first, me or Karen?", "will they call me or his daughter?"
WHO_THEY_CONTACT = re.compile(
    r"\b(?:who|which\s+(?:of\s+us|one))\b[^.?!]{0,30}\b(?:ring|call|contact|phone|speak\s+to|get\s+in\s+touch)|"
    r"\b(?:ring|call|contact|phone)\w*\s+(?:me|us|her|him)\s+or\b|\bme\s+or\s+(?:her|him|his\s+\w+|her\s+\w+|[a-z]+)\s*\?",
    re.IGNORECASE,
)


class ActionWhatHappensNext(Action):
    """ "How long until they ring?": what happens after a request, said plainly of this chat's own
    request (being prepared, or nothing sent yet, so nobody thinks a call is coming)."""

    def name(self) -> Text:
        return "action_what_happens_next"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        made = requests_made(tracker)
        stage = tracker.get_slot("handover_stage")
        if stage in ("collecting", "confirming"):
            dispatcher.utter_message(response="utter_request_being_prepared")
        elif made == []:
            dispatcher.utter_message(response="utter_nothing_sent_yet")
        elif saved_only(made):  # saved only (no delivery set up): a plain no, never "they will contact you"
            tell_nobody_told(dispatcher, made[-1])
            return []
        dispatcher.utter_message(response="utter_what_happens_next")
        if made and WHO_THEY_CONTACT.search(full_text(tracker)):  # who they were asked to contact, and how
            dispatcher.utter_message(
                response="utter_who_they_contact", how=how_we_contact(handover_details(tracker))
            )
        if stage == "confirming":  # then what waits for their yes, with its buttons
            return [FollowupAction("action_confirm_handover")]
        return []


# "cancel my request please", "can i cancel it?": a saved request, never "let's start again" over it
CANCEL_REQUEST = re.compile(
    r"\b(?:cancel|withdraw|call\s+off|take\s+back|undo|stop)\w*\s+(?:my\s+|the\s+|that\s+|this\s+)?"
    r"(?:request|referral|it|that|reference)\b|\b(?:request|referral)\b[^.?!]{0,20}\bcancel",
    re.IGNORECASE,
)


class ActionStartAgain(Action):
    """ "Start again": the menu, keeping what we know; but "cancel my request" after one was saved is
    told plainly that it stays with Thurrock First, and how to cancel it with them."""

    def name(self) -> Text:
        return "action_start_again"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        made = requests_made(tracker) if CANCEL_REQUEST.search(full_text(tracker)) else None
        if made:
            tell_not_cancelled(dispatcher, made)
        else:
            dispatcher.utter_message(response="utter_start_again")
        return []
