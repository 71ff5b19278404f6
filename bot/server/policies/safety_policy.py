"""Safety above everything: a risk in the latest message is answered first, in every state.

This policy runs beside Rasa's (config.yml) and outranks them all: when the latest message, read
with the messages before it (bot.safety.risk.in_context), carries a risk, it predicts
`action_respond_to_risk` with full confidence and as a prediction that does not wait for user
input, which is how Rasa's ensemble lets it beat even an active form's own turn. The same goes for
the questions people ask after an urgent answer (bot.safety.followups) and their answer to "are you
safe right now?" or "is it safe for us to contact you, and how?". After that action it predicts
listening. So no form, rule or step can forget safety: a new one is covered without any change.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.policies.fixed import FixedPolicy
from bot.safety.dialogue import SafetyTurn, read_turn, told_again_for_the_request

URGENT_REQUEST_FORM = "handover_form"
DESCRIBE_SLOT = "need"  # "In a sentence or two, in your own words, what do you need help with?"

RESPOND_TO_RISK = "action_respond_to_risk"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class SafetyPolicy(FixedPolicy):
    """Predicts the urgent answer whenever the latest message needs it."""

    PRIORITY = 10  # above RulePolicy (4), Memoization (3) and TED (1)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_action_name
        action = None
        if latest == RESPOND_TO_RISK:
            action = ACTION_LISTEN_NAME
        elif latest == ACTION_LISTEN_NAME and tracker.latest_message:
            turn = read_turn(turns(tracker))
            if turn.needs_answer and not describing_it_for_the_request(tracker, turn):
                action = RESPOND_TO_RISK
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)


def describing_it_for_the_request(tracker: DialogueStateTracker, turn: SafetyTurn) -> bool:
    """The person is describing, for the urgent request, a concern already answered."""
    return (
        tracker.active_loop_name == URGENT_REQUEST_FORM
        and tracker.get_slot("requested_slot") == DESCRIBE_SLOT
        and tracker.get_slot("handover_urgency") == "urgent"
        and told_again_for_the_request(turn, tracker.get_slot("concerns") or [])
    )


def turns(tracker: DialogueStateTracker) -> List[Dict[Text, Any]]:
    """The conversation's user and bot turns as plain dicts (as the action server sees them)."""
    found = []
    for event in tracker.applied_events():
        if isinstance(event, (UserUttered, BotUttered)):
            found.append(event.as_dict())
    return found
