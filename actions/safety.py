"""The urgent answer, graded, in any state: action_respond_to_risk.

The safety policy (bot/server/policies/safety_policy.py) runs this action before any rule or form
whenever the latest message carries a risk, asks a follow-up question about one, or answers "are
you safe right now?" / "is it safe for us to contact you, and how?". It
- answers by kind and grade (imminent self-harm, self-harm, someone else, abuse, domestic abuse,
  neglect, danger, a carer afraid of harming, a missed care visit, someone left with nobody when
  their carer is suddenly away, someone unsafe at home alone), never the same block twice in
  a row, and each follow-up question with its own answer;
- says whether Thurrock First is open now, from the one source of opening hours (bot/content.py);
- keeps the concern in the person's own words (slot `concerns`) for the top of the handover;
- pauses a form it interrupted, with a button to carry on where they were.
"""

import re
from typing import Any, Dict, List, Optional, Set, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.details import ENTITY_OF, answer_detail, held_before
from actions.fallback import last_responses
from actions.handover import request_topic
from actions.opening_hours import opening_line
from actions.topics import TOPIC_TITLES
from bot.content import now_in_london
from bot.sending import says_send_now
from bot.details import SELF
from bot.safety.concern import (
    SELF_NEGLECT_TOLD,
    KIND_TITLES,
    active_concerns,
    at_risk,
    causing_harm,
    is_domestic,
    new_concern,
    safe_contact,
    self_neglect_told,
    urgency_of,
)
from bot.safety.followups import (
    NO_PHONE_OF_THEIR_OWN,
    asks_to_carry_on,
    denies_the_harm,
    followup_kinds,
    writer_is_young,
)
from bot.safety.dialogue import (
    ASKS_ARE_YOU_SAFE,
    MEDICAL_ANSWER,
    bot_actions_since_last_user_turn,
    read_turn,
)
from actions.request_state import requests_made, saved_only, tell_nobody_told
from actions.requests import NOTE_CHARS, save_note
from bot.safety.risk import (
    ABUSE,
    CARER_HARM,
    DANGER,
    DISTRESS,
    MISSED_CARE,
    NEGLECT,
    SELF_HARM,
    SOMEONE_ELSE,
    UNSAFE_ALONE,
    WITHOUT_CARER,
    Risk,
    is_medical,
    read_message,
    said_only_strain,
    tidy,
)

BLOCKS = {
    SELF_HARM: "utter_risk_self_harm",
    SOMEONE_ELSE: "utter_risk_someone_else",
    ABUSE: "utter_risk_abuse",
    NEGLECT: "utter_risk_neglect",
    DANGER: "utter_risk_danger",
    CARER_HARM: "utter_risk_carer_harm",
    MISSED_CARE: "utter_risk_missed_care",
    WITHOUT_CARER: "utter_risk_without_carer",
    UNSAFE_ALONE: "utter_risk_unsafe_alone",
}


