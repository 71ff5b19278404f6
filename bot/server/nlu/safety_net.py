"""Keyword safety net for the NLU pipeline.

The classifier may be unsure about a message like "my carer hits me" and answer with a
"did you mean" question. For safeguarding and self-harm that is not good enough, so this
component runs last and, when a message matches one of the configured patterns, sets the
intent to the urgent one with full confidence. Patterns live in config.yml.
"""

import re
from typing import Any, Dict, List, Pattern, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyNet(GraphComponent):
    """Overrides the predicted intent when a message matches an urgent pattern."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"patterns": {}}

    def __init__(self, patterns: List[Tuple[Text, Pattern]]) -> None:
        self._patterns = patterns

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        compiled = [
            (intent, re.compile(pattern, re.IGNORECASE))
            for intent, patterns in config["patterns"].items()
            for pattern in patterns
        ]
        return cls(compiled)

    def urgent_intent(self, text: Text) -> Text:
        """The urgent intent whose pattern matches the text, or an empty string."""
        for intent, pattern in self._patterns:
            if pattern.search(text):
                return intent
        return ""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload already names its intent
            intent = self.urgent_intent(text)
            if intent:
                message.set(
                    INTENT,
                    {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0},
                    add_to_output=True,
                )
        return messages
