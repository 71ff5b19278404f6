"""Intent classifier: Rasa's logistic regression on scaled word, character and sentence features.

Rasa's LogisticRegressionClassifier feeds raw counts beside the sentence embedding, so long
messages' counts drown the embedding, and its regularisation is fixed. Here each message's
counts are damped (log) and scaled to unit length, the embedding gets a configurable weight,
and the regularisation strength is configurable. Training, persistence (skops) and prediction
are Rasa's own.
"""

from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.preprocessing import normalize

from bot.content import topic_titles
from bot.server.nlu.sentence_featurizer import TOPIC_PART_VECTOR

CALL_BACK = "request_callback"
# Topics that say who to contact, not what a request is about.
NOT_REQUEST_TOPICS = {"talk_to_person", "contact_thurrock_first", "out_of_hours"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ScaledLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression over unit-length damped counts plus a weighted sentence embedding."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "max_iter": 3000,
            "C": 10.0,
            "dense_weight": 2.0,
            # how sure the topic of a call-back request's other words must be to be named
            "topic_part_confidence": 0.4,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        name: Text,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            counts = csr_matrix(sparse.features, dtype=np.float64) if sparse else csr_matrix((1, 0))
            counts.data = np.log1p(counts.data)
            meaning = dense.features * self.config["dense_weight"] if dense else np.zeros((1, 0))
            rows.append(hstack([normalize(counts), csr_matrix(meaning)]))
        return vstack(rows).tocsr()

    def process(self, messages: List[Message]) -> List[Message]:
        """Rasa's prediction; and for a call-back request that says what it is about, that topic
        as the `topic` entity (its own vector read with the sentence weights alone)."""
        super().process(messages)
        for message in messages:
            vector = message.get(TOPIC_PART_VECTOR)
            if vector is None or (message.get(INTENT) or {}).get("name") != CALL_BACK:
                continue
            counts_width = self.clf.coef_.shape[1] - vector.shape[0]
            row = hstack(
                [csr_matrix((1, counts_width)), csr_matrix(vector[None, :] * self.config["dense_weight"])]
            )
            ranking = sorted(
                zip(self.clf.classes_, self.clf.predict_proba(row.tocsr())[0]), key=lambda r: -r[1]
            )
            topics = set(topic_titles()) - NOT_REQUEST_TOPICS
            topic, confidence = next(((name, p) for name, p in ranking if name in topics), (None, 0.0))
            if topic and confidence >= self.config["topic_part_confidence"]:
                entity = {
                    "entity": "topic",
                    "value": topic,
                    "confidence": float(confidence),
                    "extractor": self.name,
                }
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
