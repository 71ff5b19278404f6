"""People, not slots: the caller and the person the help is for are kept apart, and the caller's
wishes for contact decide what is asked, what is read back and what the confirmation says.
Actions are run as the action server runs them, on a tracker built from slots (Tracker.from_dict)."""

import asyncio
import pytest

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.details import DECLINED, ValidateDetailForm, contact_slots, details_as_lines, how_we_contact
from actions.handover import ValidateHandoverForm
from bot.details import find_details


def tracker(slots=None, text="", entities=(), intent="give_details", requested=None):
    return Tracker.from_dict(
        {
            "sender_id": "resident",
            "slots": {**(slots or {}), "requested_slot": requested},
            "latest_message": {
                "text": text,
                "entities": list(entities),
                "intent": {"name": intent, "confidence": 0.9},
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        }
    )


def required(slots):
    return asyncio.run(ValidateHandoverForm().required_slots([], CollectingDispatcher(), tracker(slots), {}))


def test_never_a_phone_question_after_not_by_phone():
    assert "phone" not in required({"contact_preference": ["not by phone", "email"], "share_consent": True})
    assert "email" in required({"contact_preference": ["not by phone"], "share_consent": True})
    assert contact_slots(tracker({"contact_preference": ["email"]})) == ["email"]
    assert contact_slots(tracker({"contact_preference": ["email"], "email": DECLINED})) == ["email", "phone"]
    assert contact_slots(tracker({})) == ["phone"]


def test_someone_else_is_asked_their_name_and_postcode_not_the_callers():
    for_mum = required({"share_consent": True, "asking_for": "family"})
    assert "cared_for_name" in for_mum and "cared_for_postcode" in for_mum and "postcode" not in for_mum
    professional = required({"share_consent": True, "asking_for": "professional"})
    assert "organisation" in professional and "cared_for_name" in professional
    for_me = required({"share_consent": True, "asking_for": "self"})
    assert "postcode" in for_me and "cared_for_name" not in for_me and "organisation" not in for_me


def test_the_read_back_shows_each_person_and_how_they_will_be_contacted():
    details = {
        "full_name": "Sue",
        "phone": "07700 900991",
        "postcode": "RM17 6AA",
        "asking_for": "family",
        "cared_for": "mum",
        "cared_for_name": "Joan",
        "cared_for_postcode": "RM18 8AB",
        "cared_for_needs": ["Easy Read"],
        "contact_preference": ["text message", "not at home"],
        "communication_needs": ["BSL interpreter"],
    }
    lines = details_as_lines(details)
    assert (
        lines.index("About you:")
        < lines.index("• Postcode: RM17 6AA")
        < lines.index("The help is for: your mum")
    )
    assert lines.index("The help is for: your mum") < lines.index("• Their postcode: RM18 8AB")
    assert (
        "• Their communication needs: Easy Read" in lines
        and "• Communication needs: BSL interpreter" in lines
    )
    assert how_we_contact(details) == "They will contact you by text message to 07700 900991 (not at home)."
    assert "by email at a@example.com" in how_we_contact(
        {"email": "a@example.com", "phone": "07700 900111", "contact_preference": ["not by phone"]}
    )
    assert "don't have a way" in how_we_contact({"phone": DECLINED})


def validate(method, slot, value, text, slots=None, entities=()):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateDetailForm(), method)(
        value, dispatcher, tracker(slots, text, entities, requested=slot), {}
    )
    return result, [m.get("response") for m in dispatcher.messages]


def test_answers_are_read_as_people_write_them():
    assert validate("validate_full_name", "full_name", "I told you, Tom", "I told you, Tom")[0] == {
        "full_name": "Tom"
    }
    assert validate("validate_asking_for", "asking_for", "me, obviously", "me, obviously")[0] == {
        "asking_for": "self"
    }
    result, said = validate(
        "validate_cared_for_postcode",
        "cared_for_postcode",
        "don't know it, she's in Aveley",
        "don't know it, she's in Aveley",
    )
    assert result == {"cared_for_postcode": "not given", "cared_for_area": "Aveley"} and not said
    result, _ = validate("validate_cared_for_name", "cared_for_name", "my mum, Joan", "my mum, Joan")
    assert result == {"cared_for_name": "Joan", "cared_for": "mum"}
    result, said = validate("validate_phone", "phone", "not a number", "not a number")
    assert result["phone"] is None and said == ["utter_invalid_phone"]


