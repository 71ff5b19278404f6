"""A plain yes or no to "delete everything?" is that answer, whatever words follow it
(bot/server/policies/yes_no_policy.py)."""

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.policies.yes_no_policy import answer_step


def after_the_question(text, asked="utter_confirm_forget"):
    events = [
        ActionExecuted("action_listen"),
        UserUttered("forget me"),
        ActionExecuted(asked),
        BotUttered("Do you want me to delete everything?", metadata={"utter_action": asked}),
        ActionExecuted("action_listen"),
        UserUttered(text),
    ]
    return DialogueStateTracker.from_events("web:yes-no", events)


@pytest.mark.parametrize(
    "text, step",
    [
        ("yes delete it. does that include the feedback and the complaint i typed?", "action_forget_me"),
        ("yes", "action_forget_me"),
        ("no, keep it, I want to complain about the bill", "utter_forget_cancelled"),
        ("yes delete it all.. no wait, keep it. my son might want to see it", "utter_forget_cancelled"),
        ("ok... actually no, on second thoughts leave it", "utter_forget_cancelled"),
        ("no not everything!! just the email", None),  # taking off the email is a change of its own
        ("what does that delete?", None),
        ("/affirm", None),
    ],
)
def test_a_yes_or_no_to_delete_everything_is_that_answer(text, step):
    assert answer_step(after_the_question(text)) == step


def test_only_straight_after_the_question():
    assert answer_step(after_the_question("yes please", asked="utter_ask_feedback_rating")) is None


def test_after_the_step_it_listens():
    from rasa.shared.core.domain import Domain

    from bot.server.policies.yes_no_policy import YesNoPolicy

    domain = Domain.load("domain.yml")
    tracker = after_the_question("yes delete it. does that include my feedback?")
    tracker.update(ActionExecuted("action_forget_me"))
    policy = YesNoPolicy.__new__(YesNoPolicy)
    policy.config = YesNoPolicy.get_default_config()
    policy.priority = 9
    prediction = policy.predict_action_probabilities(tracker, domain)
    assert domain.action_names_or_texts[prediction.probabilities.index(1.0)] == "action_listen"


@pytest.mark.parametrize(
    "text, step",
    [
        ("so is it saved or not? yes save it", "action_submit_handover"),
        ("ok just send it please", "action_submit_handover"),
        ("yes but don't send it yet, the postcode is wrong", None),
        ("the help isnt for me its for my brother", None),
        ("yes", None),  # a plain yes is the rules' own (the button's affirm)
    ],
)
def test_a_yes_to_send_or_save_anywhere_in_a_message_answers_the_read_back(text, step):
    assert answer_step(after_the_question(text, asked="utter_handover_readback_saved")) == step


def read_back_then(*messages, stage="confirming"):
    """The read-back, then a question in between ("whats my reference"), then the latest message."""
    events = [
        ActionExecuted("action_listen"),
        UserUttered("ring me please"),
        ActionExecuted("action_confirm_handover"),
        BotUttered("This is what I'll save…", metadata={"utter_action": "utter_handover_readback_saved"}),
    ]
    for text in messages:
        events += [
            ActionExecuted("action_listen"),
            UserUttered(text),
            ActionExecuted("action_tell_request_status"),
        ]
        events.append(
            BotUttered("I'm still preparing…", metadata={"utter_action": "utter_request_being_prepared"})
        )
    tracker = DialogueStateTracker.from_events("web:yes-no", events[:-2])
    tracker._set_slot("handover_stage", stage)
    return tracker


@pytest.mark.parametrize(
    "text, step",
    [
        ("yes save it", "action_submit_handover"),
        ("this is useless. just save it", "action_submit_handover"),
        ("Yes, save it", "action_submit_handover"),
        ("did you save it?", None),  # a question, not a yes
        ("don't save it yet", None),
        ("i want to save money on my care", None),
    ],
)
def test_a_save_it_after_a_question_in_between_still_answers_the_waiting_read_back(text, step):
    """Dave asked "whats my reference" at the read-back; his "yes save it" then showed the menu and
    nothing was ever saved: while a request waits for its yes, "save it" is that yes."""
    assert answer_step(read_back_then("whats my reference", text)) == step
    assert answer_step(read_back_then("whats my reference", text, stage=None)) is None


