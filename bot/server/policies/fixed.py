"""What our policies share: nothing to learn, a fixed priority above Rasa's own."""

from typing import Any, Dict, List, Text

from rasa.core.policies.policy import Policy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates


class FixedPolicy(Policy):
    """A policy whose predictions are written in code and read from the tracker: training stores
    nothing, and its priority (PRIORITY) places it among Rasa's (RulePolicy 4, Memoization 3, TED 1)."""

    PRIORITY = 5

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {"priority": cls.PRIORITY}

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        with self._model_storage.write_to(self._resource):
            pass
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "FixedPolicy":
        return cls(config, model_storage, resource, execution_context)
