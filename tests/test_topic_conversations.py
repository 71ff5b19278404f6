"""Whole conversations about the topics added for issue 27, typed as residents type them.

Each turn names the answer a resident should get (its standard wording from domain.yml); every
answer must also offer a way to a person. Kept here until the shared conversation format
(tests/conversations/) lands, then moved into it.
"""

import pytest

from bot.settings import settings
from tests.conftest import button_titles, texts
from tests.domain_text import text_of

PERSON = ("Talk to a person", "Ask them to contact me")

CONVERSATIONS = {
    "a daughter whose dad is coming home from hospital": [
        ("hi there", "utter_menu"),
        ("my dad is being dischared from hospital on friday and he cant manage the stairs", "utter_hospital_discharge"),
        ("is reablement free?", "utter_hospital_discharge"),
        ("we might need a grab rail too", "utter_assessment_ot"),
    ],
    "a carer at the end of her tether who needs a break": [
        ("i look after my son full time and havent had a day off in months", "utter_carer_breaks"),
        ("what happens to him if i end up in hospital myself", "utter_carer_breaks"),
        ("can i use a direct payment for a short break", "utter_dp_spending"),
    ],
    "a son whose mum's morning carer did not come": [
        ("the carer didnt turn up for mum this morning", "utter_home_care"),
        ("we want to change agency they are always late", "utter_home_care"),
        ("how do i complain about the agency", "utter_give_feedback"),
    ],
    "a husband whose wife needs a care home": [
        ("my wife needs to go into a care home, how do we choose one", "utter_care_homes"),
        ("what is a deferred payment", "utter_care_homes"),
        ("will they make me sell our house, i still live in it", "utter_financial_home"),
    ],
    "a daughter whose mum has dementia and no power of attorney": [
        ("mum has dementia and never did a power of attorney, who decides for her now", "utter_acting_for_someone"),
        ("can she have an advocate at her assessment", "utter_acting_for_someone"),
    ],
    "a man whose care hours were cut": [
        ("they cut my care hours and i think its wrong", "utter_review_challenge"),
        ("can i ask for my care plan to be looked at again", "utter_review_challenge"),
    ],
    "a mother whose son turns 18": [
        ("my son is 17 and autistic, what happens to his support when he turns 18", "utter_transition_18"),
    ],
    "a practice nurse referring a patient": [
        ("hello im a practice nurse and want to refer a patient to social care", "utter_professional_referral"),
        ("does she have to agree to it", "utter_professional_referral"),
    ],
    "a deaf resident who cannot use the phone": [
        ("im deaf, how can i contact thurrock first", "utter_access_routes"),
        ("can i have a bsl interpreter", "utter_access_routes"),
    ],
    "someone who does not know where to start": [
        ("sorry i dont know what to ask, its all too much", "utter_overwhelmed"),
        ("/assessment_carer", "utter_assessment_carer"),
    ],
}


@pytest.mark.parametrize("who", sorted(CONVERSATIONS))
def test_a_whole_conversation_gets_the_right_answers_and_a_way_to_a_person(assistant, sender, domain, who):
    for message, answer in CONVERSATIONS[who]:
        replies = assistant.say(sender, message)
        assert text_of(domain, answer) in texts(replies), f"{who}: {message!r} should get {answer}"
        if answer != "utter_menu":
            assert set(PERSON) & set(button_titles(replies)) or "01375 511 000" in texts(replies), message


def test_privacy_questions_in_a_conversation_then_seeing_and_deleting_what_is_held(assistant, sender):
    assistant.say(sender, "hi, I'm Margaret Hill, my number is 07700 900123")
    answer = texts(assistant.say(sender, "how long do you keep this and who can see it?"))
    assert f"{settings().retention_days} days" in answer and "forget me" in answer
    assert "Margaret Hill" in texts(assistant.say(sender, "/show_my_details"))


def test_a_message_in_another_language_gets_a_short_plain_english_route_to_an_interpreter(assistant, sender):
    answer = texts(assistant.say(sender, "Dzień dobry, potrzebuję pomocy dla mojej mamy"))
    assert "interpreter" in answer and "Thurrock First" in answer
