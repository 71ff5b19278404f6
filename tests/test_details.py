"""Reading a resident's details: postcodes, phone numbers, emails, names, needs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.details import (
    CARED_FOR,
    NAME_WITHHELD,
    asking_for_from_answer,
    communication_needs_from_answer,
    find_details,
    forgotten_detail,
    tidy_email,
    tidy_name,
    tidy_phone,
    tidy_postcode,
)


def found(text):
    return {(f.kind, f.value) for f in find_details(text)}


def test_each_detail_belongs_to_its_person():
    details = {
        (f.kind, f.value, f.role)
        for f in find_details(
            "I'm Sue, I live in Grays RM17 6AA, my mum Joan lives in Tilbury, her postcode is RM18 8AB, text me on 07700 900991"
        )
    }
    assert {
        ("person_name", "Sue", None),
        ("postcode", "RM17 6AA", None),
        ("area", "Grays", None),
        ("person_name", "Joan", CARED_FOR),
        ("postcode", "RM18 8AB", CARED_FOR),
        ("area", "Tilbury", CARED_FOR),
        ("phone", "07700 900991", None),
        ("cared_for", "mum", None),
        ("asking_for", "family", None),
    } <= details


def test_a_bare_name_is_a_name_when_we_asked_for_one():
    assert ("person_name", "Pat") in {(f.kind, f.value) for f in find_details("Pat", asked="full_name")}
    assert ("person_name", "Tom") in {
        (f.kind, f.value) for f in find_details("I told you, Tom", asked="full_name")
    }
    assert not [f for f in find_details("no thanks", asked="full_name") if f.kind == "person_name"]


def test_one_sentence_gives_name_postcode_and_phone():
    details = found(
        "Hello, my name is Margaret Hill, I live in Grays RM17 6SL and my phone number is 07700 900123"
    )
    assert {("person_name", "Margaret Hill"), ("postcode", "RM17 6SL"), ("phone", "07700 900123")} <= details


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("my name's sue", "person_name", "Sue"),
        ("I'm called Ahmed Khan and I need help", "person_name", "Ahmed Khan"),
        ("email me at jo.bloggs@example.com please", "email", "jo.bloggs@example.com"),
        ("ring +44 (0)1632 960123", "phone", "01632 960123"),
        ("my mobile is 07700-900-123", "phone", "07700 900123"),
        ("the surgery line is 01375 652000 ext 214", "phone", "01375 652000 ext 214"),
        ("postcode rm176sl", "postcode", "RM17 6SL"),
        ("I look after my husband, Peter", "cared_for", "husband"),
        ("it's for my dad", "asking_for", "family"),
        ("I'm her social worker", "asking_for", "professional"),
        ("please text me", "contact_preference", "text message"),
        ("call after 2pm", "contact_time", "after 2pm"),
        ("I'm deaf and use British Sign Language", "communication_need", "BSL interpreter"),
        ("phone rather than letter please", "communication_need", "phone rather than letter"),
        ("Hi, Femi Adeyemi, discharge coordinator at Basildon Hospital", "person_name", "Femi Adeyemi"),
        ("Morning, Jo Bloggs, district nurse with NELFT", "person_name", "Jo Bloggs"),
        ("t.gill@example.gov.uk, email is best", "contact_preference", "email"),
        ("email's easier for me, I'm rarely at my desk", "contact_preference", "email"),
    ],
)
def test_details_said_in_passing_are_found(text, kind, value):
    assert (kind, value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I am worried about my mum",
        "what is a direct payment",
        "my name is",
        "0800",
        "12345",
        "is RM17 in Thurrock",
        "call me",
        "I rang 01375 511 000 and waited an hour",
        "hi, my mum, she needs a carer",
        "Hello, Grays Hospital, ward nurse",
        "hi, i was wondering, the nurse said she needs help",
    ],
)
def test_ordinary_sentences_give_no_name_phone_or_postcode(text):
    """(Thurrock First's own number, quoted back, is not the resident's.)"""
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
    assert asking_for_from_answer("For myself") == "self"
    assert asking_for_from_answer("me, obviously") == "self"
    assert asking_for_from_answer("For someone in my family") == "family"
    assert asking_for_from_answer("my neighbour") == "friend or neighbour"
    assert asking_for_from_answer("I'm a professional") == "professional"
    assert communication_needs_from_answer("large print and a hearing loop") == [
        "large print",
        "hearing loop",
    ]


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


def test_a_name_alone_is_never_a_goodbye_and_another_persons_easy_read_is_theirs():
    from rasa.shared.nlu.training_data.message import Message

    from bot.server.nlu.details import DetailExtractor

    def intent_after(text, intent, confidence=0.6):
        message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}})
        DetailExtractor().process([message])
        return message.get("intent")["name"], {
            (e["entity"], e["value"], e.get("role")) for e in message.get("entities") or []
        }

    assert intent_after("Pat", "goodbye")[0] == "give_details"
    assert intent_after("Tom Baker", "thank")[0] == "give_details"
    assert intent_after("bye", "goodbye", 0.99)[0] == "goodbye"
    assert intent_after("she comes tomorrow", "goodbye", 0.56)[0] == "nlu_fallback", (
        "an unsure goodbye ends nothing"
    )
    name_and_more = intent_after("my name is Pat and I need help with money", "dp_support")
    assert name_and_more[0] == "dp_support" and ("person_name", "Pat", None) in name_and_more[1]
    assert intent_after("my son needs easy read letters", "easy_read_on") == (
        "give_details",
        {
            ("communication_need", "Easy Read", "cared_for"),
            ("cared_for", "son", None),
            ("asking_for", "family", None),
        },
    )
    assert intent_after("I need easy read please", "easy_read_on")[0] == "easy_read_on"
    assert intent_after("Pat", "safeguarding_concern")[0] == "safeguarding_concern"
    introduction = "Hi this is Claire from Tilbury Health Centre, I'm ringing on behalf of a patient"
    assert intent_after(introduction, "nlu_fallback")[0] == "give_details"
    assert intent_after("the blue form with the boxes", "nlu_fallback")[0] == "nlu_fallback"
    assert intent_after(introduction, "professional_referral")[0] == "professional_referral"
    for asks in (
        "call me back please, I'm Gill Turner 07700 900 314",
        "please ring me, Alan Price 07700 900 828",
    ):
        assert intent_after(asks, "give_details")[0] == "request_callback", asks
    for asks, topic in [
        ("Can someone from Thurrock First contact us about a needs assessment for him?", "assessment_needs"),
        ("Can someone from the council go and see her? My name is Jean by the way", "assessment_needs"),
        ("i need a grab rail by the toilet, can someone ring me about the grab rails", "assessment_ot"),
        ("could somebody phone me about my direct payment", "dp_support"),
    ]:
        assert intent_after(asks, topic)[0] == "request_callback", asks
    for question, topic in [
        ("who will ring me", "what_happens_next"),
        ("can you tell me who will contact me about the assessment", "assessment_needs"),
        ("will they phone me first", "assessment_needs"),
        ("can someone help me with my direct payment", "dp_support"),
        ("can someone ring me, I'm scared he will hit me again", "safeguarding_concern"),
    ]:
        assert intent_after(question, topic)[0] == topic, question
    for detail in ("I'm Gill Turner, 07700 900 314", "I'm her daughter Julie. text me first on 07700 900353"):
        assert intent_after(detail, "give_details")[0] == "give_details", detail


@pytest.mark.parametrize(
    "text, detail",
    [
        ("my number has changed", "phone"),
        ("my mum's postcode has changed", "cared_for_postcode"),
        ("her name is spelt wrong", "cared_for_name"),
        ("I've moved house", "postcode"),
    ],
)
def test_a_change_names_whose_detail_it_is(text, detail):
    assert ("detail", detail) in found(text)


@pytest.mark.parametrize("role", ["Nurse", "Patient", "Client", "Tenant", "GP", "social worker"])
def test_a_role_given_when_we_asked_for_a_name_is_not_a_name(role):
    assert not [f for f in find_details(role, asked="full_name") if f.kind == "person_name"]
    assert tidy_name(role) is None


def whose(text, asked=None):
    return {(f.kind, f.value, f.role) for f in find_details(text, asked)}


def test_everyday_ways_residents_said_who_is_who():
    """From residents played by helpers (2026-12-05): each once got the wrong person or nothing."""
    assert ("person_name", "Karen Mills", None) in whose("its karen, karen mills. my sons called liam")
    assert ("person_name", "Ray Pearson", CARED_FOR) in whose(
        "im jordan, its my dad ray who needs the help tho. ray pearson"
    )
    assert ("person_name", "Jordan", None) in whose("im jordan")
    assert ("person_name", "Frank Mills", CARED_FOR) in whose(
        "its for both of us. hes called Frank Mills", "cared_for_name"
    )
    assert asking_for_from_answer("for both of us") is None, "not for the caller alone"
    assert asking_for_from_answer("me and my dad") == "family"
    assert ("asking_for", "self", None) in whose("my partner is my carer, hes been pushing me about")
    assert not any(kind == "area" for kind, _, _ in whose("he's in Basildon hospital at the moment"))
    assert ("communication_need", "deaf or hard of hearing", CARED_FOR) in whose(
        "mum is a bit deaf tho", "communication_needs"
    )
    assert ("communication_need", "face to face", CARED_FOR) in whose(
        "no none for me but liam doesnt like phone calls, hes better face to face", "communication_needs"
    )
    assert ("contact_time", "mornings, not before 10", None) in whose(
        "mornings, not before 10 though", "contact_time"
    )
    assert ("contact_time", "after 6", None) in whose("email is best, or text me. im at work til 6")
    # a time said alone, late, at another question is a time; "afternoon" alone may be a greeting
    assert ("contact_time", "afternoons", None) in whose("aftanoons", "communication_needs")
    assert ("contact_time", "evenings", None) in whose("evenings!", "full_name")
    assert not any(kind == "contact_time" for kind, _, _ in whose("afternoon", "communication_needs"))


def test_someone_at_home_at_a_time_is_not_who_the_help_is_for():
    said = (
        "can someone ring me about a carers assessment, but dont ring in the evening when my husband is home"
    )
    assert not any(kind in ("asking_for", "cared_for") for kind, _, _ in whose(said))
    assert ("cared_for", "husband", None) in whose("my husband is home from hospital and needs help")


def test_a_time_to_avoid_is_kept_as_one_and_a_time_the_resident_calls_is_none():
    def time_of(text, asked=None):
        return next((value for kind, value, _ in whose(text, asked) if kind == "contact_time"), None)

    assert time_of("dont ring in the evening when my husband is home") == "not evenings"
    assert time_of("never call after 5pm please") == "not after 5pm"
    assert (
        time_of("not before 10am, and never in the evening", "contact_time")
        == "not before 10am, not evenings"
    )
    assert time_of("between 10 and 5 only, no evenings", "contact_time") == "between 10 and 5, not evenings"
    assert time_of("don't phone me mornings, afternoons are best") == "afternoons, not mornings"
    # the resident calling is not a time to be called
    assert time_of("what number do I call in the morning") is None
    assert time_of("who do we ring at the weekend") is None
    # but a call asked for is
    assert time_of("can I get a call in the morning?") == "mornings"
    assert time_of("I don't mind, any time", "contact_time") == "any time"


@pytest.mark.parametrize(
    "said",
    [
        "can someone check on her, I'd rather stay anonymous",
        "i dont want to give my name",
        "without giving my name please",
        "I don't want the family to know it was me",
        "no name please",
        "keep my name out of it",
    ],
)
def test_a_name_withheld_on_purpose_is_recognised(said):
    assert NAME_WITHHELD.search(said)


@pytest.mark.parametrize(
    "said", ["what's your name", "my name is Sue", "she never gives her name to callers"]
)
def test_other_talk_of_names_is_not_a_name_withheld(said):
    assert not NAME_WITHHELD.search(said)


@pytest.mark.parametrize(
    "text, detail",
    [
        ("can you forget my email please, i'd rather they just phone", "email"),
        ("just remove the name, nothing else", "full_name"),
        ("i dont want to give an email, take it off", "email"),
        ("take my name off the report", "full_name"),
        ("remove his phone number", "cared_for_phone"),
        ("forget me", None),
        ("delete everything you have about me", None),
        ("my number has changed", None),
        ("can i take a different number", None),
        ("what number should i phone", None),
    ],
)
def test_forgetting_one_detail_is_told_apart_from_forgetting_everything(text, detail):
    from rasa.shared.nlu.training_data.message import Message

    from bot.server.nlu.details import DetailExtractor

    message = Message(data={"text": text, "intent": {"name": "forget_me", "confidence": 0.9}})
    DetailExtractor().process([message])
    named = {e["value"] for e in message.get("entities") or [] if e["entity"] == "detail"}
    if detail:
        assert message.get("intent")["name"] == "update_detail" and named == {detail}, (text, named)
    else:
        assert message.get("intent")["name"] == "forget_me", text


def test_not_everything_just_the_email_forgets_only_the_email():
    from bot.details import forgotten_detail

    assert forgotten_detail("no not everything!! just the email") == "email"
    assert forgotten_detail("delete everything") is None


def test_a_nurse_referring_a_patient_is_named_and_so_is_the_patient():
    text = (
        "Referral: I am Sister Priya Nair, discharge coordinator on Orsett ward at Basildon University "
        "Hospital. Patient Mrs Joan Pritchard, 84, lives alone in Grays RM17 6QA."
    )
    people = {(f.value, f.role) for f in find_details(text) if f.kind == "person_name"}
    assert people == {("Priya Nair", None), ("Mrs Joan Pritchard", CARED_FOR)}, people
    assert ("person_name", "Jean") in found("my sister Jean needs help")


def test_not_a_complaint_is_never_read_as_feedback():
    from rasa.shared.nlu.training_data.message import Message

    from bot.server.nlu.details import DetailExtractor

    ranking = [{"name": "give_feedback", "confidence": 0.6}, {"name": "talk_to_person", "confidence": 0.3}]
    message = Message(
        data={
            "text": "no its not a complaint. i need help today",
            "intent": ranking[0],
            "intent_ranking": ranking,
        }
    )
    DetailExtractor().process([message])
    assert message.get("intent")["name"] == "talk_to_person"


def test_an_interpreter_keeps_the_language_asked_for_and_names_keep_their_letters():
    assert ("communication_need", "a Polish interpreter") in found("interpreter polish for me")
    assert ("communication_need", "an Urdu interpreter") in found("I need a translator, I speak urdu")
    assert ("communication_need", "a language interpreter") in found("i need an interpreter")
    assert ("person_name", "Ștefania Popescu") in found("my name is ștefania Popescu")
    assert not any(kind == "organisation" for kind, _ in found("is it shared with the NHS?"))


def test_busy_after_two_is_before_two():
    assert ("contact_time", "mornings, before 2") in {
        (f.kind, f.value) for f in find_details("mornings, we're busy after 2", "contact_time")
    }


def test_a_postcode_typed_with_a_stray_space_is_read():
    assert ("postcode", "RM16 2QD") in found("rm16 2 qd in chadwell st mary")
    assert not any(kind == "postcode" for kind, _ in found("is RM17 in Thurrock"))


@pytest.mark.parametrize(
    "text, read_as, becomes",
    [
        ("skip this", "start_again", "deny"),  # where no Skip button was offered: skipped, not stopped
        ("I told you already, RM20 2BB", "goodbye", "give_details"),
        ("Hi, Noel Burke here, my mobile is 07700 900 606", "greet", "give_details"),
        ("bye", "goodbye", "goodbye"),
        ("start again please", "start_again", "start_again"),
    ],
)
def test_a_detail_or_a_skip_is_never_read_as_small_talk(text, read_as, becomes):
    from rasa.shared.nlu.training_data.message import Message

    from bot.server.nlu.details import DetailExtractor

    message = Message(data={"text": text, "intent": {"name": read_as, "confidence": 0.9}})
    DetailExtractor().process([message])
    assert message.get("intent")["name"] == becomes


def test_phone_menus_are_not_a_wish_never_to_be_rung():
    kinds = {(f.kind, f.value) for f in find_details("CAN SOMEONE RING ME I CANT DO THE PHONE MENUS")}
    assert ("contact_preference", "not by phone") not in kinds
    assert ("communication_need", "no phone calls") not in kinds
    assert ("contact_preference", "not by phone") in {
        (f.kind, f.value) for f in find_details("i cant use the phone, email only")
    }


def test_i_told_you_already_is_a_detail_given_again_never_a_need():
    from bot.details import TOLD_ALREADY, TOLD_ALREADY_ONLY

    assert TOLD_ALREADY.search("I told you already, Kasia Nowak")
    assert TOLD_ALREADY_ONLY.match("I TOLD YOU ALREADY")
    assert TOLD_ALREADY_ONLY.match("i said already")
    assert not TOLD_ALREADY_ONLY.match("i told you already, transition assessment before he turns 18")
    assert not TOLD_ALREADY.search("my son told me to ask about direct payments")


def test_a_titled_name_is_the_person_the_help_is_for_unless_they_say_it_is_them():
    referral = "I need to refer a patient for reablement - Mr Alan Price, 79, lives alone in Grays"
    assert ("Mr Alan Price", CARED_FOR) in {
        (f.value, f.role) for f in find_details(referral) if f.kind == "person_name"
    }
    assert ("Mrs Patel", None) in {(f.value, f.role) for f in find_details("Hello I am Mrs Patel")}
    assert not [f for f in find_details("my GP Dr Patel says she needs help") if f.kind == "person_name"]


def test_a_name_given_again_with_i_said_already_is_that_name():
    found = find_details("I said already - Mr Alan Price", asked="cared_for")
    assert [(f.value, f.role) for f in found if f.kind == "person_name"] == [("Mr Alan Price", CARED_FOR)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("my wife may need a care home", None),
        ("MY SON WILL NEED HELP WITH WASHING", None),
        ("My wife May needs a care home", "May"),
        ("its for my son will, he is 19", "Will"),
    ],
)
def test_may_and_will_before_a_verb_are_not_names(text, name):
    """Dennis wrote "MY WIFE MAY NEED A CARE HOME": his wife was stored as "MAY"."""
    names = [f.value for f in find_details(text) if f.kind == "person_name"]
    assert names == ([name] if name else [])


def test_words_in_capitals_are_not_an_organisation_unless_they_work_there():
    """ "I CANT MANAGE HER AT HOME ANY MORE" stored "Organisation: HOME ANY MORE"."""
    kinds = {
        f.kind: f.value for f in find_details("MY WIFE HAS DEMENTIA AND I CANT MANAGE HER AT HOME ANY MORE")
    }
    assert "organisation" not in kinds
    assert {f.kind: f.value for f in find_details("IM A NURSE AT BASILDON HOSPITAL")}["organisation"] == (
        "BASILDON HOSPITAL"
    )


def test_one_detail_deleted_with_keep_everything_else_is_that_detail_never_everything():
    """Tom: "delete my phone number only. keep everything else" was asked "delete everything?"."""
    from bot.details import forgotten_detail

    assert forgotten_detail("delete my phone number only. keep everything else") == "phone"
    assert forgotten_detail("remove my number and everything else too") is None


def test_a_name_ends_before_might():
    names = [
        f.value for f in find_details("my son Will might be the one who rings") if f.kind == "person_name"
    ]
    assert names == ["Will"]


def test_a_verb_in_capitals_after_my_son_is_not_his_name():
    """Ray: "MY SON BORROWS MY BANK CARD" stored "Their name: BORROWS"."""
    found = find_details("MY SON BORROWS MY BANK CARD AND MY PENSION IS GONE BY THE 10TH")
    assert not [f for f in found if f.kind == "person_name"]
    assert [f.value for f in find_details("MY WIFE GRACE HAS DEMENTIA") if f.kind == "person_name"] == [
        "Grace"  # typed in capitals, kept as a name is written
    ]


@pytest.mark.parametrize(
    "text, wish",
    [
        (
            "i cant hear on the phone. ring my son peter on 07700 900461",
            "contact my son Peter on 07700 900461",
        ),
        (
            "please contact his daughter Grace on 07812 553019, she has his consent",
            "contact their daughter Grace on 07812 553019",
        ),
        ("contact is via his daughter grace 07812 553019", "contact their daughter Grace on 07812 553019"),
        ("call my daughter on 07700 900123 she deals with it", "contact my daughter on 07700 900123"),
    ],
)
def test_someone_to_contact_instead_keeps_their_name_and_number_together(text, wish):
    """Joan (deaf, no email) asked us to ring her son Peter: Peter became the person the help is for
    and his number hers; a nurse's "ring his daughter on 07…" became the patient's number."""
    found = find_details(text)
    assert ("contact_preference", wish) in [(f.kind, f.value) for f in found], found
    assert not [f for f in found if f.kind in ("person_name", "phone")], "nobody else's name or number"


def test_the_caller_ringing_someone_is_not_a_wish():
    found = find_details("I'll ring my son Peter tonight")
    assert not [f for f in found if f.kind == "contact_preference"]


def test_not_the_landline_is_not_never_by_phone():
    """Mick: "dont ring the landline, julie will hear" was stored as "not by phone"; "I WANT A PHONE
    CALL" changed nothing."""
    wishes = lambda text: [f.value for f in find_details(text) if f.kind == "contact_preference"]  # noqa: E731
    assert "not by phone" not in wishes("i want a call after 6 but dont ring the landline")
    assert "mobile, not the landline" in wishes("i want a call after 6 but dont ring the landline")
    assert "phone call" in wishes("I WANT A PHONE CALL, on the mobile")
    assert "not by phone" in wishes("i dont want a call")