def test_a_name_typed_alone_is_kept_only_while_no_name_is_held():
    from actions.details import ActionNoteDetails

    tom = [{"entity": "person_name", "value": "Tom", "group": "alone"}]

    def note(slots):
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ActionNoteDetails().run(dispatcher, tracker(slots, "Tom", tom), {}))
        return events, dispatcher.messages

    events, said = note({})
    assert events == [{"event": "slot", "timestamp": None, "name": "full_name", "value": "Tom"}]
    assert said[0]["response"] == "utter_details_noted"
    assert note({"full_name": "Priya Patel"})[0] == [], "a name alone never replaces the name held"


def test_the_answer_to_their_postcode_never_overwrites_the_callers():
    events = [
        {"event": "slot", "name": "postcode", "value": "RM17 6AA"},
        {"event": "user", "text": "RM18 8AB"},
        {"event": "slot", "name": "postcode", "value": "RM18 8AB"},
    ]
    answer = Tracker.from_dict(
        {
            "sender_id": "resident",
            "slots": {"postcode": "RM18 8AB", "requested_slot": "cared_for_postcode"},
            "latest_message": {
                "text": "RM18 8AB",
                "entities": [{"entity": "postcode", "value": "RM18 8AB"}],
                "intent": {"name": "give_details"},
            },
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        }
    )
    result = ValidateDetailForm().validate_postcode("RM18 8AB", CollectingDispatcher(), answer, {})
    assert result == {"postcode": "RM17 6AA"}
    in_the_handover_form = ValidateDetailForm().validate_cared_for_postcode(
        "RM18 8AB", CollectingDispatcher(), answer, {}
    )
    assert in_the_handover_form == {"cared_for_postcode": "RM18 8AB", "postcode": "RM17 6AA"}


def test_wishes_for_how_to_be_contacted_told_at_different_times_are_all_kept():
    from actions.details import contact_wishes

    def told(*lists):
        events = [{"event": "slot", "name": "contact_preference", "value": wishes} for wishes in lists]
        return Tracker.from_dict(
            {"sender_id": "x", "slots": {"contact_preference": lists[-1]}, "events": events}
        )

    assert contact_wishes(told(["not by phone"], ["not at home"])) == ["not by phone", "not at home"]
    assert contact_wishes(told(["not by phone", "email"], ["phone call"])) == ["email", "phone call"]
    assert contact_slots(told(["not by phone"], ["not at home"])) == ["email"], "never asked for a phone"
    only_me, daughter = "do not contact them directly, only me", "contact their daughter Karen"
    assert contact_wishes(told([only_me], [daughter])) == ["do not contact them directly", daughter]
    # "contact me or his daughter": the caller is still asked for a number
    assert contact_slots(told(["do not contact them directly", "contact me or their daughter"]))[0] == "phone"
    assert contact_wishes(told([daughter], ["do not contact their daughter"])) == [
        "do not contact their daughter"
    ]


def test_the_person_who_may_be_causing_harm_is_never_the_person_the_help_is_for():
    from actions.handover import handover_details

    concern = {
        "kind": "abuse",
        "who_may_be_causing_harm": "my partner",
        "who_may_be_at_risk": "the person writing",
    }
    tracker = Tracker.from_dict(
        {
            "sender_id": "x",
            "slots": {
                "asking_for": "family",
                "cared_for": "partner",
                "full_name": "Leanne",
                "concerns": [concern],
            },
            "events": [],
        }
    )
    details = handover_details(tracker)
    assert "cared_for" not in details and details["asking_for"] == "self", details
    assert "The help is for: you" in details_as_lines(details)


def test_the_menu_prompt_is_never_given_twice_in_a_row():
    from actions.details import ActionNoteDetails

    said = {"text": "can i get help for me", "intent": {"name": "give_details"}, "entities": []}
    events = [
        {"event": "user", "text": "i look aftr my bruther", "parse_data": {}},
        {
            "event": "bot",
            "text": "What would you like help with?",
            "metadata": {"utter_action": "utter_menu"},
        },
        {"event": "user", "text": said["text"], "parse_data": said},
    ]
    tracker = Tracker.from_dict({"sender_id": "x", "slots": {}, "latest_message": said, "events": events})
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionNoteDetails().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_menu_again"]