# The answer to each follow-up question (bot/safety/followups.py).
FOLLOWUP_ANSWERS = {
    "is_it_abuse": "utter_risk_followup_is_it_abuse",
    "care_continues": "utter_risk_followup_care_continues",
    "anonymous": "utter_risk_followup_anonymous",
    "keep_private": "utter_risk_followup_keep_private",
    "contact_safely": "utter_risk_followup_contact_safely",
    "carer_in_trouble": "utter_risk_followup_carer_in_trouble",
    "chat_private": "utter_risk_followup_chat_private",
    "why_flagged": "utter_risk_followup_why_flagged",
    "someone_to_talk_to": "utter_risk_followup_someone_to_talk_to",
    "police_involved": "utter_risk_followup_police_involved",
    "police_or_agency": "utter_risk_followup_police_or_agency",
    "welfare_check": "utter_risk_followup_welfare_check",
    "waiting_to_call": "utter_risk_followup_waiting_to_call",
    "call_999": "utter_risk_followup_welfare_check",
    "call_111": "utter_risk_followup_call_111",
    "for_young_people": "utter_risk_followup_for_young_people",
    "young_fears": "utter_risk_followup_young_fears",
    "self_neglect": "utter_risk_followup_self_neglect",
    "help_now": "utter_risk_followup_help_now",
    "cant_phone": "utter_risk_followup_cant_phone",
    "take_words_out": "utter_risk_followup_take_words_out",
    "worse_tonight": "utter_risk_followup_tonight",
    "saved_tablets": "utter_risk_followup_saved_tablets",
    "calling_999": "utter_risk_followup_calling_999",
    "what_next": "utter_risk_followup_what_next",
    "what_next_reporter": "utter_risk_followup_what_next_reporter",
    "no_answer": "utter_risk_followup_no_answer",
    "somewhere_safe": "utter_risk_followup_somewhere_safe",
    "emergency_now": "utter_risk_followup_emergency_now",
    "help_arrived": "utter_risk_followup_help_arrived",
    "bereaved": "utter_risk_followup_bereaved",
}
# What a button offers to carry on with, by the form a risk interrupted.
# The forms an urgent answer pauses, that "carry on where we were" takes up again where they were.
RESUME = ("handover_form", "feedback_form")
CARRY_ON_PAYLOAD = "carry on where we were"  # typed or pressed, read the same way (bot.safety.followups)
CONTACT_BUTTON = {"title": "Ask someone to contact me", "payload": "/request_callback"}
MENU_BUTTON = {"title": "Main menu", "payload": "/show_menu"}
ASKS_ARE_YOU_SAFE_SET = set(ASKS_ARE_YOU_SAFE)
MOST_FOLLOWUPS_ANSWERED = 2
# Concerns where someone else may be causing the harm (named, if at all, in later messages too).
HARMED_BY_OTHERS = (ABUSE, NEGLECT, DANGER, MISSED_CARE)
REPEAT_ANSWERS = ("utter_risk_more", "utter_risk_offer_contact", "utter_risk_kept_too")
# Said again ("I won't be here much longer anyway"): the ways to help now each time, never only thanks
SELF_HARM_AGAIN = ("utter_risk_self_harm_again", "utter_risk_self_harm_again_contact")


def turns(tracker: Tracker) -> List[Dict[Text, Any]]:
    return [event for event in tracker.events if event.get("event") in ("user", "bot")]


def replies_before(events: List[Dict[Text, Any]], how_many: int = 2) -> List[Set[Text]]:
    """The responses of the assistant's last replies before the latest message, oldest first."""
    replies: List[Set[Text]] = []
    for event in events[:-1]:
        if event.get("event") == "user":
            replies.append(set())
        elif replies:
            replies[-1].add((event.get("metadata") or {}).get("utter_action") or "")
    return replies[-how_many:]


# A question asked with "I'm safe" is answered too, when the classifier is this sure of it.
QUESTION_WITH_ANSWER_CONFIDENCE = 0.7
ASKED_QUESTION_CONFIDENCE = 0.5  # ... or this sure, when it is plainly asked ("how do i get…?")


