"""Sentence-meaning features for the intent classifier.

Word counts alone only know words seen in training, so "aye" or "can I get money to sort my own
carers" missed their intents. This featurizer adds one dense vector per message from a
pretrained sentence encoder (bot/nlu/sentence_encoder.py), which places messages of similar
meaning near each other, beside the word and character counts.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.sentence_encoder import SentenceEncoder


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class SentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a sentence embedding of each message's text as a sentence-level feature."""

    def __init__(self, config: Dict[Text, Any], name: Text, encoder: SentenceEncoder) -> None:
        super().__init__(name, config)
        self._encoder = encoder

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceFeaturizer":
        return cls(config, execution_context.node_name, SentenceEncoder.load())

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to configure."""

    def process(self, messages: List[Message]) -> List[Message]:
        # every message a resident sends gets a vector, even an empty one, so the classifier's
        # input always has the same width; story-only training messages carry no text at all
        with_text = [message for message in messages if isinstance(message.get(TEXT), str)]
        if with_text:
            vectors = self._encoder.encode([message.get(TEXT) for message in with_text])
            for message, vector in zip(with_text, vectors):
                self.add_features_to_message(None, vector[None, :], TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
