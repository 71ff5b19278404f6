"""What a message means for safety in this conversation: shared by the safety policy (which
decides that the urgent answer goes first) and action_respond_to_risk (which gives it).

Works on the conversation's turns as plain dicts ({"event": "user"|"bot", "text", "parse_data",
"metadata"}), the form both the Rasa server and the action server can give.
"""

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Text

from bot.details import forgotten_detail
from bot.safety.concern import safe_contact, urgency_of
from bot.sending import says_save_it, says_send_now
from bot.safety.followups import (
    NO_PHONE_OF_THEIR_OWN,
    reassures,
    answered_any_time,
    answers_contact_question,
    names_a_way_to_contact,
    asks_to_carry_on,
    followup_kind,
    fears_being_taken_away,
    says_safe_now,
    says_someone_else,
    says_unsure,
    writer_is_young,
)
from bot.safety.risk import ABUSE, NO_RISK, SELF_HARM, SOMEONE_ELSE, Risk, in_context, tidy

RISK_ENTITY = "risk"
# Answers that end with "Are you safe right now?" / "Is it safe for us to contact you, and how?"
ASKS_ARE_YOU_SAFE = ("utter_risk_self_harm", "utter_risk_self_harm_imminent", "utter_risk_self_harm_again")
ASKS_SAFE_CONTACT = (
    "utter_risk_abuse",
    "utter_risk_domestic_abuse",
    "utter_risk_ask_safe_contact",
    "utter_risk_followup_contact_safely",
)
RISK_ANSWER_PREFIX = "utter_risk_"
# A medical emergency answered, and for how many messages after it "what do i do now", "i dropped the
# phone", "he died" are read as part of it
MEDICAL_ANSWER = "utter_risk_medical_emergency"
MEDICAL_MESSAGES = 10
# A button that asks for the urgent answer itself ("Report abuse or neglect" on the menu).
URGENT_BUTTONS = {"/safeguarding_concern": Risk(ABUSE), "/urgent_self_harm": Risk(SELF_HARM)}
# a question anywhere ("he's not in danger now. but is it abuse if dad says it's ok? …"): not an answer
QUESTION = re.compile(
    r"\?\s*$|^\s*(what|how|where|when|who|why|can|could|is|are|will|would|do|does|should)\b|"
    r"\b(what|how|where|when|who|why|is|are|will|would|does|should)\b[^.?!]{3,}\?",
    re.I,
)


@dataclass(frozen=True)
class SafetyTurn:
    """The latest message, for safety: its risk in context, a follow-up question, or an answer."""

    risk: Risk = NO_RISK
    followup: Optional[Text] = None  # a kind from bot.safety.followups
    answers: Optional[Text] = None  # "are_you_safe", "not_me", "safe_contact" or "carry_on"
    concern_raised: bool = False  # an urgent answer was given earlier in the conversation
    medical: bool = False  # a medical emergency was answered a few messages ago

    @property
    def needs_answer(self) -> bool:
        return self.risk.urgent or bool(self.followup) or bool(self.answers)