def asked_too(tracker: Tracker) -> Optional[Text]:
    """The topic a message also asks about, besides answering a safety question."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    text = tracker.latest_message.get("text") or ""
    asks = "?" in text or bool(re.search(r"\b(how|what|where|who|can\s+i|could\s+i|do\s+i)\b", text, re.I))
    sure = QUESTION_WITH_ANSWER_CONFIDENCE if not asks else ASKED_QUESTION_CONFIDENCE
    if name in TOPIC_TITLES and intent.get("confidence", 0) >= sure:
        return name
    also = next(tracker.get_latest_entity_values("also_asked"), None)  # "yeah im safe. how do i get…"
    return also if also in TOPIC_TITLES else None


def about_someone_else(concern: Dict[Text, Any]) -> bool:
    """Told by someone worried about another person (a neighbour, a son), not by the person at risk."""
    at_risk = str(concern.get("who_may_be_at_risk") or "")
    return at_risk != "the person writing" and bool(
        re.match(
            r"(someone|the\s+person\s+the\s+writer|my|his|her|their|our|a|an|the|mr|mrs|ms|miss|dr)\s",
            at_risk,
        )
    )


def only_followups(text: Text) -> bool:
    """Every sentence of the message is a follow-up question about the worry ("what will happen if i
    report it? will they take him away?"): nothing else was asked, so no topic is answered too."""
    parts = [part for part in re.split(r"[.?!]+", text or "") if len(part.split()) >= 3]
    asked = [q for q in re.findall(r"[^.?!]+\?", text or "") if len(q.split()) >= 3]
    if asked:  # "what happens if I report it? will someone go round? he's quite proud.": its questions
        return all(followup_kinds(question) for question in asked)
    return bool(parts) and all(followup_kinds(part) for part in parts)


def freshest(response: Text, tracker: Tracker, domain: DomainDict) -> Text:
    """A follow-up's answer, or its shorter "again" wordings (`_again`, `_again_2`) when it was given
    in either of the last two turns: never the same text as either of the two replies before."""
    wordings = [response] + [
        name
        for name in (f"{response}_again", f"{response}_again_2")
        if name in (domain.get("responses") or {})
    ]
    recent, last = last_responses(tracker, 2), last_responses(tracker, 1)
    return next(
        (w for w in wordings if w not in recent), next((w for w in wordings if w not in last), response)
    )


# Questions asked in the same message as the worry itself, answered after its urgent answer
ASKED_WITH_A_WORRY = (
    "self_neglect",
    "is_it_abuse",
    "care_continues",
    "what_next",
    "anonymous",
    "keep_private",
    "police_involved",
    "for_young_people",
)


def answer_kept(tracker: Tracker, text: Text) -> List[EventType]:
    """The answer to the form's question said in the same message as a worry ("lee hartley. honestly
    some days i think everyone would be better off…"): kept, so it is never asked for again."""
    asked = tracker.get_slot("requested_slot")
    # the form's whole-message mapping filled it with this message, unchecked ("no phone. a letter
    # please" was sent as the phone number): only the answer in it is kept
    raw = tracker.get_slot(asked) == text if asked else False
    if asked not in ENTITY_OF or (tracker.get_slot(asked) and not raw) or text.startswith("/"):
        return [SlotSet(asked, None)] if raw else []
    kind, role = ENTITY_OF[asked]
    value = answer_detail(text, asked, kind, role)
    return [SlotSet(asked, value)] if value else ([SlotSet(asked, None)] if raw else [])


def asked_with_the_worry(text: Text, risk: Risk, young: bool = False) -> List[Text]:
    """ "my dad's new friend takes his card… is this abuse? what would happen if i told you?": the
    questions of a first telling (never beside a risk to life now, which needs the whole screen); a
    child who told us their age ("im 15") is also given Childline."""
    if risk.imminent or (risk.kind == DANGER and is_medical(text)):
        return []
    asked = [
        kind
        for kind in followup_kinds(text)
        if kind in ASKED_WITH_A_WORRY
        # ("i don't want to make a fuss", of a son at risk of suicide: never "abuse can be physical…")
        and not (kind in ABOUT_HARM_BY_OTHERS and risk.kind in (SELF_HARM, SOMEONE_ELSE))
    ][:MOST_FOLLOWUPS_ANSWERED]
    return asked + ["for_young_people"] if young and "for_young_people" not in asked else asked


# Answers about harm someone else may be causing: not for a risk to a person's own life
ABOUT_HARM_BY_OTHERS = ("is_it_abuse", "self_neglect", "care_continues", "police_involved")


def block_for(risk: Risk, text: Text = "") -> Text:
    if risk.kind == SELF_HARM and risk.imminent:
        return "utter_risk_self_harm_imminent"
    if risk.kind in (NEGLECT, ABUSE) and self_neglect_told(text):
        return FOLLOWUP_ANSWERS["self_neglect"]  # what self-neglect is and who to tell, never "101 to check"
    if risk.kind == DANGER and is_medical(text):  # an ambulance, not the silent call for violence
        return MEDICAL_ANSWER
    # read as urgent where the policy decided, not here (the conversation read a moment apart): never
    # a failure, the answer for more of a worry
    return BLOCKS.get(risk.kind, "utter_risk_more")


def topic_without(tracker: Tracker, concern: Dict[Text, Any]) -> Text:
    """The request's topic with a concern the person said was wrong taken out ("A carer afraid…, and
    Breaks for carers" -> "Breaks for carers"); worked out again if nothing else was in it."""
    title = KIND_TITLES[concern["kind"]].capitalize()
    topic = tracker.get_slot("handover_topic") or ""
    rest = topic[len(title) :].lstrip(", ").removeprefix("and ").strip() if topic.startswith(title) else topic
    return rest or request_topic(tracker, [concern])


class ActionRespondToRisk(Action):
    """Answers a risk, a follow-up about one, or an answer to a safety question."""

    def name(self) -> Text:
        return "action_respond_to_risk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        turn = read_turn(turns(tracker))
        text = tracker.latest_message.get("text") or ""
        concerns: List[Dict[Text, Any]] = [dict(c) for c in tracker.get_slot("concerns") or []]
        last_answer: Optional[Text] = tracker.get_slot("last_risk_answer")
        events: List[EventType] = []
        answer = last_answer

        if (
            turn.answers in ("are_you_safe", "safe_contact")
            and says_send_now(text)
            and tracker.get_slot("handover_stage") == "confirming"
            and tracker.get_slot("share_consent")
        ):  # "i already told you its safe. just send it please", with the request read back: sent
            if turn.answers == "are_you_safe":
                dispatcher.utter_message(response="utter_risk_safe_now")
            return [FollowupAction("action_submit_handover")]
        if turn.answers == "carry_on" or (turn.answers == "are_you_safe" and asks_to_carry_on(text)):
            if turn.answers == "are_you_safe":  # "yes I'm safe, can we carry on with Jamie's thing?"
                dispatcher.utter_message(response="utter_risk_safe_now")
            return self._carry_on(dispatcher, tracker)
        if turn.answers == "not_me":  # the worry is about someone else: their concern, and the right advice
            if concerns and concerns[-1]["kind"] == SELF_HARM:
                concerns[-1].update(
                    kind=SOMEONE_ELSE,
                    what=KIND_TITLES[SOMEONE_ELSE],
                    who_may_be_at_risk=at_risk(text, Risk(SOMEONE_ELSE)),
                )
                concerns[-1]["their_words"].append(text.strip()[:2000])
            dispatcher.utter_message(response=BLOCKS[SOMEONE_ELSE])
            answer = SOMEONE_ELSE
        elif turn.answers == "are_you_safe":
            dispatcher.utter_message(response="utter_risk_safe_now")
            asked = asked_too(tracker)
            if asked:  # "I'm ok really. What I wanted was: can mum switch to direct payments?"
                dispatcher.utter_message(response=f"utter_{asked}")
            answer = "safe_now"
        elif turn.answers == "safe_contact":
            how = safe_contact(text) or f'their words: "{text.strip()[:300]}"'
            if concerns:
                concerns[-1]["safe_to_contact"] = how
            wishes = list(tracker.get_slot("contact_preference") or [])
            if "not by phone" in how and "not by phone" not in wishes:
                events.append(
                    SlotSet("contact_preference", [w for w in wishes if w != "phone call"] + ["not by phone"])
                )
            dispatcher.utter_message(response="utter_risk_contact_noted", how=how.split(" (their words")[0])
            if NO_PHONE_OF_THEIR_OWN.search(
                tidy(text)
            ):  # "she has my phone": ways that need no phone of theirs
                dispatcher.utter_message(response="utter_risk_ways_without_a_phone")
            answer = "contact_noted"
        elif turn.followup == "not_a_concern" and not turn.risk.urgent:
            # "it's not abuse, he bruises on warfarin": nothing else asked (a new risk is answered below)
            answer = self._take_label_off(dispatcher, concerns, text)
            topic = asked_too(tracker)
            if topic:  # "…can he get a falls assessment?"
                dispatcher.utter_message(response=f"utter_{topic}")
        elif (
            turn.followup
            and turn.followup != "not_a_concern"
            and not (turn.risk.urgent and turn.risk.as_value() != last_answer and not turn.concern_raised)
        ):
            asked = [turn.followup] + [
                k for k in followup_kinds(text, turn.medical) if k not in (turn.followup, "not_a_concern")
            ]
            if concerns and about_someone_else(concerns[-1]):
                # told by a neighbour or a relative: "please don't tell him it was me" is staying
                # anonymous, and "what happens if i report it?" is about the person, not their own care
                reporter = {
                    "keep_private": "anonymous",
                    "what_next": "what_next_reporter",
                    "care_continues": "what_next_reporter",
                }
                asked = list(dict.fromkeys(reporter.get(kind, kind) for kind in asked))
            if concerns and SELF_NEGLECT_TOLD.search(" ".join(concerns[-1].get("their_words") or [])):
                # "so is this a safeguarding thing?" after telling of a tenant hoarding: self-neglect
                asked = list(
                    dict.fromkeys("self_neglect" if kind == "is_it_abuse" else kind for kind in asked)
                )
            asked.sort(
                key=lambda kind: kind not in ("call_999", "call_111")
            )  # whether to call is answered first
            for kind in asked[:MOST_FOLLOWUPS_ANSWERED]:  # "999 or 101? and will they tell him it was me?"
                saved = saved_only(requests_made(tracker)) if kind == "what_next" else None
                if saved:  # "when will they ring me?" of a request only saved: nobody will, phone them
                    tell_nobody_told(dispatcher, saved)
                else:  # the same question again straight after: its shorter "again" answer, if it has one
                    response = FOLLOWUP_ANSWERS[kind]
                    dispatcher.utter_message(response=freshest(FOLLOWUP_ANSWERS[kind], tracker, domain))
            topic = None if only_followups(text) else asked_too(tracker)
            if topic == "contacts" and set(asked) & {"call_999", "call_111"}:
                topic = None  # "should i ring 111 or someone": who to ring is what was answered
            if topic:  # "could she go somewhere for a week? and am I in trouble?": both answered
                dispatcher.utter_message(response=f"utter_{topic}")
            if (turn.risk.urgent or turn.followup == "why_flagged") and concerns:
                concerns[-1]["their_words"].append(text.strip()[:2000])  # "it's not abuse": kept too
            if (
                concerns
                and concerns[-1]["kind"] in HARMED_BY_OTHERS
                and not concerns[-1].get("who_may_be_causing_harm")
            ):
                # "will he find out? it's my son": who it is, said after the concern
                concerns[-1]["who_may_be_causing_harm"] = causing_harm(text)
            answer = f"followup:{turn.followup}"
        else:
            risk = turn.risk
            answered = [c for c in concerns if c["kind"] == risk.kind and c["urgency"] == urgency_of(risk)]
            if risk.imminent and ASKS_ARE_YOU_SAFE_SET & set(
                bot_actions_since_last_user_turn(turns(tracker))
            ):
                # "no, not tonight" to "are you safe right now?": what to do now, every time it is said
                if answered and not text.startswith("/"):
                    answered[-1]["their_words"].append(text.strip()[:2000])
                elif not answered:
                    concerns.append(new_concern(text, risk, now_in_london().isoformat(timespec="minutes")))
                dispatcher.utter_message(response="utter_risk_not_safe_now")
                answer = "not_safe_now"
            elif answered:  # this block was given already: never the same block again
                if not text.startswith("/"):
                    answered[-1]["their_words"].append(text.strip()[:2000])
                    if risk.kind in HARMED_BY_OTHERS and not answered[-1].get("who_may_be_causing_harm"):
                        answered[-1]["who_may_be_causing_harm"] = causing_harm(text)
                if tracker.get_slot("handover_stage") == "confirming" and risk.kind != SELF_HARM:
                    # "the bruises bit is about my brother, I told you his name", at the read-back: kept,
                    # and the read-back again with it (it was lost, and "yes save it" then saved nothing)
                    return [SlotSet("concerns", concerns), FollowupAction("action_confirm_handover")]
                repeats = SELF_HARM_AGAIN if risk.kind == SELF_HARM else REPEAT_ANSWERS
                # never the reply of either of the two turns before; just told us they are safe: not
                # asked again at once, but given the numbers again
                before = replies_before(turns(tracker))
                fresh = [r for r in repeats if not any(r in said for said in before)]
                if last_answer == "safe_now":
                    fresh = [r for r in fresh if r != repeats[0]]
                recent = before[-2:]
                response = (
                    fresh or [r for r in repeats if not any(r in said for said in recent)] or list(repeats)
                )[0]
                if risk.kind == DANGER and is_medical(text):  # "she's breathing but it's weird": the same
                    # emergency, still happening: what to do until help comes, never "press 55"
                    response = freshest(FOLLOWUP_ANSWERS["emergency_now"], tracker, domain)
                dispatcher.utter_message(response=response)
                answer = response
            else:
                said = "" if text.startswith("/") else text  # a button says nothing of what happened
                # hoarding read as abuse, with nobody hurting or taking from them: kept as (self-)neglect
                kept = (
                    Risk(NEGLECT, risk.imminent) if risk.kind == ABUSE and self_neglect_told(text) else risk
                )
                concerns.append(new_concern(said, kept, now_in_london().isoformat(timespec="minutes")))
                dispatcher.utter_message(response=block_for(risk, text))
                if risk.kind in (ABUSE, DANGER) and is_domestic(text):
                    dispatcher.utter_message(response="utter_risk_domestic_abuse")
                young = writer_is_young(
                    [t.get("text") or "" for t in turns(tracker) if t.get("event") == "user"]
                )
                for kind in asked_with_the_worry(text, risk, young):  # "…is this abuse? what would happen?"
                    if FOLLOWUP_ANSWERS[kind] != block_for(risk, text):
                        dispatcher.utter_message(response=FOLLOWUP_ANSWERS[kind])
                answer = risk.as_value()
            if risk.kind != DANGER or not is_medical(text):  # an ambulance now: office hours can wait
                opening_line(dispatcher)

        paused = tracker.get_slot("paused_form")
        active = (tracker.active_loop or {}).get("name")
        made = requests_made(tracker) if active == "note_form" and not text.startswith("/") else None
        if made:  # told as what to add to a request already made ("put that i'm scared of what i might do")
            events += save_note(dispatcher, made, text.strip()[:NOTE_CHARS])
        if active:
            paused = active
            events += answer_kept(tracker, text)  # "lee hartley. honestly some days i think…": his name
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
            if tracker.get_slot("need") == text:  # the form took this message as the need: it is not
                events.append(SlotSet("need", None))
        buttons = [CONTACT_BUTTON]
        if paused in RESUME:
            buttons.insert(0, {"title": "Carry on where we were", "payload": CARRY_ON_PAYLOAD})
        self._attach_buttons(dispatcher, buttons + [MENU_BUTTON])
        events += [
            SlotSet("concerns", concerns),
            SlotSet("last_risk_answer", answer),
            SlotSet("paused_form", paused),
        ]
        if held_before(tracker, "asking_for") == SELF and tracker.get_slot("asking_for") != SELF:
            # "it's my grandson, he has my card", after "it's for me": the relative named is who
            # may be causing harm, never now the person the help is for
            events += [SlotSet("asking_for", SELF), SlotSet("cared_for", held_before(tracker, "cared_for"))]
        if active_concerns(concerns):
            events.append(SlotSet("handover_urgency", "urgent"))
        elif answer == "label_removed":
            events.append(SlotSet("handover_urgency", None))
        stage = tracker.get_slot("handover_stage")
        if answer == "label_removed" and stage in ("collecting", "confirming"):
            events.append(SlotSet("handover_topic", topic_without(tracker, concerns[-1])))
            if stage == "confirming":  # the read-back again, without the label
                events.append(FollowupAction("action_confirm_handover"))
        return events

    @staticmethod
    def _take_label_off(
        dispatcher: CollectingDispatcher, concerns: List[Dict[Text, Any]], text: Text
    ) -> Text:
        """ "It's not abuse, he's on warfarin": the label comes off the latest concern, and their words
        stay (with these), so Thurrock First reads both. A risk to their own life, or harm to themselves
        they now deny (a typical retraction), is never taken off: why it was marked is said instead."""
        if not concerns:  # nothing held (forgotten): why it was said, never a label taken off
            dispatcher.utter_message(response="utter_risk_followup_why_flagged")
            return "followup:why_flagged"
        concern = concerns[-1]
        heard = [said for said in concern["their_words"] if read_message(said).kind == SELF_HARM]
        # raised by strain or distress alone ("i cant do this much longer, i sit and cry"), never by
        # words of ending their life
        strain = (
            concern["kind"] == SELF_HARM
            and bool(concern["their_words"])
            and all(said_only_strain(said) for said in heard)
        )
        concern["their_words"].append(text.strip()[:2000])
        if (
            concern["kind"] not in (SELF_HARM, SOMEONE_ELSE, DISTRESS)
            and concern.get("who_may_be_at_risk") != "the person writing"
            and not concern.get("withdrawn")
            and not denies_the_harm(text)
        ):  # "i dont need samaritans", "999?? its not like that": the answer was wrong, the worry stands
            dispatcher.utter_message(response="utter_risk_concern_kept")
            return "followup:concern_kept"
        if not strain and (
            concern["kind"] in (SELF_HARM, SOMEONE_ELSE)
            or (concern["kind"] == ABUSE and concern.get("who_may_be_at_risk") == "the person writing")
            or concern.get("withdrawn")
        ):  # their own life, or harm to themselves said not to be so ("it's not abuse, he's my boy"): kept
            dispatcher.utter_message(response="utter_risk_followup_why_flagged")
            return "followup:why_flagged"
        # "I'm knackered, can't carry on like this", then "I'm safe, take that off": strain, said safe
        said = "they are safe and this is wrong" if strain else "this is wrong"
        concern.update(
            withdrawn=True,
            what=f"{concern['what']}: the person said {said}",
            urgency=f"not urgent: the person said {'they are safe' if strain else 'this is wrong'}",
        )
        dispatcher.utter_message(response="utter_risk_label_removed")
        return "label_removed"

    @staticmethod
    def _carry_on(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """Back to the request or feedback the urgent answer interrupted, where it was (never its
        start again: no second consent question, no second introduction); else the topics."""
        paused = tracker.get_slot("paused_form")
        if paused not in RESUME:  # "back to my question from before, does the carers assessment…"
            asked = asked_too(tracker)
            dispatcher.utter_message(response=f"utter_{asked}" if asked else "utter_menu_again")
            return []
        dispatcher.utter_message(response="utter_carry_on")
        return [SlotSet("paused_form", None), FollowupAction(paused)]

    @staticmethod
    def _attach_buttons(dispatcher: CollectingDispatcher, buttons: List[Dict[Text, Text]]) -> None:
        """The buttons go on the last message, so they sit under the answer."""
        if dispatcher.messages:
            dispatcher.messages[-1]["buttons"] = buttons
