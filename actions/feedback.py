"""Feedback: "was this helpful?" after answers, "tell us what you think", and unanswered questions."""

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.details import (
    DECLINED,
    NOT_GIVEN,
    QUESTION_CONFIDENCE,
    QUESTION_START,
    asks_for_contact,
    details_set_this_turn,
    full_text,
    known_details,
    noted,
)
from actions.request_state import requests_made
from actions.topics import TOPIC_TITLES
from bot.sending import asks_if_sent, asks_to_send, says_save_it, tells_something_late
from actions.opening_hours import opening_line
from actions.distress import answer_distress
from bot.safety.risk import DISTRESS, SAFEGUARDING_KINDS, read_message
from bot.store.database import shared_database
from bot.store.feedback import record_feedback

logger = logging.getLogger(__name__)
# Ask after the first answer, then after every third: light, never after every turn.
ANSWERS_BETWEEN_QUESTIONS = 3
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
COMMENT_CHARS = 20000
HELPFUL_BUTTONS = [
    {"title": "Yes", "payload": '/answer_feedback{"helpful":"yes"}'},
    {"title": "No", "payload": '/answer_feedback{"helpful":"no"}'},
]


# Strain said beside a question answered ("some days i wonder whats the point anymore"), never a task
# they cannot do ("i need help in and out of the bath, i cant do it any more")
STRONG_STRAIN = re.compile(
    r"\bwhat'?s\s+the\s+point\b|\bwhats\s+the\s+point\b|\bno\s+point\s+(in\s+)?(anything|going\s+on|carrying\s+on)\b|"
    r"\b(hopeless|worthless)\b|\bcan'?t\s+(go\s+on|cope\s+(any\s*more|much\s+longer))\b|\bat\s+breaking\s+point\b|\bend\s+of\s+my\s+tether\b",
    re.I,
)


def topic_answers(tracker: Tracker) -> List[Text]:
    """The topic answers given so far, and whether "was this helpful?" came after each, in order."""
    said = []
    for event in tracker.events:
        action = (event.get("metadata") or {}).get("utter_action", "") if event.get("event") == "bot" else ""
        if action == "utter_ask_helpful":
            said.append("asked")
        elif action.replace("utter_", "", 1) in TOPIC_TITLES:
            said.append(action.replace("utter_", "", 1))
    return said


def last_topic(tracker: Tracker) -> Optional[Text]:
    for item in reversed(topic_answers(tracker)):
        if item != "asked":
            return TOPIC_TITLES[item]
    return None


def save(tracker: Tracker, kind: Text, **fields: Any) -> bool:
    """Stores feedback; a database problem is logged, never shown as an error to the resident."""
    try:
        record_feedback(
            shared_database(),
            tracker.sender_id,
            kind,
            channel=tracker.get_latest_input_channel() or "rest",
            **fields,
        )
        return True
    except Exception:
        logger.exception("Feedback could not be stored")
        return False


def log_unanswered(tracker: Tracker) -> None:
    """Keeps what the resident typed (not a button's payload) so staff can add content for it."""
    said = full_text(tracker)
    if said and not said.startswith("/"):
        save(tracker, "unanswered", comment=said[:2000])


class ActionLogUnanswered(Action):
    """After "I can't help with that": the question goes into the staff report."""

    def name(self) -> Text:
        return "action_log_unanswered"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        log_unanswered(tracker)
        return []