@pytest.mark.parametrize(
    "text, withdrawn",
    [
        ("forget it, i dont want it sent anywhere, dont share anything", True),
        ("please don't pass any of this on", True),
        ("I've changed my mind about sharing", True),
        ("no dont send it yet, i want to ask my sister first", False),  # only not yet
        ("please dont tell him it was me", False),  # who is told, a safety question
        ("don't share my address with my son", False),  # a limit on who is told
        ("RM17 6SL", False),
        ("i never said that, its RM17 6SL", False),  # a correction, not consent taken back
    ],
)
def test_consent_taken_back_while_a_request_is_made_stops_it(text, withdrawn):
    """Dave said "forget it, i dont want it sent… dont share anything" in the middle of his request:
    "not understood", then "You're welcome", and a later request never asked again."""
    from rasa.shared.core.events import SlotSet

    events = [ActionExecuted("action_listen"), UserUttered("can someone ring me")]
    events += [SlotSet("handover_stage", "collecting"), SlotSet("share_consent", True)]
    events += [ActionExecuted("action_listen"), UserUttered(text)]
    tracker = DialogueStateTracker.from_events("web:withdraw", events)
    assert (answer_step(tracker) == "action_withdraw_consent") is withdrawn
    quiet = DialogueStateTracker.from_events(
        "web:no-request", [ActionExecuted("action_listen"), UserUttered(text)]
    )
    assert answer_step(quiet) != "action_withdraw_consent"


@pytest.mark.parametrize(
    "text, step",
    [
        ("can you put it down as urgent please, she's home on friday", "action_mark_urgent"),
        ("is it flagged as urgent?", "action_mark_urgent"),
        ("yes send it, and it's urgent", "action_submit_handover"),  # the yes is the answer
        ("it's not urgent really", "action_mark_urgent"),  # kept with a worry, in their words
        ("it is NOT urgent, take off urgent", "action_mark_urgent"),
    ],
)
def test_urgency_asked_for_or_asked_about_at_the_read_back(text, step):
    """Priya, a discharge coordinator, asked twice for her referral to be marked urgent and once
    whether it was: "not understood", then a reply about Reviews."""
    from rasa.shared.core.events import SlotSet

    events = [ActionExecuted("action_listen"), UserUttered("save my request")]
    events += [SlotSet("handover_stage", "confirming")]
    events += [ActionExecuted("action_confirm_handover")]
    events += [BotUttered("Shall I save it?", metadata={"utter_action": "utter_handover_readback_saved"})]
    events += [ActionExecuted("action_listen"), UserUttered(text)]
    assert answer_step(DialogueStateTracker.from_events("web:urgent", events)) == step


@pytest.mark.parametrize(
    "text, step",
    [
        ("OK SAVE NOW", "action_submit_handover"),  # it said goodbye, and nothing was saved
        ("save please", "action_submit_handover"),
        ("change", "action_ask_what_to_change"),  # it was "OK, let's start again"
        ("i want to change something", "action_ask_what_to_change"),
        ("that's wrong", "action_ask_what_to_change"),
        ("change my phone to 07700 900123", None),  # a change of its own, read back again
        ("is the interpreter included in my request?", "action_confirm_handover"),
        ("did you save it?", None),
    ],
)
def test_save_now_or_change_at_the_read_back_is_that_step(text, step):
    """A Deaf resident's "OK SAVE NOW" at the read-back was read as goodbye and nothing was saved;
    Leon's "change" (the button's word, typed) started the conversation again."""
    assert answer_step(read_back_then("INTERPRETER?", text)) == step
    assert answer_step(read_back_then("INTERPRETER?", text, stage=None)) is None
