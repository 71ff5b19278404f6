"""Reading a resident's details: postcodes, phone numbers, emails, names, needs."""

import pytest
from hypothesis import given, strategies as st

from bot.details import (
    asking_for_from_answer, communication_needs_from_answer, find_details, tidy_email, tidy_name,
    tidy_phone, tidy_postcode,
)


def found(text):
    return {(f.kind, f.value) for f in find_details(text)}


def test_one_sentence_gives_name_postcode_and_phone():
    details = found("Hello, my name is Margaret Hill, I live in Grays RM17 6SL and my phone number is 07700 900123")
    assert {("person_name", "Margaret Hill"), ("postcode", "RM17 6SL"), ("phone", "07700 900123")} <= details


@pytest.mark.parametrize("text, kind, value", [
    ("my name's sue", "person_name", "Sue"),
    ("I'm called Ahmed Khan and I need help", "person_name", "Ahmed Khan"),
    ("email me at jo.bloggs@example.com please", "email", "jo.bloggs@example.com"),
    ("ring +44 (0)1375 652643", "phone", "01375 652643"),
    ("my mobile is 07700-900-123", "phone", "07700 900123"),
    ("postcode rm176sl", "postcode", "RM17 6SL"),
    ("I look after my husband, Peter", "cared_for", "husband, Peter"),
    ("it's for my dad", "asking_for", "for someone they care for"),
    ("I'm her social worker", "asking_for", "as a professional"),
    ("please text me", "contact_preference", "text message"),
    ("call after 2pm", "contact_time", "after 2pm"),
    ("I'm deaf and use British Sign Language", "communication_need", "BSL interpreter"),
    ("phone rather than letter please", "communication_need", "phone rather than letter"),
])
def test_details_said_in_passing_are_found(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize("text", [
    "I am worried about my mum", "what is a direct payment", "my name is", "0800", "12345",
    "is RM17 in Thurrock", "call me",
])
def test_ordinary_sentences_give_no_name_phone_or_postcode(text):
    kinds = {kind for kind, _ in found(text)}
    assert not kinds & {"person_name", "phone", "postcode", "email"}


@pytest.mark.parametrize("wrong", ["07700", "0770090012345", "+1 202 555 0100", "999", "phone", ""])
def test_wrong_phone_numbers_are_refused(wrong):
    assert tidy_phone(wrong) is None


@pytest.mark.parametrize("wrong", ["RM17", "GRAYS", "12345", "RM17 6S", ""])
def test_wrong_postcodes_are_refused(wrong):
    assert tidy_postcode(wrong) is None


@pytest.mark.parametrize("wrong", ["margaret", "a@b", "@example.com", "x@y.", ""])
def test_wrong_emails_are_refused(wrong):
    assert tidy_email(wrong) is None


def test_names_are_tidied_but_questions_are_not_names():
    assert tidy_name("margaret hill") == "Margaret Hill"
    assert tidy_name("Mary-Jane O'Brien") == "Mary-Jane O'Brien"
    assert tidy_name("what is a direct payment") is None
    assert tidy_name("07700 900123") is None


def test_answers_to_who_and_what_needs_are_read():
    assert asking_for_from_answer("For myself") == "for themselves"
    assert asking_for_from_answer("For someone I care for") == "for someone they care for"
    assert asking_for_from_answer("I'm a professional") == "as a professional"
    assert communication_needs_from_answer("large print and a hearing loop") == ["large print", "hearing loop"]


@given(st.text(max_size=400))
def test_any_text_is_read_without_error_and_values_are_tidy(text):
    for detail in find_details(text):
        assert detail.value.strip() == detail.value and detail.value
        if detail.kind == "phone":
            assert tidy_phone(detail.value) == detail.value
        if detail.kind == "postcode":
            assert tidy_postcode(detail.value) == detail.value


@given(st.from_regex(r"07[0-9]{3} ?[0-9]{6}", fullmatch=True))
def test_every_uk_mobile_number_is_accepted_in_one_form(number):
    tidy = tidy_phone(number)
    assert tidy == f"{number.replace(' ', '')[:5]} {number.replace(' ', '')[5:]}"
    assert tidy_phone(tidy.replace(" ", "-")) == tidy