class ActionAskHelpful(Action):
    """After an answer: details given with the question noted; the second question of a
    two-question message offered as a button; now and then "Was this helpful?" with Yes / No.
    (The same answer asked for again is handled where responses are rendered: bot/server/nlg.py.)"""

    def name(self) -> Text:
        return "action_ask_helpful"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if (
            intent in TOPIC_TITLES
            and tracker.get_slot("handover_stage") not in ("collecting", "confirming")
            and asks_for_contact(full_text(tracker))
        ):  # "book me a carer's assessment please, call me evenings": answered, and the request started
            return [FollowupAction("action_start_handover")]  # which says what details it noted
        given = noted(details_set_this_turn(tracker), tracker)
        if given:  # details in a question ("I'm Raj, my dad in Corringham needs…"): said kept, once
            dispatcher.utter_message(response="utter_details_noted_in_passing", noted=given)
        if (
            read_message(full_text(tracker)).kind == DISTRESS
            and STRONG_STRAIN.search(full_text(tracker))
            and not tracker.get_slot("concerns")
        ):
            # "i look after my mum… some days i wonder whats the point anymore": answered, and then
            # someone to talk to, never "was this helpful?"
            answer_distress(dispatcher)
            return []
        if tracker.get_slot("handover_stage") == "confirming" and read_back_last_turn(tracker):
            # a question asked at the read-back: answered, then the request waits to be sent, shown again
            return [FollowupAction("action_confirm_handover")]
        history = topic_answers(tracker)
        second = second_question(tracker)
        if second:
            dispatcher.utter_message(
                response="utter_also_asked",
                topic=TOPIC_TITLES[second],
                buttons=[{"title": TOPIC_TITLES[second], "payload": f"/{second}"}],
            )
            return []
        since = history[::-1].index("asked") if "asked" in history else None
        if tracker.get_slot("concerns"):
            return []  # after someone told us of harm, danger or a death: never "was this helpful?"
        if since is None or since >= ANSWERS_BETWEEN_QUESTIONS:
            dispatcher.utter_message(response="utter_ask_helpful", buttons=HELPFUL_BUTTONS)
        return []


def read_back_last_turn(tracker: Tracker) -> bool:
    """Whether the request was read back (waiting for "send it") just before the latest message."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "action" and event.get("name") == "action_confirm_handover":
            return True
    return False


# A second topic in one message ("can I pay my son, and what if I can't manage the money?")
SECOND_QUESTION_CONFIDENCE = 0.2
SECOND_QUESTION_WORDS = 7


def second_question(tracker: Tracker) -> Optional[Text]:
    """The other topic a long message asks about: one of its sentences' (the `also_asked` entity),
    or else from NLU's ranking, if it is a strong second."""
    message = tracker.latest_message
    answered = (message.get("intent") or {}).get("name")
    also = next(tracker.get_latest_entity_values("also_asked"), None)
    if also in TOPIC_TITLES and also != answered:
        return also
    if len((message.get("text") or "").split()) < SECOND_QUESTION_WORDS:
        return None
    for ranked in (message.get("intent_ranking") or [])[1:3]:
        name = ranked.get("name")
        if (
            name in TOPIC_TITLES
            and name not in (answered, "talk_to_person")
            and ranked.get("confidence", 0) >= SECOND_QUESTION_CONFIDENCE
        ):
            return name
    return None


class ActionLogHelpful(Action):
    """Logs a Yes / No; a No asks what was missing (and offers a person)."""

    def name(self) -> Text:
        return "action_log_helpful"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        answer = next(tracker.get_latest_entity_values("helpful"), None)
        if answer is None:
            answer = (
                "no"
                if re.search(  # "i dont understand": not helped, never "thank you for telling me"
                    r"\b(no|not|didn'?t|wasn'?t|useless)\b|\b(don'?t|dont|do\s+not)\s+(understand|get\s+it)\b|\bconfus\w*",
                    tracker.latest_message.get("text", ""),
                    re.I,
                )
                else "yes"
            )
        save(tracker, "helpful", topic=last_topic(tracker), helpful=answer == "yes")
        if answer == "yes":
            dispatcher.utter_message(response="utter_thanks_helpful")
            return []
        return [SlotSet("feedback_topic", last_topic(tracker)), FollowupAction("missing_form")]


def own_words(value: Any, tracker: Tracker) -> Text:
    """A free-text answer, whole (up to 20,000 characters); "none" when skipped."""
    if str(value).startswith("/") or tracker.latest_message.get("intent", {}).get("name") == "deny":
        return "none"
    return full_text(tracker)[:COMMENT_CHARS]


# "whether my carer's allowance changes", "if I can pay my son": what they hoped to find out
WANTED_TO_KNOW = re.compile(
    r"^\W*(?:whether|if|about|how|what|when|who|where|which|why|help\s+with|(?:i\s+)?need\s+help|(?:can|could)\s+i)\b",
    re.I,
)


