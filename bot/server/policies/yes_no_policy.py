"""A yes or a no to a yes/no question is that answer, whatever else the message says; consent to
share taken back is that, whatever else it says.

"Do you want me to delete everything?" answered "yes delete it. does that include the complaint I
typed?" was read as a complaint (the words after the yes), started the complaint form, and deleted
nothing. Here, a message that starts with a plain yes or no, straight after such a question, gets
the step that answer leads to. Only safety outranks it (bot/server/policies/safety_policy.py).
"""

import re
from typing import Any, Dict, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.policies.fixed import FixedPolicy
from bot.details import NAME_WITHHELD, forgotten_detail
from bot.readback import readback_edit
from bot.sending import (
    asks_if_included,
    asks_if_urgent,
    asks_to_change,
    asks_urgent,
    says_not_urgent,
    says_only_send,
    says_save_it,
    withdraws_consent,
)

# the question (the response that asks it) -> the step for yes, the step for no
QUESTIONS = {"utter_confirm_forget": ("action_forget_me", "utter_forget_cancelled")}
YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|yes please|ok|okay|sure|go ahead|do it|delete (?:it|everything|the lot))\b",
    re.I,
)
NO = re.compile(r"^\W*(?:no|nope|nah|don'?t|do not|keep (?:it|everything))\b", re.I)
# "yes delete it all.. no wait, keep it": a mind changed in the same message is the last word
CHANGED_MIND = re.compile(
    r"\b(?:no\s+wait|wait\s*,?\s*no|actually\s*,?\s*(?:no|don'?t|keep)|hang\s+on|on\s+second\s+thoughts?|"
    r"keep\s+(?:it|everything|them|the\s+lot)|don'?t\s+delete|do\s+not\s+delete|changed\s+my\s+mind)\b",
    re.I,
)
# The read-back ("Shall I send it?" / "Shall I save it?"): a yes to send or save said anywhere in the
# message ("so is it saved or not? yes save it" was read as a question and lost the read-back), and
# still after a question in between, while the request waits for it (bot/sending.py)
READBACKS = {
    "utter_handover_readback": "action_submit_handover",
    "utter_handover_readback_saved": "action_submit_handover",
}
# "forget it, i dont want it sent", while a request is being made or waits to be sent: consent taken
# back, whatever else the message is read as (it was "not understood", or even a request for contact)
WITHDRAW = "action_withdraw_consent"
# "can you mark it urgent?" or "is it marked urgent?" at the read-back: marked or answered, then shown again
MARK_URGENT = "action_mark_urgent"
# "change" or "that's wrong" at the read-back: the change menu (it was "let's start again")
CHANGE = "action_ask_what_to_change"
STEPS = {step for steps in QUESTIONS.values() for step in steps} | set(READBACKS.values())
STEPS |= {WITHDRAW, MARK_URGENT, CHANGE}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class YesNoPolicy(FixedPolicy):
    """Predicts the step a plain yes or no leads to, right after a yes/no question."""

    PRIORITY = 9  # below the safety policy (10), above RulePolicy (4), Memoization (3) and TED (1)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_action_name
        if latest in STEPS:  # the step taken: then listen (never a guess at what else to do)
            action: Optional[Text] = ACTION_LISTEN_NAME
        else:
            action = answer_step(tracker) if latest == ACTION_LISTEN_NAME else None
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        # consent taken back mid-form outranks the form's own next question, as safety does
        return self._prediction(probabilities, is_no_user_prediction=action in (WITHDRAW, MARK_URGENT))


def answer_step(tracker: DialogueStateTracker) -> Optional[Text]:
    """The step the latest message's yes or no leads to, if it answers a question above."""
    text = (tracker.latest_message.text if tracker.latest_message else "") or ""
    if not text or text.startswith("/"):
        return None  # a button carries its own intent
    stage = tracker.get_slot("handover_stage")
    # "i dont want my name passed on. can you send it without my name?": the name withheld, not the request
    if stage in ("collecting", "confirming") and withdraws_consent(NAME_WITHHELD.sub(" ", text)):
        return WITHDRAW  # "forget it, i dont want it sent": not a detail to forget
    if forgotten_detail(text):
        return None  # "no, just the email" is a change of its own
    if (
        stage == "confirming"
        and (asks_urgent(text) or asks_if_urgent(text) or says_not_urgent(text))
        and not says_save_it(text)
    ):
        return MARK_URGENT
    if stage == "confirming" and asks_to_change(text):
        return CHANGE
    if stage == "confirming" and asks_if_included(text) and not says_save_it(text):
        return "action_confirm_handover"  # "INTERPRETER INCLUDED YES?": what will be saved, shown again
    if stage == "confirming" and readback_edit(text) and not says_only_send(text):
        return "action_confirm_handover"  # "take the gas bit out", "it's not dp, it's an assessment": made, shown
    asked, latest_seen = None, False
    for event in reversed(tracker.applied_events()):  # what was said between the last two messages
        if isinstance(event, UserUttered):
            if latest_seen:
                break
            latest_seen = True
            continue
        if isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") in {
            *QUESTIONS,
            *READBACKS,
        }:
            asked = event.metadata["utter_action"]
        elif isinstance(event, ActionExecuted) and event.action_name in QUESTIONS:
            asked = event.action_name
    if asked is None:
        # the read-back was shown before a question in between ("what's my reference?"): still open
        reading_back = tracker.get_slot("handover_stage") == "confirming"
        return "action_submit_handover" if reading_back and says_save_it(text) else None
    if asked in READBACKS:
        return READBACKS[asked] if says_save_it(text) else None
    yes, no = QUESTIONS[asked]
    if NO.search(text) or CHANGED_MIND.search(text):
        return no
    return yes if YES.search(text) else None