def test_how_someone_feels_in_capitals_is_not_their_name():
    for text in ("I AM SAFE. i am not suicidal", "I'M KNACKERED", "I AM EXHAUSTED"):
        assert not [f for f in find_details(text) if f.kind == "person_name"], text
    assert [f.value for f in find_details("Hi I'm Amber") if f.kind == "person_name"] == ["Amber"]


def test_the_residents_of_the_afternoon_kept_right():
    """Frank (widowed), Abdul (a GP receptionist), Marek (Lithuanian), Terry (a time that was a missed
    visit): each detail kept for the right person, or not at all."""

    def kept(text):
        return [(f.kind, f.value, f.role) for f in find_details(text)]

    assert kept("I'm Frank, my wife Jean died in March and I live alone now") == [
        ("person_name", "Frank", None)
    ]
    assert ("cared_for", "mum", None) in kept("my mum needs help since dad died")
    assert ("contact_preference", "next of kin: their daughter Mary on 07700 900999", None) in kept(
        "his next of kin is his daughter Mary 07700 900999"
    )
    assert ("contact_preference", "contact their daughter", None) in kept(
        "she's a bit deaf so ring the daughter first"
    )
    said = kept("I'd rather a letter. My address is 9 Ship Lane, Aveley, RM15 4HB")
    assert ("contact_preference", "letter", None) in said and (
        "contact_preference",
        "address: 9 Ship Lane",
        None,
    ) in said
    assert ("person_name", "Ona Kazlauskiene", "cared_for") in kept(
        "it is for my mama, her name Ona Kazlauskiene"
    )
    assert ("cared_for", "mum", None) in kept("i said, for my mama")
    times = [
        f.value
        for f in find_details("they missed her wednesday mornings again. ring me after 5")
        if f.kind == "contact_time"
    ]
    assert times == ["after 5"], "a time in another sentence is not when to ring"
    assert not [f for f in find_details("her name sounds odd") if f.kind == "person_name"]
    assert [
        f.value
        for f in find_details("my daughter Sarah will call you for me")
        if f.kind == "contact_preference"
    ] == ["my daughter Sarah may contact them for me"]