class ValidateMissingForm(FormValidationAction):
    """What was missing, kept for staff; a new question typed here is answered as a question too."""

    def name(self) -> Text:
        return "validate_missing_form"

    def validate_missing_comment(self, value, dispatcher, tracker, domain):
        """What was missing, in their words; answered too if it asks something ("can I pay my son?"),
        never if it tells ("nobody rings back, it's a disgrace" is their comment, not a question about
        complaints)."""
        intent = tracker.latest_message.get("intent", {})
        name = intent.get("name")
        not_helpful = tracker.get_slot("feedback_topic")
        said = full_text(tracker)
        if (
            (asks(said) or WANTED_TO_KNOW.match(said))
            and name in TOPIC_TITLES
            and intent.get("confidence", 0) >= QUESTION_CONFIDENCE
            and TOPIC_TITLES[name] != not_helpful
        ):
            dispatcher.utter_message(response=f"utter_{name}")
        return {"missing_comment": own_words(value, tracker)}


class ActionLogMissing(Action):
    """Keeps what was missing from an answer, in the resident's words, for staff to add content."""

    def name(self) -> Text:
        return "action_log_missing"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        comment = tracker.get_slot("missing_comment")
        cleared = [SlotSet("feedback_topic", None), SlotSet("missing_comment", None)]
        step = step_out_of_feedback(tracker)
        if step:  # "ok can you just refer her then. Mrs Pike, 84": the request, never kept as feedback
            return cleared + [FollowupAction(step)]
        if comment and comment != "none":
            save(tracker, "helpful", topic=tracker.get_slot("feedback_topic"), helpful=False, comment=comment)
        dispatcher.utter_message(response="utter_missing_logged")
        opening_line(dispatcher)  # "can help with your question": whether they are open now, said plainly
        return cleared


def read_rating(text: Text) -> Optional[int]:
    """A score said alone ("4", "four", "4/5") or in a few words ("I'd give it a 3 out of 5")."""
    words = text.strip().lower()
    found = re.fullmatch(r"\s*([1-5])(\s*(/|out of)\s*5)?\s*(stars?)?\s*", words)
    if found:
        return int(found.group(1))
    in_words = re.fullmatch(
        r"(i'?d\s+)?(give\s+(it|you|them)|rate\s+(it|you|them)|say|about|maybe|probably)?\s*(an?\s+)?"
        r"(?P<score>[1-5]|one|two|three|four|five)(\s*(/|out\s+of)\s*(5|five))?(\s+stars?)?"
        r"(\s+(i\s+)?(think|suppose|guess|really|tbh|please))?[\s.!]*",
        words,
    )
    if in_words:
        score = in_words.group("score")
        return int(score) if score.isdigit() else NUMBER_WORDS[score]
    return NUMBER_WORDS.get(words.rstrip(". !"))


# "1. obviously", "2 - they never ring back", "4/5 but slow": a rating first, then their words
# (a digit and a space alone is not one: "3 times this week nobody came")
RATING_THEN_WORDS = re.compile(
    r"^\W*(?P<score>[1-5])(?:\s*(?:(?:/|out\s+of)\s*5|stars?))?\s*"
    r"(?:[.,:;!)\-–]+\s*|\s+(?=(?:obviously|definitely|because|cos|but|as|terrible|rubbish|awful|poor|useless|"
    r"good|great|excellent|brilliant|ok|okay)\b))(?P<rest>\D.*)$",
    re.I | re.S,
)
# "I don't want to give a star rating", "no stars, I just want to say something": the rating is
# skipped; only what they say besides that is their comment (asked for when there is nothing else).
NO_RATING = re.compile(
    r"\b(?:(?:do\s*n[o']?t|dont|rather\s+not|won'?t|not\s+going\s+to|can'?t|no\s+need\s+to)\s+(?:want\s+to\s+|wanna\s+)?"
    r"(?:give|rate|do|pick|choose|score|leave)\b(?:\s+(?:it|you|a|an|any|the|them|this))*(?:\s+(?:star|number))?"
    r"(?:\s+(?:rating|ratings|stars?|scores?|numbers?|marks?))?"
    r"|no\s+(?:star\s+)?(?:rating|stars?|scores?|numbers?)(?:\s+(?:thanks|thank\s+you|please|ta))?"
    r"|skip\s+(?:the\s+)?(?:rating|stars?|scores?|numbers?)"
    r"|(?:i\s+)?(?:just|only)\s+(?:want(?:ed)?\s+to|wanna|need\s+to)\s+(?:say|tell\s+(?:you|them|someone|the\s+council)|leave|write|make)"
    r"(?:\s+(?:something|a\s+(?:comment|complaint|point)|you|them|my\s+(?:views?|comments?)))?)",
    re.I,
)
# What is left of a "no rating" message that is still a comment of their own ("..., the carers are late")
OWN_WORDS_LEFT = 3