def message_risk(turn: Dict[Text, Any]) -> Risk:
    """The risk the NLU pipeline heard in one user turn (its `risk` entity), without context."""
    for entity in (turn.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == RISK_ENTITY:
            return Risk.from_value(entity.get("value"))
    return NO_RISK


def bot_actions_since_last_user_turn(turns: Sequence[Dict[Text, Any]]) -> List[Text]:
    """The responses the assistant gave just before the latest message."""
    said: List[Text] = []
    for turn in reversed(list(turns)[:-1]):
        if turn.get("event") == "user":
            break
        if turn.get("event") == "bot":
            said.append((turn.get("metadata") or {}).get("utter_action") or "")
    return said


def just_after_medical_emergency(turns: Sequence[Dict[Text, Any]]) -> bool:
    """Whether a medical emergency was answered in the last few messages before the latest."""
    users = 0
    for turn in reversed(list(turns)[:-1]):
        if turn.get("event") == "user":
            users += 1
            if users > MEDICAL_MESSAGES:
                return False
        elif (turn.get("metadata") or {}).get("utter_action") == MEDICAL_ANSWER:
            return True
    return False


def _form_asked(just_said: Sequence[Text]) -> bool:
    """Whether the assistant's last reply asked for a detail of a form (the phone, an email...)."""
    return any(action.startswith("utter_ask_") for action in just_said)


def read_turn(turns: Sequence[Dict[Text, Any]]) -> SafetyTurn:
    """The latest user message of a conversation (its turns, oldest first), for safety."""
    turns = list(turns)
    users = [turn for turn in turns if turn.get("event") == "user"]
    if not users or turns[-1].get("event") != "user":
        return SafetyTurn()
    text = users[-1].get("text") or ""
    if text.startswith("/"):
        return SafetyTurn(URGENT_BUTTONS.get(text.split("{")[0].strip(), NO_RISK))
    risk = in_context(message_risk(users[-1]), [message_risk(turn) for turn in users[:-1]], text)
    answered_before = any(
        ((turn.get("metadata") or {}).get("utter_action") or "").startswith(RISK_ANSWER_PREFIX)
        for turn in turns
        if turn.get("event") == "bot"
    )
    just_said = bot_actions_since_last_user_turn(turns)
    asked_if_safe = any(action in ASKS_ARE_YOU_SAFE for action in just_said)
    if asked_if_safe and not risk.imminent and says_unsure(text):
        risk = Risk(SELF_HARM, imminent=True)  # "I don't know" to "are you safe right now?" is not a yes
    answers = None
    if asked_if_safe and says_someone_else(text):
        answers = "not_me"  # "no it's not me, it's my dad saying it"
    elif asked_if_safe and says_safe_now(text):
        answers = "are_you_safe"
    elif (
        answered_before
        and not risk.urgent
        and reassures(text)
        and says_safe_now(text)
        and followup_kind(text) != "not_a_concern"  # "I'm not suicidal, take that off": the label
    ):
        answers = "are_you_safe"  # "don't worry, I'm not going to do anything daft", not asked first
    elif (
        any(action in ASKS_SAFE_CONTACT for action in just_said)
        and answers_contact_question(text)
        and not QUESTION.search(text)
        and (names_a_way_to_contact(text) or not risk.urgent)  # "i am scared of her": more of the concern
        and followup_kind(text) != "not_a_concern"  # "no no it's not abuse, he's my boy": not about contact
        and (
            names_a_way_to_contact(text) or not (says_save_it(text) or says_send_now(text))
        )  # "ok. yes save it"
    ):
        answers = "safe_contact"
    elif (
        answered_before
        and not risk.urgent
        and any(
            action in ASKS_SAFE_CONTACT
            for turn in turns
            for action in [(turn.get("metadata") or {}).get("utter_action")]
        )
        and (
            NO_PHONE_OF_THEIR_OWN.search(tidy(text or ""))
            or (names_a_way_to_contact(text) and not QUESTION.search(text) and not _form_asked(just_said))
        )
        and safe_contact(text)
        and followup_kind(text) in (None, "contact_safely")
    ):
        # "i cant fone. she has my fone" or "text me, dont ring when hes around", a few messages
        # after we asked how (never a form's answer: "no email. skip" is not "not safe to contact")
        answers = "safe_contact"
    elif answered_before and asks_to_carry_on(text) and not risk.urgent:
        answers = "carry_on"  # back to what the urgent answer interrupted
    medical = just_after_medical_emergency(turns)
    # "he died, i dont want to be here without him": the self-harm is answered, not the sorrow alone
    medical = medical and risk.kind not in (SELF_HARM, SOMEONE_ELSE)
    asked = followup_kind(text, medical) if not answers else None
    if medical and asked == "bereaved":
        risk = NO_RISK  # "he died", after the ambulance came: sorrow, not a carer gone
    if asked in ("anonymous", "keep_private", "contact_safely") and forgotten_detail(text):
        asked = None  # "can you take dad's address off? he'll know it was me": the address comes off
    if fears_being_taken_away(text) and writer_is_young([turn.get("text") or "" for turn in users]):
        asked = "young_fears"  # a child's "will they take us away?": answered, never a label taken off
    followup = asked if answered_before or answered_any_time(asked, text) else None
    return SafetyTurn(risk, followup, answers, answered_before, medical)


def told_again_for_the_request(turn: SafetyTurn, concerns: Sequence[Dict[Text, Any]]) -> bool:
    """A concern already answered, described again as the answer to "what do you need help with?"
    in the urgent request about it: the request takes it down in their words (the same urgent
    answer again would drop the request). A new or graver risk, or a question, is still answered."""
    risk = turn.risk
    return (
        risk.urgent
        and not risk.imminent
        and not turn.followup
        and not turn.answers
        and any(c.get("kind") == risk.kind and c.get("urgency") == urgency_of(risk) for c in concerns)
    )