@pytest.mark.parametrize(
    "text", ["as per details I gave above", "see above", "as i said before", "as above please"]
)
def test_pointing_back_to_what_they_wrote_is_never_their_need(text):
    from bot.details import TOLD_ALREADY_ONLY

    assert TOLD_ALREADY_ONLY.match(text)


def test_one_postcode_for_both_of_us_is_both_peoples():
    """Brenda corrected her postcode after saving; "its RM17 6QS for both of us" left Ken's old one."""
    found = [(f.kind, f.value, f.role) for f in find_details("its RM17 6QS for both of us")]
    assert ("postcode", "RM17 6QS", None) in found and ("postcode", "RM17 6QS", "cared_for") in found


def _found(text, asked=None):
    return {(f.kind, f.value, f.role) for f in find_details(text, asked)}


def test_round_thirteen_details_are_kept_for_the_right_person():
    """From residents played by helpers: a nurse's DOB and NHS number, a brother who "wants", a number
    before a sentence about mum, no letters (not "not at home"), 6pm on weekdays, never at work."""
    nurse = _found("patient is Mrs Joan Pelling, DOB 14/03/1936, NHS no 485 777 3456. will this be urgent?")
    assert {("date_of_birth", "14/03/1936", None), ("nhs_number", "485 777 3456", None)} <= nurse
    assert ("nhs_number", "485 777 3456", None) in _found("her nhs number is 4857773456")
    assert ("person_name", "Dean", "cared_for") in _found(
        "my brother Dean wants to set up direct payments too"
    )
    kayla = _found("07700 900 318. mums called grace. tilbury. text is better")
    assert ("phone", "07700 900318", None) in kayla and ("person_name", "Grace", "cared_for") in kayla
    edna = {value for kind, value, _ in _found("no letters to the house. phone only before 11")}
    assert "no letters" in edna and "not at home" not in edna
    assert "at home is fine" in {v for _, v, _ in _found("AT home is fine, ring me at home")}
    work = _found("after 6pm weekdays only, never ring me at work")
    assert ("contact_time", "after 6pm, weekdays", None) in work and (
        "contact_preference",
        "not at work",
        None,
    ) in work


