"""The risk reader in the NLU pipeline: every message, on every channel, in every state.

Runs after the intent classifier. It reads the message with bot.safety.risk (patterns and the
classifier's intent together) and
- adds a `risk` entity saying what it heard ("self_harm", "self_harm:imminent", "abuse",
  "distress" for a vague message that is a risk only after a worrying one, ...), which the safety
  policy (bot/server/policies/safety_policy.py) reads with the messages before it;
- sets the intent to the urgent one when there is a risk, so older rules and stories still match;
- takes the urgent intent away when the classifier guessed it but the message is plainly an
  ordinary need ("he's weak since hospital and can't wash himself"): the next likeliest intent
  answers instead, and a form keeps its answer.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.safety.risk import INTENT_OF_KIND, URGENT_INTENTS, Risk, read_message

RISK_ENTITY = "risk"
FALLBACK_INTENT = "nlu_fallback"
FALLBACK_THRESHOLD = 0.45  # as config.yml's FallbackClassifier


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    """Reads the risk in each message; sets or takes away the urgent intent accordingly."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls()

    def read(self, message: Message) -> Risk:
        intent = message.get(INTENT) or {}
        name, confidence = intent.get(INTENT_NAME_KEY), intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0
        if name == FALLBACK_INTENT:  # the classifier's own best guess, before the fallback
            ranking = message.get(INTENT_RANKING_KEY) or []
            best = next((i for i in ranking if i.get(INTENT_NAME_KEY) != FALLBACK_INTENT), {})
            name, confidence = best.get(INTENT_NAME_KEY), best.get(PREDICTED_CONFIDENCE_KEY) or 0.0
        return read_message(message.get(TEXT) or "", name, confidence)

    @staticmethod
    def _next_ordinary_intent(message: Message) -> Dict[Text, Any]:
        ranking = message.get(INTENT_RANKING_KEY) or []
        for candidate in ranking:
            if candidate.get(INTENT_NAME_KEY) not in (*URGENT_INTENTS, FALLBACK_INTENT):
                if (candidate.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= FALLBACK_THRESHOLD:
                    return {
                        INTENT_NAME_KEY: candidate[INTENT_NAME_KEY],
                        PREDICTED_CONFIDENCE_KEY: candidate[PREDICTED_CONFIDENCE_KEY],
                    }
                break
        return {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload already names its intent
            risk = self.read(message)
            intent: Optional[Text] = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if risk.urgent:
                message.set(
                    INTENT,
                    {INTENT_NAME_KEY: INTENT_OF_KIND[risk.kind], PREDICTED_CONFIDENCE_KEY: 1.0},
                    add_to_output=True,
                )
            elif intent in URGENT_INTENTS:
                message.set(INTENT, self._next_ordinary_intent(message), add_to_output=True)
            if risk.kind:
                entity = {
                    ENTITY_ATTRIBUTE_TYPE: RISK_ENTITY,
                    ENTITY_ATTRIBUTE_VALUE: risk.as_value(),
                    ENTITY_ATTRIBUTE_START: 0,
                    ENTITY_ATTRIBUTE_END: len(text),
                    EXTRACTOR: "SafetyNet",
                }
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
