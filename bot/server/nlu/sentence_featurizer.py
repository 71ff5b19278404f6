"""Sentence-meaning features for the intent classifier.

Word counts alone only know words seen in training, so "aye" or "can I get money to sort my own
carers" missed their intents. This featurizer adds one dense vector per message from a
pretrained sentence encoder (bot/server/nlu/sentence_encoder.py), which places messages of similar
meaning near each other, beside the word and character counts. Training first fine-tunes the
encoder on our intents (bot/server/nlu/encoder_tuning.py) and keeps the tuned weights in the model.
With `fine_tune_runs` above 1 it tunes that many copies from different random starts and gives
each message all their vectors side by side: the copies get different phrasings wrong, so
together they get fewer wrong (measured in `make bench`), for one more encoding per message.
The copies are served as one ONNX graph with 8-bit weights (bot/server/nlu/onnx_encoder.py), built
at training and kept in the model beside the tuned weights.
"""

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from safetensors.numpy import save_file

from bot.server.nlu.onnx_encoder import OnnxEncoder, graph_bytes
from bot.server.nlu.question_parts import asks, question_parts
from bot.server.nlu.sentence_encoder import LAYERS, first_tuned_layer, official_tokenizer, official_weights
from bot.server.nlu.topic_part import topic_part

TUNED_WEIGHTS_FILE = "tuned-{run}.safetensors"
# the files whose code decides the tuned copies and their graph (for Rasa's training cache)
TUNING_AND_SERVING_CODE = ("encoder_tuning.py", "onnx_encoder.py", "sentence_encoder.py", "wordpiece.py")
# what is served: the copies as one ONNX graph (bot/server/nlu/onnx_encoder.py)
ENCODER_FILE = "encoder.onnx"
# The vector of what a call-back request is about (bot/server/nlu/topic_part.py), when it says.
TOPIC_PART_VECTOR = "topic_part_vector"
# A long message's parts (bot/server/nlu/question_parts.py), when it has several: for each, its
# vector and whether it asks something.
QUESTION_PART_VECTORS = "question_part_vectors"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a sentence embedding of each message's text as a sentence-level feature."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # 0 epochs keeps the official weights
        return {
            **DenseFeaturizer.get_default_config(),
            "fine_tune_epochs": 6,
            "fine_tune_runs": 2,
            "learning_rate": 1e-4,
            "random_seed": 0,
            # the top layers that learn; the layers below stay as pretrained
            "tuned_layers": LAYERS,
            # whether the word embeddings (half the model's weights) learn too
            "tune_embeddings": True,
            # served with 8-bit matrix weights (false: float, the NumPy encoder's vectors exactly)
            "quantise": True,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        encoder: Optional[OnnxEncoder] = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self._encoder = encoder

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceFeaturizer":
        return cls(config, model_storage, resource, execution_context)

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        """The code that tunes the copies and builds the graph: Rasa's training cache reuses a
        component's output while its config and inputs are unchanged, so without this a change to
        how tuning or the graph works would not retrain."""
        here = Path(__file__).parent
        code = b"".join((here / name).read_bytes() for name in TUNING_AND_SERVING_CODE)
        return hashlib.sha256(code).hexdigest()

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if (
            int(config["fine_tune_epochs"]) < 0
            or int(config["fine_tune_runs"]) < 1
            or float(config["learning_rate"]) <= 0
            or not 1 <= int(config["tuned_layers"]) <= LAYERS
        ):
            raise ValueError(
                "fine_tune_epochs must be 0 or more, fine_tune_runs 1 or more, learning_rate above 0 "
                f"and tuned_layers from 1 to {LAYERS}."
            )

    def train(self, training_data: TrainingData) -> Resource:
        """Tunes copies of the encoder on the intents' examples; keeps their tuned weights and the
        graph that serves them."""
        examples = [
            example for example in training_data.intent_examples if isinstance(example.get(TEXT), str)
        ]
        official = official_weights()
        runs: List[Dict[Text, np.ndarray]] = []
        if self._config["fine_tune_epochs"] and len({example.get(INTENT) for example in examples}) > 1:
            from bot.server.nlu.encoder_tuning import fine_tune  # TensorFlow: only needed to train

            runs = [
                fine_tune(
                    official,
                    official_tokenizer(),
                    [example.get(TEXT) for example in examples],
                    [example.get(INTENT) for example in examples],
                    epochs=int(self._config["fine_tune_epochs"]),
                    learning_rate=float(self._config["learning_rate"]),
                    seed=int(self._config["random_seed"]) + run,
                    tuned_layers=int(self._config["tuned_layers"]),
                    tune_embeddings=bool(self._config["tune_embeddings"]),
                )
                for run in range(int(self._config["fine_tune_runs"]))
            ]
        # copies that differ only from a layer up share what lies below it, computed once
        shared = first_tuned_layer(int(self._config["tuned_layers"]), bool(self._config["tune_embeddings"]))
        model = graph_bytes(
            [{**official, **tuned} for tuned in runs] or [official],
            quantised=bool(self._config["quantise"]),
            shared_layers=shared if runs else 0,
        )
        with self._model_storage.write_to(self._resource) as directory:
            for run, tuned in enumerate(runs):
                save_file(tuned, str(directory / TUNED_WEIGHTS_FILE.format(run=run)))
            (directory / ENCODER_FILE).write_bytes(model)
        self._encoder = OnnxEncoder(model)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SentenceFeaturizer":
        """The encoder graph kept at training, or the official model if there is none."""
        try:
            with model_storage.read_from(resource) as directory:
                encoder = OnnxEncoder((directory / ENCODER_FILE).read_bytes())
        except (ValueError, FileNotFoundError):
            encoder = None
        return cls(config, model_storage, resource, execution_context, encoder)

    def process(self, messages: List[Message]) -> List[Message]:
        """Adds the vectors to residents' messages."""
        self._add_vectors(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._add_vectors(training_data.training_examples, training=True)
        return training_data

    def _add_vectors(self, messages: List[Message], training: bool = False) -> None:
        # every message a resident sends gets a vector, even an empty one, so the classifier's
        # input always has the same width; story-only training messages carry no text at all
        with_text = [message for message in messages if isinstance(message.get(TEXT), str)]
        if with_text:
            texts = [message.get(TEXT) for message in with_text]
            # side by side and scaled, so the joined vector has unit length like each part
            parts = [(message, topic_part(message.get(TEXT))) for message in with_text if not training]
            parts = [(message, part) for message, part in parts if part]
            sentences = [
                (message, sentence)
                for message in ([] if training else with_text)
                for sentence in question_parts(message.get(TEXT))
            ]
            extra = [part for _, part in parts] + [sentence for _, sentence in sentences]
            # the official model until one is trained or loaded
            encoder = self._encoder or OnnxEncoder.official(bool(self._config["quantise"]))
            vectors = encoder.encode(texts + extra) / np.sqrt(encoder.copies)
            for message, vector in zip(with_text, vectors):
                self.add_features_to_message(None, vector[None, :], TEXT, message)
            # read by the intent classifier
            for (message, _), vector in zip(parts, vectors[len(texts) :]):
                message.set(TOPIC_PART_VECTOR, vector)
            for (message, sentence), vector in zip(sentences, vectors[len(texts) + len(parts) :]):
                read = (vector, asks(sentence))
                message.set(QUESTION_PART_VECTORS, (message.get(QUESTION_PART_VECTORS) or []) + [read])