@pytest.mark.parametrize(
    "text, detail",
    [
        ("take my adress off", "postcode"),
        ("no just the adress", "postcode"),
        ("delete my fone number", "phone"),
    ],
)
def test_one_detail_taken_off_even_misspelt_is_never_everything(text, detail):
    assert forgotten_detail(text) == detail


def test_a_detail_said_to_be_wrong_is_that_detail_to_change():
    from bot.details import SAID_WRONG

    for text in (
        "the emale is rong",
        "you got my name wrong",
        "the address bit isnt right",
        "wrong phone number",
    ):
        assert SAID_WRONG.search(text), text
    for text in ("is this the wrong number to ring?", "what happens if i fill it in wrong"):
        assert not SAID_WRONG.search(text), text


def test_i_told_you_never_starts_an_answer():
    from bot.details import without_told_already

    assert without_told_already("i told you. shopping and cooking") == "shopping and cooking"
    assert without_told_already("I just said, North Thurrock nursing team") == "North Thurrock nursing team"
    assert without_told_already("i told you") == "i told you"  # nothing else: asked again, never kept


def test_a_receptionist_writing_for_a_doctor_about_a_patient():
    """Dr Khan was saved as the patient's name and "daughter lives in leeds" made the receptionist's
    request about her own daughter."""
    receptionist = _found(
        "Hi, I'm the receptionist at Orsett Road Surgery writing for Dr Khan about a patient"
    )
    assert not any(kind == "person_name" for kind, _, _ in receptionist)
    patient = _found("patient Margaret Ellis, DOB 02/05/1940, she lives alone, daughter lives in leeds")
    assert ("person_name", "Margaret Ellis", "cared_for") in patient
    assert not any(kind in ("asking_for", "cared_for") for kind, _, _ in patient)
    assert ("person_name", "Dr Patel", None) in _found("Hello this is Dr Patel from Grays Health Centre")
    nurse = _found(
        "Hi this is Sister Karen Oduya, North Thurrock community nursing team. I need to refer a patient"
    )
    assert ("organisation", "North Thurrock community nursing team", None) in nurse
    assert not _found("Hi, My home care stopped.") & {("organisation", "My home care stopped", None)}