@pytest.mark.parametrize(
    "text, wish",
    [
        (
            "please contact her directly, not me, I don't want to get involved",
            "contact them directly, not me",
        ),
        ("don't ring me, ring him", "contact them directly, not me"),
        ("ring mum directly", "contact them directly, not me"),
        ("i'm deaf, please don't phone me, phone my son", "contact my son, not me"),
        ("best to speak to her daughter, she sorts everything", "contact their daughter"),
        ("call me, not her", None),
        ("can you call me directly", None),
    ],
)
def test_who_to_contact_when_it_is_not_the_caller(text, wish):
    """A neighbour who would rather not be involved, a deaf man whose son takes the calls: the wish
    is kept as said, and "don't ring me, ring him" is no wish to avoid the phone."""
    wishes = [f.value for f in find_details(text) if f.kind == "contact_preference"]
    assert (wish in wishes) if wish else not any(w.startswith("contact ") for w in wishes)
    assert "not by phone" not in wishes


def test_the_resident_is_told_who_will_be_contacted():
    them = {"contact_preference": ["contact them directly, not me"], "phone": "07700 900111"}
    assert how_we_contact(
        {**them, "cared_for_name": "Joan Smith", "cared_for_phone": "07700 900222"}, True
    ) == (
        "I will ask them to contact Joan Smith directly, by phone on 07700 900222. "
        "If they need you, they can reach you by phone on 07700 900111."
    )
    assert how_we_contact({**them, "asking_for": "friend or neighbour", "cared_for": "neighbour"}).startswith(
        "I have asked them to contact your neighbour directly."
    )
    assert (
        how_we_contact({"contact_preference": ["contact my son, not me"]})
        == "I have asked them to contact your son."
    )


def test_a_surname_told_later_completes_the_name():
    """ "his surname is Walsh", typed at the phone question after "my friend Dennis": Dennis
    Walsh, and the caller's own surname the same way; as a form validates it, the slot already
    holds the new value ("Walsh Walsh" was stored)."""

    def told(method, slot, name, text, entity):
        state = tracker({slot: name}, text, [entity], requested="phone")
        state.events = [
            {"event": "slot", "name": slot, "value": name.split()[0]},
            {"event": "user", "text": text},
            {"event": "slot", "name": slot, "value": name.split()[-1]},
        ]
        state.slots[slot] = name.split()[-1]
        return getattr(ValidateDetailForm(), method)(name.split()[-1], CollectingDispatcher(), state, {})

    walsh = {"entity": "person_name", "value": "Walsh", "role": "cared_for"}
    assert told(
        "validate_cared_for_name", "cared_for_name", "Dennis Walsh", "his surname is Walsh", walsh
    ) == {"cared_for_name": "Dennis Walsh"}
    price = {"entity": "person_name", "value": "Price"}
    assert told("validate_full_name", "full_name", "Carol Price", "my surname is Price", price) == {
        "full_name": "Carol Price"
    }
    result, _ = validate(
        "validate_full_name", "email", "Carol Price", "sorry my name is Carol Price", {"full_name": "Jo"}, []
    )
    assert result["full_name"] != "Jo Carol Price"


def test_send_it_at_the_question_about_their_need_is_not_their_need():
    for text in ("send it", "just send it now please", "ok send it"):
        result, _ = validate("validate_need", "need", text, text)
        assert result == {"need": "not given"}
    result, _ = validate("validate_need", "need", "help sending letters", "help sending letters")
    assert result == {"need": "help sending letters"}


def test_no_phone_or_email_asked_of_a_caller_who_asked_us_to_contact_someone_else():
    for wish in ("contact them directly, not me", "contact their son", "contact my daughter, not me"):
        slots = required({"contact_preference": [wish], "share_consent": True, "asking_for": "family"})
        assert "phone" not in slots and "email" not in slots


def test_a_street_is_not_a_name():
    """ "it's Elm Close not Elm Road" was stored as the neighbour's name; Jo Street is a person."""
    for text, asked in [
        ("oh sorry it's Elm Close not Elm Road", "need"),
        ("take Elm Close off", "full_name"),
    ]:
        assert not [f for f in find_details(text, asked) if f.kind == "person_name"]
    assert [f.value for f in find_details("Jo Street", "full_name") if f.kind == "person_name"] == [
        "Jo Street"
    ]