def without_the_rating_talk(said: Text) -> Optional[Text]:
    """Their words once "I don't want to give a rating" is taken out; None if it never said so."""
    if not NO_RATING.search(said):
        return None
    rest = re.sub(r"^[\W_]*(?:(?:no|nah|sorry|ok|okay|and|but|i|,|\.)\b\W*)*", "", NO_RATING.sub(" ", said))
    return rest.strip(" ,.;:-!") if len(re.findall(r"[a-z']+", rest, re.I)) >= OWN_WORDS_LEFT else ""


# "can I complain on her behalf?", "can I make a complaint for my dad?"
COMPLAIN_FOR = re.compile(
    r"\b(complain|complaint)\b[^.?!]{0,30}\b(on\s+(her|his|their|my\s+\w+)\s+behalf|for\s+(her|him|them|my\s+\w+|someone))\b|"
    r"\bon\s+(her|his|their|my\s+\w+'?s?)\s+behalf\b",
    re.I,
)
# At the rating question, a message this long is what they want to tell the council: the comment
# (unless it asks something).
COMMENT_WORDS = 6
# A message asking to give feedback this long says what the feedback is.
TOLD_IN_THE_ASKING = 8


def asks(text: Text) -> bool:
    """A question, not a statement that starts like one ("when I ring them nobody answers"); asked in
    any sentence ("i dont want to rate anything. what happens if nobody comes tonight")."""
    if "?" in text:
        return True
    return any(
        QUESTION_START.search(sentence)
        and not re.match(r"\W*when\s+(i|we|you|they|he|she)\b", sentence, re.I)
        for sentence in re.split(r"(?<=[.!;])\s+", text)
    )


# At the rating question: messages that are about the rating itself, not a question of their own.
NOT_A_QUESTION = {"affirm", "deny", "give_feedback", "answer_feedback", "nlu_fallback", "greet", "thank"}
# Asked for at the rating question, started by action_submit_feedback once the rating is left.
HANDED_ON = {"request_callback"}
# The form's questions all answered as "left", so it ends, and nothing is kept.
LEFT = "left"
RATING_LEFT = {"feedback_rating": LEFT, "feedback_comment": "none", "feedback_contact_consent": False}


def with_earlier_words(tracker: Tracker, said: Text) -> Text:
    """Their comment, after what they already told us in asking (nothing they said is lost)."""
    earlier = tracker.get_slot("feedback_comment")
    kept = f"{earlier}\n{said}" if earlier and earlier != "none" else said
    return kept[:COMMENT_CHARS]


def form_started(tracker: Tracker) -> Optional[int]:
    """Where this time of telling us what they think began (the feedback form's latest start)."""
    return next(
        (
            i
            for i in range(len(tracker.events) - 1, -1, -1)
            if tracker.events[i].get("event") == "active_loop"
            and tracker.events[i].get("name") == "feedback_form"
        ),
        None,
    )


def rated_earlier(tracker: Tracker) -> bool:
    """Whether a rating was given before this time of telling us what they think: a second
    complaint in the same conversation is asked only for its words."""
    started = form_started(tracker)
    started = len(tracker.events) if started is None else started
    return any(
        e.get("event") == "slot" and e.get("name") == "feedback_rating" and isinstance(e.get("value"), int)
        for e in tracker.events[:started]
    )