@pytest.mark.parametrize(
    "text, intent, detail",
    [
        ("change what its about", "start_again", "handover_topic"),
        ("the topic is wrong, its hospital discharge", "hospital_discharge", "handover_topic"),
        ("the emale is rong", "other_council_service", "email"),
        ("what is it about?", "dp_what", None),
    ],
)
def test_a_topic_or_a_detail_said_wrong_at_the_read_back_is_changed_never_started_again(text, intent, detail):
    """ "change what its about" was "OK, let's start again" and the request was dropped; "the emale is
    rong" was the homelessness answer."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.server.nlu.details import DetailExtractor

    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}})
    DetailExtractor().process([message])
    named = {e["value"] for e in message.get("entities") or [] if e["entity"] == "detail"}
    if detail:
        assert message.get("intent")["name"] == "update_detail" and detail in named, (text, named)
    else:
        assert message.get("intent")["name"] == intent


def test_a_relatives_number_is_how_to_reach_them_never_the_person_helped():
    """ "his mums is 01375 850 221 shes better to ring" was saved as Liam's own number."""
    assert _found("his mums is 01375 850 221 shes better to ring") == {
        ("contact_preference", "contact their mum on 01375 850221", None)
    }
    assert ("contact_preference", "contact their mum Debbie on 07700 900552", None) in _found(
        "you can reach his mum Debbie on 07700 900 552"
    )


