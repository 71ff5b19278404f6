"""Picks a resident's details (name, postcode, phone, email…) out of any message, as entities.

Slots fill from these entities on every turn, so whatever a person tells us at any point is
never asked for again. Rule-based (bot.details) rather than trained: formats like postcodes
and phone numbers are exact, and nothing personal goes into training data. A detail of the
person the help is for carries the entity role "cared_for", so it fills their slots, not the caller's.

Corrections to the intent, after the classifier: a message that is only a name ("Pat") is
giving details, never a goodbye; a message not understood that introduces the writer ("this is
Claire from the surgery") is giving details, not "did you mean"; and another person's Easy Read
need ("my son needs easy read") does not switch this conversation to Easy Read.
"""

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.details import CARED_FOR, SAID_WRONG, TOLD_ALREADY, find_details, forgotten_detail
from bot.sending import asks_if_included, asks_to_send

NAME_ONLY_INTENTS_KEPT = {"safeguarding_concern", "urgent_self_harm", "give_details"}
# "Can someone from Thurrock First contact us about a needs assessment?", "can someone go and see
# her?": asking for contact, whatever topic it names (kept second in the ranking, for the request's
# topic). Not "who will ring me?" or "can you tell me who will contact me?".
ASKS_SOMEONE_TO_CONTACT = re.compile(
    r"\b(can|could|would|please|pls|i want|i'd like|i would like|i need)\s+(?:\w+\s+){0,2}?"
    r"(someone|somebody|anyone|a person|a social worker)\s+(?:(?!who|when|how|what|if|whether)\w+\s+){0,4}?"
    r"(call|ring|phone|contact|visit|get in touch|come (round|over|and see)|go (round|over|and see)|look into|check on)\b|"
    r"\b(get|ask|send)\s+(someone|somebody|a person)\s+(to\s+)?(call|ring|phone|contact|visit|come|go)\b",
    re.I,
)
NOT_A_COMPLAINT = re.compile(
    r"\b(?:not|isn'?t|wasn'?t)\s+(?:a\s+|making\s+a\s+|trying\s+to\s+)?complain", re.I
)
# "change what its about", "the topic is wrong", "it's not about a carer going away": what a request
# is about, to be chosen again (it was "let's start again", and the request was lost)
TOPIC_CHANGE = re.compile(
    r"\b(?:change|wrong|fix|correct)\b[^.?!]{0,20}\b(?:what\s+(?:it|its|it's|this|the\s+request)\s+(?:is\s+)?about|the\s+topic|topic)\b|"
    r"\b(?:what\s+(?:it|its|it's)\s+(?:is\s+)?about|the\s+topic)\s+(?:is\s+)?(?:wrong|not\s+right)\b",
    re.I,
)
# Intents a request to be contacted never replaces: risk, a person now, and the request's own steps.
NEVER_A_CALL_BACK = {
    "request_callback",
    "safeguarding_concern",
    "urgent_self_harm",
    "talk_to_person",
    "add_to_request",
    "ask_request_status",
    "update_detail",
    "forget_me",
    "what_happens_next",
}
INTRODUCING = {"person_name", "organisation", "phone", "email", "postcode", "contact_preference"}
# "I told you already, RM20 2BB", "Hi, Noel Burke here, my mobile is ...": a number, postcode or
# email read as a greeting or a goodbye is a detail given (the form's answer was blocked as "goodbye")
SMALL_TALK = {"greet", "goodbye", "start_again", "thank", "out_of_scope"}
CONTACT_DETAILS = {"phone", "email", "postcode"}
SURE_GOODBYE = 0.7
# a "greeting" longer than this, with a detail in it, is someone telling us who they are
GREETING_WORDS = 6
# "no that's all ta", "no thats everything thanks": the end of a conversation, said plainly
CLEAR_GOODBYE = re.compile(
    r"^\W*(?:no|nope|nah)?[\s,.!]*(?:that'?s|thats|that\s+is)\s+(?:all|it|everything)\b[\s,.!]*"
    r"(?:(?:for\s+now|thanks?|thank\s+you|ta|cheers|bye|then)\b[\s,.!]*)*$",
    re.IGNORECASE,
)
# "skip this" typed where no Skip button was offered: no answer to that question, never "stop"
SKIP = re.compile(
    r"^\W*(?:please\s+)?skip(?:\s+(?:this|that|it|this\s+one|(?:this|the)\s+question))?(?:\s+please)?\W*$",
    re.I,
)
# "ring me back", "can someone call me", "please get in touch": a request to be contacted (not
# "text me first on 07700…" or "call me after 5": how to contact them, a detail)
ASKS_TO_BE_CONTACTED = re.compile(
    r"\b(call|ring|phone|contact)\s+(me|us)\b(?!\s+(on|first|after|before|at|in|only|between|by)\b)|"
    r"\b(call|ring|phone)\s*(me\s+)?back\b|\bget in touch\b",
    re.I,
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class DetailExtractor(GraphComponent, EntityExtractorMixin):
    """Adds an entity for every detail found in a message's text."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "DetailExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload carries its own entities
            details = find_details(text)
            if asks_if_included(text):  # "INTERPRETER INCLUDED YES?": a question, never a new need
                details = [found for found in details if found.kind != "communication_need"]
            entities = [
                {
                    "entity": found.kind,
                    "value": found.value,
                    "start": found.start,
                    "end": found.end,
                    "confidence": 1.0,
                    **({"role": found.role} if found.role else {}),
                    **({"group": found.group} if found.group else {}),
                }
                for found in details
            ]
            self._correct_intent(message, text, details)
            if entities:
                entities = self.add_extractor_name(entities)
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    @staticmethod
    def _correct_intent(message: Message, text: Text, details) -> None:
        intent = (message.get(INTENT) or {}).get("name")
        names = [found for found in details if found.kind == "person_name" and found.role is None]
        letters = len(re.sub(r"\W", "", text))
        only_a_name = names and len(re.sub(r"\W", "", names[0].value)) >= letters - 1
        theirs_only = any(
            found.kind == "communication_need" and found.value == "Easy Read" and found.role == CARED_FOR
            for found in details
        ) and not any(
            found.kind == "communication_need" and found.value == "Easy Read" and found.role is None
            for found in details
        )
        # "Hi, this is Claire from Tilbury Health Centre, I'm calling about a patient": not understood
        # as a question, but it tells us who is writing; thanked for, not met with "did you mean"
        # ("Hi I'm Raj Mistry, my dad Frank lives in Corringham and needs help": more than a hello)
        introduces = (
            intent == "nlu_fallback" or intent == "greet" and len(text.split()) > GREETING_WORDS
        ) and any(found.kind in INTRODUCING for found in details)
        at_risk = any(entity.get("entity") == "risk" for entity in message.get(ENTITIES) or [])
        if not at_risk and forgotten_detail(text):  # "forget my email": that detail, not everything
            _set_intent(message, "update_detail")
        elif not at_risk and TOPIC_CHANGE.search(text):
            # "change what its about", "its not about breaks, its hospital discharge": the topic, chosen
            _set_intent(message, "update_detail")
            entity = {"entity": "detail", "value": "handover_topic", "start": 0, "end": len(text)}
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        elif (
            not at_risk
            and SAID_WRONG.search(text)
            and not any(found.kind in CONTACT_DETAILS | {"person_name"} for found in details)
        ):  # "the emale is rong": that detail, to change (with its new value it is a detail given)
            _set_intent(message, "update_detail")
        elif SKIP.match(text):
            _set_intent(message, "deny")
        elif intent == "give_feedback" and NOT_A_COMPLAINT.search(text):
            # "no it's not a complaint, I need help today": whatever it is, it is not feedback
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != "give_feedback"]
            if ranking:
                _set_intent(message, ranking[0]["name"])
        elif (
            (intent not in NEVER_A_CALL_BACK and not at_risk and ASKS_SOMEONE_TO_CONTACT.search(text))
            or (intent in ("give_details", "nlu_fallback") and ASKS_TO_BE_CONTACTED.search(text))
            or (
                intent in ("request_callback", "nlu_fallback", "give_details")
                and not at_risk
                and asks_to_send(text)
            )
        ):  # "OK. YOU SEND FOR ME? CARER ASSESSMENT. MY EMAIL …": a request, with its details
            # "call me back please, I'm Gill Turner 07700 900314": the details are kept from the
            # entities either way; what the message asks for is a call
            _set_intent(message, "request_callback")
        elif (
            (only_a_name and intent not in NAME_ONLY_INTENTS_KEPT)
            or (theirs_only and intent == "easy_read_on")
            or introduces
            or (
                intent in SMALL_TALK
                and not at_risk
                and any(found.kind in CONTACT_DETAILS for found in details)
            )
            or (  # never a goodbye or a no; not understood only when a detail is in it
                intent in SMALL_TALK | {"deny", "add_to_request"} | ({"nlu_fallback"} if details else set())
                and not at_risk
                and TOLD_ALREADY.search(text)
            )
        ):
            _set_intent(message, "give_details")
        elif _unsure_goodbye(message):
            message.set(INTENT, {"name": "nlu_fallback", "confidence": 1.0}, add_to_output=True)


def _unsure_goodbye(message: Message) -> bool:
    """ "she comes tomorrow" read as a goodbye at 0.56: a goodbye ends a request, so an unsure one is
    not understood instead (asked again, never "Goodbye")."""
    intent = message.get(INTENT) or {}
    if CLEAR_GOODBYE.match(message.get(TEXT) or ""):  # "no that's all ta": a goodbye however sure
        return False
    return intent.get("name") == "goodbye" and intent.get("confidence", 0.0) < SURE_GOODBYE


def _set_intent(message: Message, name: Text) -> None:
    """Makes `name` the message's intent, first in its ranking, at least as sure as before."""
    confidence = max((message.get(INTENT) or {}).get("confidence", 0.0), 0.9)
    message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != name]
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}] + ranking, add_to_output=True)