# Asked while telling the council what they think, and answered by a step of its own, not kept as
# their comment: "what happens if nobody comes tonight?", "has it gone to thurrock first or not?"
STEP_FOR = {
    "what_happens_next": "action_what_happens_next",
    "ask_request_status": "action_tell_request_status",
    "add_to_request": "action_add_to_request",
    "request_callback": "action_start_handover",
    "out_of_hours": "action_answer_out_of_hours",  # "what happens if nobody comes tonight"
}
STEP_CONFIDENCE = 0.5


def step_out_of_feedback(tracker: Tracker) -> Optional[Text]:
    """The step a message typed during the feedback questions asks for instead of being feedback:
    "just send it to thurrock first" (a request waits: sent), "can you just refer her then", "can you
    add my old reference to it", "did that get added or not"; None for what they think."""
    said = full_text(tracker)
    if not said or said.startswith("/"):
        return None
    intent = likeliest_intent(tracker)
    waiting = tracker.get_slot("handover_stage") == "confirming"
    if waiting and (says_save_it(said) or asks_to_send(said)):
        return "action_submit_handover"
    if tells_something_late(said) and requests_made(tracker) or ADD_TO_REQUEST.search(said):
        return "action_add_to_request"
    if asks_if_sent(said):
        return "action_tell_request_status"
    if NOBODY_TONIGHT.search(said):  # "what happens if nobody comes tonight": who to call out of hours
        return "action_answer_out_of_hours"
    if asks_to_send(said) or REFER_THEM.search(said):
        return "action_start_handover"
    if (
        intent.get("name") in STEP_FOR
        and intent.get("confidence", 0) >= (UNSURE_CONFIDENCE if asks(said) else STEP_CONFIDENCE)
        and (intent["name"] != "request_callback" or not NO_RATING.search(said))
    ):
        return STEP_FOR[intent["name"]]
    return None


def likeliest_intent(tracker: Tracker) -> Dict[Text, Any]:
    """The intent NLU read, or, when it was unsure (a long message: "i dont want to rate anything.
    what happens if nobody comes tonight…"), the likeliest one it ranked."""
    intent = tracker.latest_message.get("intent", {})
    if intent.get("name") != "nlu_fallback":
        return intent
    ranked = [
        r for r in tracker.latest_message.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"
    ]
    return ranked[0] if ranked and ranked[0].get("confidence", 0) >= UNSURE_CONFIDENCE else intent


UNSURE_CONFIDENCE = 0.3
# "what happens if nobody comes tonight", "who do i ring if the carer doesnt turn up tonight"
NOBODY_TONIGHT = re.compile(
    r"\b(?:if|when)\s+(?:nobody|no\s*one|the\s+carers?|she|he|they)\s+(?:comes?|turns?\s+up|shows?\s+up|"
    r"doesn'?t\s+(?:come|turn\s+up|show)|don'?t\s+(?:come|turn\s+up|show))\b[^.?!]{0,20}\b(?:tonight|tomorrow|at\s+night|overnight|this\s+evening)\b",
    re.I,
)


# "can you add my old reference to the new one", "add this to my request"
ADD_TO_REQUEST = re.compile(
    r"\badd\b[^.?!]{0,40}\b(?:to\s+(?:my|the)\s+(?:request|referral|new\s+one|reference)|to\s+it)\b", re.I
)
# "ok can you just refer her then", "can you pass it on to them for me"
REFER_THEM = re.compile(
    r"\b(?:can|could|will)\s+you\s+(?:just\s+)?(?:refer\s+(?:her|him|them|me)|pass\s+(?:it|this|that)\s+on)\b",
    re.I,
)