def test_who_not_to_contact_is_kept_never_turned_into_contact_them():
    """Sarah, a housing officer: "please DONT ring the tenant" became "not by phone", then "contact
    them directly, not me": the opposite of what she asked, for a tenant who would kick off."""
    wishes = {
        v
        for k, v in found("whatever you do dont phone the tenant, he gets aggressive")
        if k == "contact_preference"
    }
    assert wishes == {"do not contact them directly, only me"}
    wishes = {
        v for k, v in found("call ME please. do not contact the patient herself") if k == "contact_preference"
    }
    assert "do not contact them directly, only me" in wishes and "contact them directly, not me" not in wishes
    assert not {v for k, v in found("please don't text his son") if k == "contact_preference"}
    assert ("contact_preference", "contact them directly, not me") in found("ring him directly not me")


def test_who_not_to_contact_never_contradicts_who_to_contact():
    """A district nurse's read-back said "do not contact them directly, only me" beside "contact their
    daughter", both from her words; "dont contact the daughter" was "do not contact them directly"."""
    wishes = {
        v for k, v in found("dont ring the patient, contact me or his daughter") if k == "contact_preference"
    }
    assert wishes == {"do not contact them directly", "contact me or their daughter"}
    assert ("contact_preference", "do not contact their daughter") in found(
        "actually dont contact the daughter, only me"
    )
    assert ("contact_preference", "do not contact my son") in found("please dont ring my son")


def test_a_word_tacked_on_after_a_name_is_not_part_of_it():
    """Karen: "its for my dad Ronald Whitfield tho" was saved as "Ronald Whitfield Tho"."""
    names = {v for k, v in found("its for my nan Doris Clarke tho") if k == "person_name"}
    assert names == {"Doris Clarke"}
    names = {v for k, v in found("its for my brother Lee Hunt haha") if k == "person_name"}
    assert names == {"Lee Hunt"}


def test_a_workplace_typed_in_lower_case_after_a_role_is_kept():
    """Priya: "im a discharge coordinator at basildon hospital" was then asked which organisation."""
    orgs = {
        v
        for k, v in found("hiya im a care coordinator at grays medical centre, referring a lady")
        if k == "organisation"
    }
    assert orgs == {"Grays Medical Centre"}
    assert not {v for k, v in found("im a support worker at the hub") if k == "organisation"}


@pytest.mark.parametrize(
    "text, wishes, never",
    [
        (
            "not by letter he opens the post. only my mobile, please dont leave a message",
            {"no letters", "no voicemail"},
            {"letter"},
        ),
        (
            "dont write to me and dont ring the landline",
            {"no letters", "mobile, not the landline"},
            {"letter", "not by phone"},
        ),
        (
            "the MOBILE is fine, its the house phone thats not safe. i dont do email he reads it",
            {"mobile, not the landline", "no email"},
            {"not by phone"},
        ),
        ("i havent got email either. no phone no email", {"not by phone", "no email"}, {"email"}),
    ],
)
def test_wishes_said_with_a_no_are_never_recorded_as_their_opposite(text, wishes, never):
    """Janet's "not by letter" was stored as "letter"; Bill's "no email" was asked for again."""
    found = {f.value for f in find_details(text) if f.kind == "contact_preference"}
    assert wishes <= found and not (never & found), found


@pytest.mark.parametrize(
    "text, wish",
    [
        ("ring sam not me. sam 07700 900552", "contact Sam on 07700 900552, not me"),
        ("not me. sam my suport worker 07700 900552", "contact Sam on 07700 900552, not me"),
        ("dont ring me. ring sam", "contact Sam, not me"),
        (
            "main contact is his daughter Lisa Hale on her mobile 07700 900417",
            "contact their daughter Lisa Hale on 07700 900417",
        ),
        (
            "please ring my support worker Sam on 07700 900552",
            "contact my support worker Sam on 07700 900552",
        ),
    ],
)
def test_someone_elses_number_is_the_way_to_reach_them_never_the_callers_phone(text, wish):
    """Leon's "ring sam not me. sam 07700 900552" was kept as his own number, four times; a ward
    sister's "main contact is his daughter Lisa on 07700 900417" as the patient's."""
    found = find_details(text)
    assert wish in [f.value for f in found if f.kind == "contact_preference"]
    assert not [f for f in found if f.kind == "phone"]
    assert "not by phone" not in [f.value for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "can you add that he has no phone at all so they shouldnt try ring him, ring me",
        "he doesnt have a phone, please call me on 07700 900426",
    ],
)
def test_the_other_persons_lack_of_a_phone_is_never_the_callers_wish(text):
    """Karen (Bill's niece): "add that he has no phone so ring me" set her own wish to "not by phone"."""
    found = [f.value for f in find_details(text) if f.kind == "contact_preference"]
    assert "not by phone" not in found and "phone call" in found


@pytest.mark.parametrize(
    "text, time",
    [
        ("what was my reference? will they ring me tomorrow morning", None),
        ("has it gone to them now, will they ring me tomorrow morning", None),
        ("so will someone ring me tomorrow after 2 or not", None),
        ("ring me tomorrow morning please", "tomorrow morning"),
    ],
)
def test_asking_when_they_will_call_is_never_a_best_time(text, time):
    """Harpreet's "will they ring me tomorrow morning?" replaced her "weekday mornings, before 12"."""
    found = [f.value for f in find_details(text) if f.kind == "contact_time"]
    assert found == ([time] if time else [])