def test_their_own_name_first_then_the_other_persons_are_both_kept():
    """ "Paul Hendry. brother is Kevin Hendry" at "what's your name?": Paul was asked for again."""
    names = {
        (f.value, f.role)
        for f in find_details("Paul Hendry. brother is Kevin Hendry", "full_name")
        if f.kind == "person_name"
    }
    assert names == {("Paul Hendry", None), ("Kevin Hendry", "cared_for")}


def test_asking_for_easy_read_in_passing_switches_this_chat_to_easy_read():
    """Gloria: "can you say it in easy read please" was kept as a need, and the answers stayed long."""
    from actions.details import ActionNoteDetails

    def note(text, needs):
        need = {"entity": "communication_need", "value": needs[0]}
        said = {"text": text, "intent": {"name": "give_details"}, "entities": [need]}
        events = [{"event": "user", "text": text, "parse_data": said}]
        state = Tracker.from_dict(
            {
                "sender_id": "x",
                "slots": {"communication_needs": needs},
                "latest_message": said,
                "events": events,
            }
        )
        return asyncio.run(ActionNoteDetails().run(CollectingDispatcher(), state, {}))

    assert {"event": "slot", "timestamp": None, "name": "easy_read", "value": True} in note(
        "can you say it in easy read please", ["Easy Read"]
    )
    assert not [e for e in note("my son needs easy read letters", ["Easy Read"]) if e["name"] == "easy_read"]


def test_someone_with_no_phone_and_no_email_is_offered_a_letter_before_it_is_sent():
    """Bill, with no phone and no email, was told to phone or email Thurrock First himself."""
    details = {"phone": DECLINED, "email": DECLINED}
    assert "by letter" in how_we_contact(details, asked_for=True)
    assert "someone you trust" in how_we_contact(details)
    assert how_we_contact({**details, "contact_preference": ["letter"]}, asked_for=True) == (
        "I'll ask them to contact you by letter."
    )


def test_no_email_is_never_asked_for_nor_offered():
    """Janet: "no email, he reads it" was followed by "What email address should go with...?"."""
    from rasa_sdk import Tracker

    def slots_asked(wishes):
        tracker = Tracker.from_dict(
            {"sender_id": "x", "slots": {"contact_preference": wishes}, "latest_message": {}, "events": []}
        )
        return contact_slots(tracker)

    assert slots_asked(["no email"]) == ["phone"]
    assert slots_asked(["not by phone", "no email"]) == []
    assert "by email" not in how_we_contact(
        {"email": "j@example.com", "phone": "07700 900417", "contact_preference": ["no email"]}
    )


def noted_in_passing(text, before, after, entities=(), slots=None):
    """action_note_details for `text`, with the slots held `before` it and set `after` it."""
    from actions.details import ActionNoteDetails

    said = {"text": text, "intent": {"name": "give_details"}, "entities": list(entities)}
    events = [
        *({"event": "slot", "name": name, "value": value} for name, value in before.items()),
        {"event": "user", "text": text, "parse_data": said},
        *({"event": "slot", "name": name, "value": value} for name, value in after.items()),
    ]
    tracker = Tracker.from_dict(
        {"sender_id": "x", "slots": {**after, **(slots or {})}, "latest_message": said, "events": events}
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionNoteDetails().run(dispatcher, tracker, {}))
    return result, [m["response"] for m in dispatcher.messages]


def test_a_neighbour_with_a_key_is_not_who_the_help_is_for():
    """Joan (74, help for herself) wrote "my neighbour Pat has a key, her number is 07700 900615"
    after sending: "I've updated who the help is for. It's now: friend or neighbour"."""
    result, responses = noted_in_passing(
        "my neighbour Pat has a key, her number is 07700 900615 if they cant get me",
        before={"asking_for": "self"},
        after={"asking_for": "friend or neighbour", "cared_for": "neighbour"},
    )
    assert {"event": "slot", "name": "asking_for", "value": "self", "timestamp": None} in result
    assert "utter_detail_updated" not in responses


def test_a_detail_typed_at_what_would_you_like_to_change_goes_back_to_the_read_back():
    """Typed at the change menu, a new detail was noted and then "What would you like help with?":
    the request being read back was left behind."""
    result, _ = noted_in_passing(
        "my mobile is 07700 900999",
        before={"phone": "07700 900111"},
        after={"phone": "07700 900999"},
        entities=[{"entity": "phone", "value": "07700 900999"}],
        slots={"handover_stage": "confirming"},
    )
    assert result[-1] == {"event": "followup", "timestamp": None, "name": "action_confirm_handover"}


