"""A button's title typed as a message is that button (bot/server/typed_buttons.py)."""

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server.typed_buttons import pressed

HELPFUL = [
    {"title": "Yes", "payload": '/answer_feedback{"helpful":"yes"}'},
    {"title": "No", "payload": '/answer_feedback{"helpful":"no"}'},
]
SKIP = [{"title": "Skip this", "payload": "/deny"}]


def tracker_after(*turns):
    """A conversation whose last events are `turns`: (who, text, buttons)."""
    events = [ActionExecuted("action_listen")]
    for who, text, buttons in turns:
        if who == "user":
            events.append(UserUttered(text, {"name": "greet"}))
        else:
            events.append(BotUttered(text, {"buttons": buttons}))
    return DialogueStateTracker.from_events("resident", events)


def test_typed_titles_of_the_last_turns_buttons_are_their_payloads():
    tracker = tracker_after(
        ("user", "what is a direct payment", None),
        ("bot", "A direct payment is…", None),
        ("bot", "Was this helpful?", HELPFUL),
    )
    assert pressed("No", tracker) == '/answer_feedback{"helpful":"no"}'
    assert pressed("no.", tracker) == '/answer_feedback{"helpful":"no"}'
    assert pressed("  YES please ", tracker) == '/answer_feedback{"helpful":"yes"}'
    assert pressed("Skip this", tracker_after(("bot", "What's your name?", SKIP))) == "/deny"
    assert pressed("skip this.", tracker_after(("bot", "What's your name?", SKIP))) == "/deny"
    change = [{"title": "Phone number", "payload": '/update_detail{"detail":"phone"}'}]
    asked = tracker_after(("bot", "What would you like to change?", change))
    assert pressed("change my phone number please", asked) == '/update_detail{"detail":"phone"}'
    change.append({"title": "Best time to contact you", "payload": '/update_detail{"detail":"contact_time"}'})
    change.append(
        {"title": "Best way to reach you", "payload": '/update_detail{"detail":"contact_preference"}'}
    )
    asked = tracker_after(("bot", "What would you like to change?", change))
    assert pressed("best time", asked) == '/update_detail{"detail":"contact_time"}', "the start of one title"
    assert pressed("best", asked) is None, "the start of two titles is neither"
    assert pressed("phone", asked) == '/update_detail{"detail":"phone"}'


def test_other_words_and_older_buttons_are_left_as_words():
    tracker = tracker_after(
        ("bot", "Was this helpful?", HELPFUL),
        ("user", "yes", None),
        ("bot", "What's your name?", SKIP),
    )
    assert pressed("Yes", tracker) is None, "a button of an earlier turn is not on offer"
    assert pressed("skip this question, my name is Ann", tracker) is None
    assert pressed("no idea", tracker_after(("bot", "Was this helpful?", HELPFUL))) is None
    assert pressed("/deny", tracker_after(("bot", "What's your name?", SKIP))) is None
    assert pressed("", tracker_after(("bot", "What's your name?", SKIP))) is None


def test_a_long_title_typed_with_a_slip_is_that_button_and_a_short_one_is_not():
    assessment = [
        {"title": "Ask for an assessment", "payload": "/request_callback"},
        {"title": "Money and paying", "payload": "/financial_will_i_pay"},
        {"title": "Main menu", "payload": "/show_menu"},
    ]
    asked = tracker_after(("bot", "Anyone who seems to need care can have a needs assessment.", assessment))
    assert pressed("ask for an assesment", asked) == "/request_callback"
    assert pressed("Money and payin", asked) == "/financial_will_i_pay"
    assert pressed("main manu", asked) is None, "a short title must be typed as it is"
    contact = [{"title": "Ask someone to contact me", "payload": "/request_callback"}]
    told = tracker_after(("bot", "Thank you for telling me.", contact))
    assert pressed("ask someone to contact him", told) is None, "other words, not a slip"