def test_an_age_before_a_verb_is_never_an_address():
    """Agnieszka's "he is 84, cannot walk good" was read back as "Their address: 84, Cannot Walk"."""
    assert not [f for f in find_details("he is 84, cannot walk good") if "address" in f.value]
    assert [f.value for f in find_details("letters only, to 9 Ship Lane") if "address" in f.value] == [
        "address: 9 Ship Lane"
    ]


@pytest.mark.parametrize(
    "text, phone",
    [
        ("01375 900221 no wait thats the house phone, dont use that. mobile is 07700 900562", "07700 900562"),
        ("my number is 07700 900111, sorry no, 07700 900222", "07700 900222"),
        (
            "no thats wrong. 07700 900452 is KARENs number (the daughter). MY number is 07700 900318",
            "07700 900318",
        ),
        ("call me on 07700 900111 or the landline", "07700 900111"),
    ],
)
def test_a_number_taken_back_or_said_to_be_someone_elses_is_never_the_callers(text, phone):
    """Dennis gave the landline, took it back and gave his mobile: the landline he told us not to
    use went on his request; a nurse's "07700 900452 is Karen's number. MY number is …" was refused."""
    assert [f.value for f in find_details(text, "phone") if f.kind == "phone"] == [phone]


@pytest.mark.parametrize(
    "text, relation",
    [
        ("its not for my son!! its for my WIFE Margaret", "wife"),
        ("the help isnt for my brother btw its for me and my mum", "mum"),
        ("i'm in hospital on the 14th. our son lives in Leeds so he cant help. im exhausted", None),
        ("my mum needs help, my brother cant help as he works", "mum"),
    ],
)
def test_a_relative_said_not_to_be_or_unable_to_help_is_never_who_the_help_is_for(text, relation):
    """A note that "our son lives in Leeds so he can't help" made the son the person the help is for;
    "it's not for my son, it's for my wife" then set the son again."""
    found = [f.value for f in find_details(text) if f.kind == "cared_for"]
    assert found == ([relation] if relation else [])


def test_someone_to_ring_instead_of_me_keeps_their_number_and_never_makes_it_a_phone_call_wish():
    found = find_details("please ring my support worker sam instead of me on 07700 900552")
    assert [f.value for f in found] == ["contact my support worker Sam on 07700 900552, not me"]


def test_an_address_missing_from_the_read_back_is_not_a_wish_to_remove_it():
    """Karen's "his address is gone" (from the read-back) took off her dad's postcode."""
    assert forgotten_detail("his address is gone") is None
    assert forgotten_detail("i want my email gone") == "email"


def test_a_relatives_name_said_without_is_is_theirs():
    """A Deaf resident's "SAM OKAFOR. MUM NAME GRACE OKAFOR" (BSL's word order): the mum's name was
    asked for again."""
    found = {(f.value, f.role) for f in find_details("SAM OKAFOR. MUM NAME GRACE OKAFOR", "full_name")}
    assert found >= {("Sam Okafor", None), ("Grace Okafor", "cared_for")}


@pytest.mark.parametrize(
    "text, asked, organisation",
    [
        (
            "Funmi Adeyemi, district nurse, basildon & thurrock community nursing team. the patient is Mr Harold Pike",
            "full_name",
            "Basildon & Thurrock Community Nursing Team",
        ),
        (
            "I just told you, basildon and thurrock community nursing team",
            "organisation",
            "Basildon and Thurrock Community Nursing Team",
        ),
    ],
)
def test_a_workplace_typed_in_lower_case_after_a_role_or_as_the_answer_is_kept(text, asked, organisation):
    """A district nurse gave her team with her name, then again at "which organisation?": asked twice."""
    assert [f.value for f in find_details(text, asked) if f.kind == "organisation"] == [organisation]


@pytest.mark.parametrize(
    "text, wish",
    [
        (
            "his daughter is his main contact, Karen Pike on 07700 900452",
            "contact their daughter Karen Pike on 07700 900452",
        ),
        (
            "you've missed his daughters number. Karen Pike 07700 900452, she is the main contact for him",
            "contact their daughter Karen Pike on 07700 900452",
        ),
    ],
)
def test_a_main_contact_named_with_their_number_is_never_the_callers_phone(text, wish):
    """A district nurse gave the patient's daughter as his main contact: the daughter's number
    replaced the nurse's own, then became the patient's."""
    found = find_details(text, "phone")
    assert wish in [f.value for f in found if f.kind == "contact_preference"]
    assert not [
        f for f in found if f.kind == "phone" or (f.kind == "detail" and f.value == "cared_for_phone")
    ]


@pytest.mark.parametrize(
    "text, needs",
    [
        ("that is about deaf people. i am not deaf. you did not answer my question", set()),
        (
            "not sign language. POLISH. she not deaf. is free or i must pay for polish interpreter?",
            {"a Polish interpreter"},
        ),
        ("no BSL!! i told you she not deaf. me neither. only polish", set()),
        ("nobody needs BSL, my nan needs polish", set()),
        ("she is deaf and needs a BSL interpreter", {"BSL interpreter", "deaf or hard of hearing"}),
    ],
)
def test_a_need_said_not_to_be_there_is_never_recorded(text, needs):
    """A Polish daughter's "not sign language. POLISH. she not deaf" became "BSL interpreter"; an
    autistic resident's "i am not deaf" became "deaf or hard of hearing"."""
    assert {v for k, v in found(text) if k == "communication_need"} == needs


def test_words_after_a_name_that_say_how_often_are_not_the_name():
    """Lee's "i look after my wife sandra full time" made her "Sandra Full Time"; a half-said
    "the name should be my mum ... not me" made the wish "contact None on 07700 …"."""
    assert ("person_name", "Sandra") in found("i look after my wife sandra full time, she has MS")
    assert ("person_name", "Tom Day") in found("my name is Tom Day")
    wishes = [
        v
        for k, v in found("the name should be my mum Agnieszka Nowak not me, and 07700 900418 is MUMS phone")
        if k == "contact_preference"
    ]
    assert not any("None" in wish for wish in wishes)


