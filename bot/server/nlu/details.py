"""Picks a resident's details (name, postcode, phone, email…) out of any message, as entities.

Slots fill from these entities on every turn, so whatever a person tells us at any point is
never asked for again. Rule-based (bot.details) rather than trained: formats like postcodes
and phone numbers are exact, and nothing personal goes into training data.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.details import find_details


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
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
            entities = [
                {"entity": found.kind, "value": found.value, "start": found.start,
                 "end": found.end, "confidence": 1.0}
                for found in find_details(text)
            ]
            if entities:
                entities = self.add_extractor_name(entities)
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages
