"""What a resident notices in a conversation with the running assistant."""

import pytest

from tests.conftest import answer_text, button_titles, texts
from tests.domain_text import text_of

MENU = ["Direct payments", "Assessments", "Contact Thurrock First", "Tell us what you think"]


def test_first_message_says_it_is_automated_how_to_reach_a_person_and_what_it_keeps(assistant, sender):
    replies = assistant.say(sender, "hello")
    words = texts(replies)
    assert "automated assistant" in words and "not a person" in words
    assert "talk to a person" in words and "01375 511 000" in words
    assert "Privacy" in words
    assert button_titles(replies)[:4] == MENU


def test_the_introduction_is_not_repeated_within_a_conversation(assistant, sender):
    assistant.say(sender, "hi")
    assert "automated assistant" not in texts(assistant.say(sender, "what is a direct payment"))


def test_a_question_as_first_message_gets_the_introduction_and_the_answer(assistant, sender, domain):
    words = texts(assistant.say(sender, "can I get grab rails put in at home"))
    assert "automated assistant" in words
    assert text_of(domain, "utter_assessment_ot") in words


@pytest.mark.parametrize(
    "question, answer",
    [
        ("whats a direct payment then", "utter_dp_what"),
        ("could my mum with dementia get a direct payment", "utter_dp_eligibility"),
        ("can I use the money to pay my daughter for looking after me", "utter_dp_personal_assistant"),
        ("can I spend my direct payment on a holiday", "utter_dp_spending"),
        ("I need a rail in the bath for my dad", "assessment_ot"),
        ("I look after my husband and I'm exhausted", "utter_assessment_carer"),
        ("will I have to sell my house to pay for care", "utter_financial_home"),
        ("what number do I ring for social care", "utter_contact_thurrock_first"),
        ("when are my bins collected", "utter_other_council_service"),
    ],
)
def test_typed_questions_get_the_right_answer(assistant, sender, domain, question, answer):
    answer = answer if answer.startswith("utter_") else f"utter_{answer}"
    assert text_of(domain, answer) in texts(assistant.say(sender, question))


def test_safeguarding_wins_in_the_middle_of_another_topic(assistant, sender, domain):
    assistant.say(sender, "what is a direct payment")
    replies = assistant.say(sender, "actually my mums carer hit her yesterday")
    words = texts(replies)
    assert text_of(domain, "utter_risk_abuse") in words
    assert "999" in words and "01375 511 000" in words
    assert "116 123" not in words, "an abuse disclosure gets the abuse answer, not the Samaritans' block"
    assert "Ask someone to contact me" in button_titles(replies)


def test_someone_who_does_not_want_to_live_is_given_samaritans_and_999(assistant, sender):
    words = texts(assistant.say(sender, "i dont want to be here anymore"))
    assert "116 123" in words and "999" in words


def test_easy_read_switches_every_answer_and_back(assistant, sender, domain):
    assistant.say(sender, "easy read please")
    for answer in ["dp_what", "assessment_carer", "contact_thurrock_first", "financial_dre"]:
        words = answer_text(assistant.say(sender, f"/{answer}"))
        assert words == text_of(domain, f"utter_{answer}", easy_read=True)
    assistant.say(sender, "normal text please")
    assert answer_text(assistant.say(sender, "/dp_what")) == text_of(domain, "utter_dp_what")


def test_start_again_shows_the_menu_and_keeps_easy_read(assistant, sender, domain):
    assistant.say(sender, "/easy_read_on")
    replies = assistant.say(sender, "start again")
    assert text_of(domain, "utter_menu", easy_read=True) in texts(replies)
    assert button_titles(replies)[:4] == MENU


def test_typing_a_rasa_command_does_not_wipe_the_conversation(assistant, sender, domain):
    assistant.say(sender, "/easy_read_on")
    assistant.say(sender, "/restart")
    assert answer_text(assistant.say(sender, "/dp_what")) == text_of(domain, "utter_dp_what", easy_read=True)


def test_unclear_messages_never_loop(assistant, sender, domain):
    first = assistant.say(sender, "/nlu_fallback")
    assert texts(first).endswith(text_of(domain, "utter_fallback_menu"))
    second = assistant.say(sender, "/nlu_fallback")
    assert texts(second) != texts(first), "the same reply twice is a loop"
    assert "01375 511 000" in texts(second)
    assert "Ask Thurrock First to contact me" in button_titles(second)
    third = assistant.say(sender, "/nlu_fallback")
    assert texts(third) not in (texts(first), texts(second))


def test_asking_for_a_person_gives_thurrock_first_contact_details(assistant, sender):
    words = texts(assistant.say(sender, "can I speak to a real person please"))
    assert "01375 511 000" in words and "thurrock.first@thurrock.gov.uk" in words
    assert "9am to 5pm" in words


def test_are_you_a_bot_is_answered_honestly(assistant, sender):
    assert "not a person" in texts(assistant.say(sender, "am I talking to a real human?"))
