"""A request already made: the note in "can I add that ...", and the state a resident is told."""

import pytest

from actions.request_state import resident_state
from actions.requests import note_in


@pytest.mark.parametrize(
    "said, note",
    [
        ("can I add that he's on insulin", "he's on insulin"),
        ("Could you please add that my mum is partially sighted", "my mum is partially sighted"),
        ("also tell them she has a dog", "she has a dog"),
        ("please let thurrock first know she's had a fall since", "she's had a fall since"),
        ("add to my request that she lives alone", "she lives alone"),
        ("add this: she gets very anxious on the phone", "she gets very anxious on the phone"),
        ("I forgot to say she is diabetic, can you add that", "she is diabetic"),
        ("can you add that hes diabetic to the request, i forgot", "hes diabetic"),
        ("can you add that she uses a walking frame too thanks", "she uses a walking frame"),
        # "can i add something, ...": the something is the asking, never the start of the note
        ("oh can i add something, my sister works days", "my sister works days"),
        (
            "can i add something to it. he said hed stop me seeing my daughter",
            "he said hed stop me seeing my daughter",
        ),
        (
            "Thanks. Sorry, whats my reference again? And can I add her NHS number, its 943 476 5919",
            "her NHS number, its 943 476 5919",
        ),
        # told late, with no "add": the note is what they forgot
        ("forgot to say hes diabetic", "hes diabetic"),
        (
            "sorry i meant to mention, she's moving to her daughter's next month",
            "she's moving to her daughter's next month",
        ),
        ("one more thing, he has a dog that bites", "he has a dog that bites"),
        ("he is on warfarin, forgot to say", "he is on warfarin"),
        ("Can I add something? He has a key safe", "He has a key safe"),
    ],
)
def test_the_note_is_the_residents_words_after_asking_to_add(said, note):
    assert note_in(said) == note


@pytest.mark.parametrize(
    "said",
    [
        "can i add something to my request",
        "add this to my request",
        "I need to add something",
        "can I add a bit more information",
        "add a note please",
        "is it too late to add something",
        "can I add her NHS number",
        "could i add his date of birth please",
        "can you add Pat's number to my request",
        "one more thing",
        "i forgot to say something",
    ],
)
def test_only_asking_to_add_is_not_a_note(said):
    assert note_in(said) is None


def test_the_state_is_said_plainly():
    def handover(*statuses):
        return {"deliveries": [{"status": status} for status in statuses]}

    assert resident_state(handover("sent")) == "utter_request_sent"
    # no delivery configured: saved for staff, and the resident was told to phone; never "sent"
    assert resident_state(handover()) == "utter_request_saved"
    assert resident_state(handover("pending")) == "utter_request_sending"
    assert resident_state(handover("sent", "failed")) == "utter_request_not_sent_yet"


@pytest.mark.parametrize(
    "said, about_deleting",
    [
        ("so has it gone to them or not?", False),
        ("has it actually gone through to the council", False),
        ("is it gone? is everything deleted now", True),
        ("has it really gone, will anyone see what i said", True),
    ],
)
def test_gone_to_them_is_sent_never_deleted(said, about_deleting):
    """Bill's "so has it gone to them or not?" got "No, nothing has been deleted yet"."""
    from actions.privacy import ASKS_IF_DELETED

    assert bool(ASKS_IF_DELETED.search(said)) is about_deleting


@pytest.mark.parametrize(
    "said, cancels",
    [
        ("cancel my request please", True),
        ("can i cancel it", True),
        ("i want to withdraw my referral", True),
        ("start again", False),
        ("let's start over", False),
    ],
)
def test_cancelling_a_request_is_told_apart_from_starting_again(said, cancels):
    """Janet's "cancel my request please" got "OK, let's start again" and the request stayed."""
    from actions.requests import CANCEL_REQUEST

    assert bool(CANCEL_REQUEST.search(said)) is cancels


def test_a_request_held_past_the_days_limit_is_saved_never_being_sent(monkeypatch):
    """With a delivery set up, a request held for staff (no delivery made for it) was "being sent to
    Thurrock First now: not sent yet", after the resident had been told to phone."""
    from bot.settings import settings

    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")
    settings.cache_clear()
    try:
        assert resident_state({"deliveries": []}) == "utter_request_saved"
    finally:
        settings.cache_clear()


@pytest.mark.parametrize(
    "said, asks",
    [
        ("yes please take it down here, im a professional", True),
        ("can you take the referral down here please", True),
        ("send it to thurrock first please", True),
        ("i'll take it down to the post office", False),
    ],
)
def test_asking_for_the_referral_to_be_taken_down_here_is_a_request(said, asks):
    """A housing officer typed what the professionals' answer offers ("take your referral down
    here") and got "Sorry, I didn't understand that"."""
    from bot.sending import asks_to_send

    assert asks_to_send(said) is asks


@pytest.mark.parametrize(
    "said, asks",
    [
        ("what do you mean its not sent?? ive only sent one. i cant ring in the day", True),
        ("so has it gone or not?", True),
        ("did my request go through", True),
        ("has my address gone from it", False),
        ("i sent my son round", False),
    ],
)
def test_whether_the_request_went_is_heard_as_asking_its_state(said, asks):
    """Lee: "what do you mean its not sent??" got "I've noted your wishes" and the main menu."""
    from bot.sending import asks_if_sent

    assert asks_if_sent(said) is asks