@pytest.mark.parametrize(
    "text, gone",
    [
        ("it says communication needs: not given. i said i need clear written communication by email", None),
        ("did the delete work? are my name, email and postcode gone?", None),
        ("where has dannys number gone? they need to ring him too", None),
        ("is my email gone? please delete my email", "email"),
        ("clear my email please", "email"),
    ],
)
def test_asking_whether_a_detail_is_gone_never_takes_it_off(text, gone):
    """Sam (email only) asked for clear written communication by email and lost the email."""
    from bot.details import forgotten_detail

    assert forgotten_detail(text) == gone


@pytest.mark.parametrize(
    "text, detail",
    [
        ("her names not sandra hartley its sandra hart", ("person_name", "Sandra Hart")),
        ("my name isnt tom its tim baker", ("person_name", "Tim Baker")),
        ("can you take out the bit about evenings, any time is fine", ("contact_time", "any time")),
    ],
)
def test_a_correction_typed_in_one_breath_is_what_is_kept(text, detail):
    """Lee, at "what would you like to change?": "her names not sandra hartley its sandra hart. and
    can you take out the bit about evenings" left both as they were."""
    assert detail in found(text)


def test_the_area_line_can_be_taken_off():
    """A discharge coordinator: "no I'm NOT in tilbury, remove that area line" left "Area: Tilbury"."""
    from bot.details import forgotten_detail

    assert forgotten_detail("no I'm NOT in tilbury, remove that area line") == "area"
    assert forgotten_detail("take the area off") == "area"
    assert not [v for k, v in found("is there a day centre in my area") if k == "detail"]


def test_an_autistic_residents_needs_in_their_words_are_kept():
    """Sam typed "autistic, written only, clear literal language" and the read-back said "not given"."""
    needs = {
        v
        for k, v in found("communication needs: autistic, written only, clear literal language")
        if k == "communication_need"
    }
    assert needs == {"in writing", "clear, literal language"}
    assert not [v for k, v in found("please use plain english") if k == "communication_need"]


@pytest.mark.parametrize(
    "text, never",
    [
        # said not to be theirs, or taken back in the same breath (a nurse, a daughter, an 86-year-old)
        ("and i never said at home is fine, im at work most days", ("contact_preference", "at home is fine")),
        (
            "so phone her daughter? no actually she doesnt want family involved",
            ("contact_preference", "contact their daughter"),
        ),
        ("i never said my phone doesnt work dear", ("contact_preference", "not by phone")),
        # where they do not live, and coming home from hospital
        ("he doesnt live in basildon, hes only in the hospital there", ("area", "Basildon")),
        ("they're saying he can come home on friday", ("contact_preference", "at home is fine")),
        # a day not to ring is a time, never "no phone calls"
        ("im out thursdays at the allotment so dont ring then", ("contact_preference", "not by phone")),
        # a word after "my name" that is no name
        ("it doesnt say my name anywhere does it? change that", ("person_name", "Anywhere")),
        # a relative who helps, not the one helped; a name withheld as it is said
        ("my son dean will probably be in touch tomorrow he helps me", ("person_name", "Dean")),
        ("im Pat but i dont want that passed on", ("person_name", "Pat")),
    ],
)
def test_what_was_taken_back_or_is_not_theirs_is_never_a_detail(text, never):
    assert never not in found(text)


def test_a_correction_still_keeps_what_is_said_after_it():
    assert ("area", "Grays") in found("he doesnt live in basildon, he lives in grays")
    assert ("phone", "07700 900123") in found("i didnt say, my number is 07700 900123")
    assert ("contact_preference", "at home is fine") in found("you can ring me at home")
    assert ("person_name", "Frank") in found("my dad frank needs help at home")


def test_saying_whose_a_detail_is_or_asking_to_keep_it_never_takes_it_away():
    """Ade said the email was his, not Chloe's, and it was deleted; "put it back" deleted it again."""
    assert forgotten_detail("just so it's clear the email is mine not Chloe's, she doesn't have one") is None
    assert forgotten_detail("No! Don't take the email off, put it back, that is the email to use") is None
    assert forgotten_detail("I said it's mine, not that you should delete it") is None
    assert forgotten_detail("dont keep my email, delete it") == "email"
    assert forgotten_detail("forget my postcode but keep my email") == "postcode"


def test_hearing_said_in_other_words_is_a_communication_need():
    assert communication_needs_from_answer("i told you, my hearing is bad. speak slow and loud") == [
        "deaf or hard of hearing"
    ]
    assert communication_needs_from_answer("her hearing is not very good") == ["deaf or hard of hearing"]
    assert communication_needs_from_answer("my hearing is good thanks") == []


def test_sending_without_a_name_withholds_the_name():
    for said in ("wait i said i dont want my name passed on", "no i DO want it sent, just not my name"):
        assert NAME_WITHHELD.search(said)


def test_care_visits_and_a_discharge_time_are_never_a_time_to_be_contacted():
    """A ward nurse: "any time today ... she goes home tomorrow morning ... would accept a morning call
    only" was sent as "best time: mornings"."""
    said = (
        "any time today, it's urgent because she goes home tomorrow morning. she's refusing 4 calls a day, "
        "would accept a morning call only"
    )
    assert ("contact_time", "any time") in {(f.kind, f.value) for f in find_details(said, "contact_time")}
    assert ("contact_time", "tomorrow morning") in found("ring me tomorrow morning")


def test_a_name_said_alone_after_who_it_is_is_their_name_even_if_unfamiliar():
    """Sharon answered "who is the help for?" with "my son jayden" and was asked his name next."""
    assert ("person_name", "Jayden") in found("my son jayden")
    assert not {kind for kind, _ in found("my husband mate")} & {"person_name"}
    assert not {kind for kind, _ in found("my daughter aswell")} & {"person_name"}