class ValidateFeedbackForm(FormValidationAction):
    """Rating 1 to 5 (asked again kindly otherwise), comments (skippable), consent to contact."""

    def name(self) -> Text:
        return "validate_feedback_form"

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        """A request, "send it" or a question about their request, typed at any of these questions:
        the feedback is left (nothing kept) and that step taken (action_submit_feedback)."""
        left = [SlotSet(slot, value) for slot, value in RATING_LEFT.items()]
        if step_out_of_feedback(tracker) or tracker.get_slot("handover_stage") == "confirming":
            # (a complaint asked about while a request waits for its yes: answered, and the request
            # shown again, never a rating in between)
            return left
        said, intent = full_text(tracker), likeliest_intent(tracker)
        if (
            tracker.get_slot("requested_slot") != "feedback_rating"  # (the rating question answers its own)
            and asks(said)
            and intent.get("name") in TOPIC_TITLES
            and intent.get("name") not in NOT_A_QUESTION
            and intent.get("confidence", 0) >= STEP_CONFIDENCE
        ):  # "who help me write complaint? advocate?" typed as their comment: answered, nothing kept
            dispatcher.utter_message(response=f"utter_{intent['name']}")
            return left
        return await super().get_validation_events(dispatcher, tracker, domain)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        contact = {
            k: v
            for k, v in known_details(tracker).items()
            if k in ("full_name", "phone", "email") and v not in (DECLINED, NOT_GIVEN)
        }
        rating = [] if rated_earlier(tracker) else ["feedback_rating"]  # never asked twice
        return rating + ["feedback_comment"] + (["feedback_contact_consent"] if contact else [])

    async def extract_feedback_comment(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """What they want to tell the council, said in the message that started this ("I want to
        complain that nobody rang me back last month"): kept as their comment, never asked for again."""
        if tracker.get_slot("feedback_comment"):
            return {}
        started = form_started(tracker)
        said = (
            next((e for e in reversed(tracker.events[:started]) if e.get("event") == "user"), None)
            if started is not None
            else None
        )
        text = ((said or {}).get("metadata") or {}).get("full_text") or (said or {}).get("text") or ""
        intent = ((said or {}).get("parse_data") or {}).get("intent", {}).get("name")
        if (
            intent == "give_feedback"
            and not text.startswith("/")
            and len(text.split()) >= TOLD_IN_THE_ASKING
            and not asks(text)  # "who do I complain to, the council or the agency?" tells us nothing yet
        ):
            return {"feedback_comment": text[:COMMENT_CHARS]}
        return {}

    def validate_feedback_rating(self, value, dispatcher, tracker, domain):
        """A rating is optional: what they want to tell the council, typed instead, is their comment;
        a question is answered and the rating left; so is anything else after one "please choose a
        number", so nobody is held at this question."""
        rating = read_rating(str(value))
        said = full_text(tracker)
        a_number = not NO_RATING.search(said) and re.search(
            r"\d|\b(zero|six|seven|eight|nine|ten|hundred)\b", said.lower()
        )  # ("i dont want to rate anything. they dont answer after 5": a time, never a score)
        intent = tracker.latest_message.get("intent", {})
        failures = dict(tracker.get_slot("failed_answers") or {})
        tried = failures.pop("feedback_rating", 0)
        long_enough = len(said.split()) >= COMMENT_WORDS and not said.startswith("/")
        if rating is not None:
            return {"feedback_rating": rating, "failed_answers": failures}
        lead = RATING_THEN_WORDS.match(said)
        if lead:  # "1. obviously", "2 - they never ring back": the rating, and their words kept
            rated = {"feedback_rating": int(lead.group("score")), "failed_answers": failures}
            rest = lead.group("rest").strip()
            answer = f"utter_{intent.get('name')}"
            if (
                asks(rest)
                and intent.get("confidence", 0) >= QUESTION_CONFIDENCE
                and intent.get("name") not in NOT_A_QUESTION
                and answer in domain.get("responses", {})
            ):
                dispatcher.utter_message(response=answer)  # "1. but do I have to pay while I complain?"
            return (
                {**rated, "feedback_comment": with_earlier_words(tracker, rest)}
                if len(rest.split()) >= 2
                else rated
            )
        if asks(said) and COMPLAIN_FOR.search(said):  # "can i complain on her behalf?": yes, then the rating
            dispatcher.utter_message(response="utter_complain_for_someone")
            return {"feedback_rating": None, "failed_answers": failures}
        if not a_number and intent.get("name") == "deny" and not long_enough:
            return {"feedback_rating": "skipped", "failed_answers": failures}
        own = without_the_rating_talk(said) if not asks(said) else None
        if own is not None:  # "I don't want to rate it, I just want to say something": asked what
            skipped = {"feedback_rating": "skipped", "failed_answers": failures}
            return {**skipped, "feedback_comment": with_earlier_words(tracker, said)} if own else skipped
        if (
            long_enough
            and intent.get("name") not in HANDED_ON
            and (not asks(said) or intent.get("name") == "give_feedback")
        ):
            # "when I ring them nobody answers", "how long does a complaint take? he's diabetic": what
            # they think, kept as their comment, not refused (the thanks says how long complaints take)
            comment = with_earlier_words(tracker, said)
            return {"feedback_rating": "skipped", "feedback_comment": comment, "failed_answers": failures}
        answer = f"utter_{intent.get('name')}"
        if (
            not a_number
            and intent.get("name") not in NOT_A_QUESTION
            and intent.get("confidence", 0) >= QUESTION_CONFIDENCE
            and (answer in domain.get("responses", {}) or intent.get("name") in HANDED_ON)
        ):
            if intent.get("name") not in HANDED_ON:  # a call back is started once the rating is left
                dispatcher.utter_message(response=answer)
            return {**RATING_LEFT, "failed_answers": failures}
        asks_about_rating = re.search(r"\b(rate|rating|score|stars?)\b", said, re.I)  # "can i rate this chat"
        if (tried or NO_RATING.search(said) or (asks(said) and not asks_about_rating)) and not a_number:
            # "i dont want to rate anything. whats she supposed to do tonight?": never "choose a number"
            dispatcher.utter_message(response="utter_rating_left")
            return {**RATING_LEFT, "failed_answers": failures}
        # "0", "ten", "6/5", or words: asked again kindly, never taken as a skip
        dispatcher.utter_message(response="utter_invalid_rating")
        failures["feedback_rating"] = 1
        return {"feedback_rating": None, "failed_answers": failures}

    def validate_feedback_comment(self, value, dispatcher, tracker, domain):
        return {"feedback_comment": own_words(value, tracker)}

    def validate_feedback_contact_consent(self, value, dispatcher, tracker, domain):
        if isinstance(value, bool):
            return {"feedback_contact_consent": value}
        return {"feedback_contact_consent": False}


class ActionSubmitFeedback(Action):
    """Logs a rating and comment; contact details only if the resident agreed."""

    def name(self) -> Text:
        return "action_submit_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        rating = tracker.get_slot("feedback_rating")
        comment = tracker.get_slot("feedback_comment")
        if rating == LEFT:  # the rating was left for a question or a step: nothing to keep
            intent = tracker.latest_message.get("intent", {}).get("name")
            left = [SlotSet(slot, None) for slot in RATING_LEFT]
            step = (
                step_out_of_feedback(tracker)
                or ("action_confirm_handover" if tracker.get_slot("handover_stage") == "confirming" else None)
                or ("action_start_handover" if intent in HANDED_ON else None)
            )
            return left + ([FollowupAction(step)] if step else [])
        contact = None
        if tracker.get_slot("feedback_contact_consent"):
            details = known_details(tracker)
            contact = ", ".join(
                str(details[k])
                for k in ("full_name", "phone", "email")
                if details.get(k) not in (None, DECLINED, NOT_GIVEN)
            )
        saved = save(
            tracker,
            "rating",
            topic=last_topic(tracker),
            rating=rating if isinstance(rating, int) else None,
            comment=None if comment in (None, "none") else comment,
            contact=contact or None,
        )
        dispatcher.utter_message(response="utter_feedback_thanks" if saved else "utter_feedback_not_saved")
        if comment not in (None, "none") and read_message(str(comment)).kind in SAFEGUARDING_KINDS:
            # "left in the same chair till 4pm, no tablets": feedback is not read at once, so how to report it
            dispatcher.utter_message(response="utter_feedback_is_a_safeguarding_concern")
        return [
            SlotSet("feedback_rating", None),
            SlotSet("feedback_comment", None),
            SlotSet("feedback_contact_consent", None),
        ]