@pytest.mark.parametrize(
    "text, wish",
    [
        # the number of the one to contact instead, said after the wish: theirs, kept with it
        ("ring dawn not me. her number is 07700 900418", "contact Dawn on 07700 900418, not me"),
        (
            "better call daughter Ola. 07700 900418. she speak english",
            "contact my daughter Ola on 07700 900418",
        ),
        # a next of kin named before the words "next of kin": never the patient's own number
        ("his niece Carol is next of kin, 07700 900412", "next of kin: their niece Carol on 07700 900412"),
    ],
)
def test_someone_elses_number_goes_with_them(text, wish):
    found = find_details(text)
    assert [f.value for f in found if f.kind == "contact_preference"] == [wish]
    assert not [f for f in found if f.kind == "phone"], "never the caller's or the patient's number"


@pytest.mark.parametrize(
    "text, wish",
    [
        ("can u ring dawn she is my suport worker. not me", "contact my support worker Dawn, not me"),
        ("ring Pat, he is my son", "contact my son Pat"),
    ],
)
def test_the_one_to_contact_named_then_who_they_are(text, wish):
    assert [f.value for f in find_details(text) if f.kind == "contact_preference"] == [wish]


@pytest.mark.parametrize(
    "text, needs",
    [
        ("interpreter free? me pay?", []),  # asked about, not asked for
        ("who help me write complaint? advocate?", []),
        ("i dont need an interpreter, only my dad does", []),
        ("wrong. me no language interpreter. only BSL", ["BSL interpreter"]),
        (
            "is it free or must i pay for a polish interpreter?",
            ["a Polish interpreter"],
        ),  # a language asked for
        ("can i have a BSL interpreter please?", ["BSL interpreter"]),
    ],
)
def test_a_need_only_asked_about_or_denied_is_never_recorded(text, needs):
    assert [f.value for f in find_details(text) if f.kind == "communication_need"] == needs


@pytest.mark.parametrize(
    "text, wishes",
    [
        # someone named who cannot use the phone: theirs; the caller asked to be rung
        ("no. june cant use the phone though, ring me not her", ["phone call"]),
        # "not by phone" quoted back as wrong is never a wish; "dont ring june" is about who
        ("you've put not by phone, thats wrong, RING ME on the mobile. just dont ring june", ["phone call"]),
    ],
)
def test_a_wish_is_the_callers_own_and_never_their_words_quoted_back(text, wishes):
    assert [f.value for f in find_details(text) if f.kind == "contact_preference"] == wishes


def test_its_my_wife_says_who_the_help_is_for():
    found = {
        f.kind: f.value for f in find_details("graham pearce. its my wife june pearce who gets the care")
    }
    assert found["asking_for"] == "family" and found["cared_for"] == "wife"
    assert not [f for f in find_details("its my wifes birthday") if f.kind == "cared_for"]


def test_a_relatives_number_and_working_days_go_where_they_belong():
    said = "she lives on her own, her son paul visits at weekends his number is 07700 900655"
    found = find_details(said)
    assert [f.value for f in found if f.kind == "contact_preference"] == [
        "family contact: their son Paul on 07700 900655"
    ]
    assert not [f for f in found if f.kind == "phone"], "never the patient's own number"
    said = "my work mobile is 07700 900418, i work mon-thu so please call me then"
    assert [f.value for f in find_details(said) if f.kind == "contact_time"] == ["Monday to Thursday"]
    assert not [f for f in find_details("the carers come mon to fri") if f.kind == "contact_time"]
    found = find_details("ring mark not me. 07700 900633")
    assert [f.value for f in found if f.kind == "contact_preference"] == [
        "contact Mark on 07700 900633, not me"
    ]


def test_no_best_time_is_asked_of_someone_written_to_by_post():
    """Frank, 79, asked for a letter; asked when to be rung, he said "by post i said", and was asked again."""
    assert "contact_time" not in required(
        {"contact_preference": ["letter", "not by phone"], "share_consent": True}
    )
    assert "contact_time" in required({"contact_preference": ["letter", "phone call"], "share_consent": True})
