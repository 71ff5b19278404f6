"""A request the resident can trust, action by action (Tracker.from_dict, the real project database):
its reference and state, a note added after sending, one handover per need, "yes send it, but …"."""

import json
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from actions.details import ActionNoteDetails, ActionShowDetails
from actions.out_of_scope import ActionAnswerAccessRoutes
from actions.handover import ActionStartHandover, ActionSubmitHandover, handover_topic
from actions.requests import (
    ActionAddToRequest,
    ActionSaveRequestNote,
    ActionTellRequestStatus,
    ActionWhatHappensNext,
)
from bot.settings import settings
from actions.safety import ActionRespondToRisk
from bot.store.handovers import add_note, create_handover, list_handovers
from tests.test_actions import SENDER, database, run  # noqa: F401 (database is a fixture)

FIELDS = {"topic": "Equipment and home changes", "summary": "", "full_name": "Linda Reeve"}


def said(
    text: str, intent: str, ranking: Optional[List[Dict]] = None, entities: Optional[List[Dict]] = None
) -> Dict:
    return {
        "event": "user",
        "text": text,
        "metadata": {},
        "parse_data": {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
            "entities": entities or [],
        },
    }


def state(slots: Dict[str, Any], *events: Dict) -> Tracker:
    latest = events[-1]["parse_data"] if events else {"intent": {"name": ""}, "entities": []}
    return Tracker.from_dict(
        {
            "sender_id": SENDER,
            "slots": slots,
            "latest_message": {**latest, "metadata": {}},
            "events": list(events),
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def test_the_reference_and_its_state_are_told_from_the_database(database):  # noqa: F811
    messages, _ = run(ActionTellRequestStatus(), state({}, said("what's my reference", "ask_request_status")))
    assert [m["response"] for m in messages] == ["utter_no_request"]
    made = create_handover(database, SENDER, FIELDS, ["email"])
    create_handover(database, "web:someone-else", FIELDS, [])
    messages, _ = run(ActionTellRequestStatus(), state({}, said("did it send?", "ask_request_status")))
    assert [(m["response"], m["reference"]) for m in messages] == [("utter_request_sending", made.reference)]
    messages, _ = run(
        ActionTellRequestStatus(),
        state({"handover_stage": "collecting"}, said("did it send?", "ask_request_status")),
    )
    assert messages[-1]["response"] == "utter_request_being_prepared"


def test_a_note_is_taken_from_the_message_or_asked_for_and_added_to_the_last_request(database, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")  # a delivery is configured
    settings.cache_clear()
    [message], _ = run(
        ActionAddToRequest(), state({}, said("can I add something to my request", "add_to_request"))
    )
    assert message["response"] == "utter_nothing_to_add_to", "not the same words as 'no reference yet'"
    for asked, slots in [
        ("can you pass it on to the council", {}),
        ("i want you to tell them so someone checks on him", {}),
        ("save my request please, im a professional", {}),  # Femi: "no request to add to yet"
        ("can I add that he's not eaten", {"concerns": [{"kind": "neglect"}]}),  # after a worry
    ]:
        messages, events = run(ActionAddToRequest(), state(slots, said(asked, "add_to_request")))
        assert messages == [] and events[-1]["name"] == "action_start_handover", asked
    change = said("i want to change something before you send it", "add_to_request")
    _, events = run(ActionAddToRequest(), state({"handover_stage": "confirming"}, change))
    assert events[-1]["name"] == "action_ask_what_to_change", "the request being read back is changed"
    made = create_handover(database, SENDER, FIELDS, ["email"])
    [message], events = run(
        ActionAddToRequest(), state({}, said("can I add that he's on insulin", "add_to_request"))
    )
    assert message["response"] == "utter_request_note_added" and message["note"] == "he's on insulin"
    assert list_handovers(database)[0]["notes"][0]["text"] == "he's on insulin"
    _, events = run(ActionAddToRequest(), state({}, said("add something to my request", "add_to_request")))
    assert events[-1]["name"] == "note_form"
    [message], _ = run(ActionSaveRequestNote(), state({"request_note": "he's on insulin"}))
    assert message["response"] == "utter_request_note_added" and message["reference"] == made.reference
    [stored] = list_handovers(database)
    assert [note["text"] for note in stored["notes"]] == ["he's on insulin", "he's on insulin"]
    # "can you add Pat's number": the number said earlier goes, never the words asking for it
    told = said("my daughter Pat can help, 07700 900552 is her mobile", "inform")
    own = said("ring me on 07700 900461", "inform")
    asked = said("can you add Pat's number to my request", "add_to_request")
    [message], _ = run(ActionAddToRequest(), state({"phone": "07700 900461"}, told, own, asked))
    assert message["note"] == "Pat's number: 07700 900552"
    _, events = run(ActionAddToRequest(), state({"phone": "07700 900461"}, own, asked))
    assert events[-1]["name"] == "note_form", "no other number said: asked for, never my own"


def test_one_handover_per_need_and_a_question_is_answered_not_made_into_a_request(database):  # noqa: F811
    asked = said(
        "can someone ring me about the grab rails",
        "request_callback",
        [{"name": "request_callback", "confidence": 0.7}, {"name": "assessment_ot", "confidence": 0.2}],
    )
    assert handover_topic(state({}, asked)) == "Equipment and home changes"
    messages, events = run(ActionStartHandover(), state({}, asked))
    assert messages[0]["response"].startswith("utter_handover_intro")
    create_handover(database, SENDER, FIELDS, [])
    messages, events = run(ActionStartHandover(), state({}, asked))
    assert [m["response"] for m in messages] == ["utter_request_saved", "utter_request_already_made"]
    assert not list_handovers(database)[1:]
    new = said(
        "/request_callback", "request_callback", entities=[{"entity": "detail", "value": "new_request"}]
    )
    messages, _ = run(ActionStartHandover(), state({}, asked, new))
    assert messages[0]["response"].startswith("utter_handover_intro")
    question = said("will she have to pay for it", "financial_will_i_pay")
    messages, _ = run(ActionStartHandover(), state({}, question))
    assert [m["response"] for m in messages] == ["utter_financial_will_i_pay"]


def answer(response: str) -> Dict:
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}}


def test_the_last_two_topics_answered_make_the_topic_and_an_old_one_does_not(database):  # noqa: F811
    turns = [
        said("will I pay", "financial_will_i_pay"),
        answer("utter_financial_will_i_pay"),
        said("and my house?", "financial_home"),
        answer("utter_financial_home"),
        said("call me", "request_callback"),
    ]
    assert handover_topic(state({}, *turns)) == "My home and paying for care and Will I have to pay?"
    old = [said("what is a direct payment", "dp_what"), answer("utter_dp_what")]
    old += [said("ok", "affirm")] * 5 + turns[2:]
    assert handover_topic(state({}, *old)) == "My home and paying for care"


def test_answers_to_the_form_and_topics_of_a_request_already_sent_are_not_the_new_topic(database):  # noqa: F811
    turns = [
        said("what is a direct payment", "dp_what"),
        answer("utter_dp_what"),
        said("call me", "request_callback"),
        answer("utter_ask_communication_needs"),
        said("large print", "contact_other_ways"),  # an answer to the form, read by NLU as a topic
        answer("utter_handover_readback"),
        said("yes", "affirm"),
        answer("utter_handover_sent"),
        said("can someone phone me please", "request_callback"),
    ]
    assert handover_topic(state({}, *turns)) == "a general enquiry", "the same need as the request sent"


def test_send_it_with_a_change_sends_it_a_yes_with_one_reads_back(database, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")  # a delivery is configured
    settings.cache_clear()
    slots = {
        "full_name": "Ade Okafor",
        "phone": "07700 900 112",
        "share_consent": True,
        "handover_stage": "confirming",
        "handover_topic": "Who can have a direct payment",
    }
    change = said(
        "yes send it but my number is 07700 900 112",
        "affirm",
        entities=[{"entity": "phone", "value": "07700 900 112"}],
    )
    messages, events = run(ActionSubmitHandover(), state(slots, change))
    assert messages[0]["response"] == "utter_detail_updated" and "07700 900 112" in messages[0]["value"]
    assert messages[1]["response"] == "utter_handover_sent" and len(list_handovers(database)) == 1
    yes_with_a_change = said(
        "yes, my number is 07700 900 112", "affirm", entities=change["parse_data"]["entities"]
    )
    messages, events = run(ActionSubmitHandover(), state(slots, yes_with_a_change))
    assert events[-1]["name"] == "action_confirm_handover" and len(list_handovers(database)) == 1


def test_skipping_while_changing_a_detail_keeps_the_old_value():
    from actions.details import ValidateDetailForm

    events = [
        {"event": "slot", "name": "phone", "value": "07700 900606"},
        {"event": "slot", "name": "phone", "value": None},
        said("/deny", "deny"),
    ]
    tracker = Tracker.from_dict(
        {
            "sender_id": SENDER,
            "slots": {"requested_slot": "phone", "detail_to_change": "phone"},
            "latest_message": {**events[-1]["parse_data"], "metadata": {}},
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "detail_form"},
            "latest_action_name": "action_listen",
        }
    )
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    assert ValidateDetailForm().validate_phone("/deny", dispatcher, tracker, {}) == {"phone": "07700 900606"}
    assert dispatcher.messages[0]["response"] == "utter_detail_kept"
    assert dispatcher.messages[0]["detail"] == "your phone number", "never 'your their name'"


def test_the_topic_can_be_changed_at_the_read_back():
    from actions.handover import ActionChooseTopic

    asked = said("can I pay my son", "dp_personal_assistant")
    [message], _ = run(
        ActionChooseTopic(), state({"handover_stage": "confirming"}, asked, said("/deny", "deny"))
    )
    assert message["response"] == "utter_ask_topic"
    titles = [button["title"] for button in message["buttons"]]
    assert titles[0] == "Employing a personal assistant" and "Needs assessment" in titles
    chose = said("/update_detail", "update_detail", entities=[{"entity": "topic", "value": "assessment_ot"}])
    _, events = run(ActionChooseTopic(), state({"handover_stage": "confirming"}, asked, chose))
    assert {
        "event": "slot",
        "name": "handover_topic",
        "value": "Equipment and home changes",
        "timestamp": None,
    } in events
    assert events[-1]["name"] == "action_confirm_handover"


def test_what_happens_next_says_plainly_whether_anything_was_sent(database):  # noqa: F811
    asked = said("how long until they ring me", "what_happens_next")
    messages, _ = run(ActionWhatHappensNext(), state({}, asked))
    assert [m["response"] for m in messages] == ["utter_nothing_sent_yet", "utter_what_happens_next"]
    messages, _ = run(ActionWhatHappensNext(), state({"handover_stage": "confirming"}, asked))
    assert [m["response"] for m in messages] == ["utter_request_being_prepared", "utter_what_happens_next"]
    create_handover(database, SENDER, FIELDS, ["email"])
    messages, _ = run(ActionWhatHappensNext(), state({}, asked))
    assert [m["response"] for m in messages] == ["utter_what_happens_next"]
    # "who will they ring first, me or Karen?": what the request asked for, from what they told us
    first = said("who will they ring first, me or Karen?", "what_happens_next")
    wishes = {"contact_preference": ["contact their daughter Karen"], "phone": "07700 900731"}
    messages, _ = run(ActionWhatHappensNext(), state(wishes, first))
    assert [m["response"] for m in messages] == ["utter_what_happens_next", "utter_who_they_contact"]
    assert "daughter Karen" in messages[1]["how"] and "07700 900731" in messages[1]["how"]


def test_a_note_on_a_request_that_is_not_sent_says_it_is_kept_not_going(database, monkeypatch):  # noqa: F811
    monkeypatch.delenv("HANDOVER_EMAIL_TO", raising=False)
    settings.cache_clear()
    create_handover(database, SENDER, FIELDS, [])
    [message], _ = run(
        ActionAddToRequest(), state({}, said("can I add that he's on insulin", "add_to_request"))
    )
    assert message["response"] == "utter_request_note_saved", "no delivery configured: never 'it's going'"


def test_the_request_promises_a_call_only_when_something_delivers_it(monkeypatch):
    """With no email or webhook set up, "I can ask Thurrock First to contact you" became "please
    phone them" at the end: the opening now says it is saved for them, from the start."""
    asked = said("can someone ring me about the grab rails", "request_callback")
    for variable in ("HANDOVER_EMAIL_TO", "HANDOVER_WEBHOOK_URL"):
        monkeypatch.delenv(variable, raising=False)
    settings.cache_clear()
    messages, _ = run(ActionStartHandover(), state({}, asked))
    assert messages[0]["response"] == "utter_handover_intro_saved"
    monkeypatch.setenv("HANDOVER_EMAIL_TO", "thurrock.first@example.org")
    settings.cache_clear()
    messages, _ = run(ActionStartHandover(), state({}, asked))
    assert messages[0]["response"] == "utter_handover_intro"
    settings.cache_clear()


def test_what_was_added_after_sending_is_shown_when_they_ask_what_is_held(database):  # noqa: F811
    made = create_handover(database, SENDER, FIELDS, [])
    add_note(database, made.reference, "he is diabetic and on insulin")
    slots = {"full_name": "Karen Obi"}
    messages, _ = run(ActionShowDetails(), state(slots, said("show me what's saved", "show_my_details")))
    notes = [m for m in messages if m["response"] == "utter_request_notes"]
    assert notes and "he is diabetic and on insulin" in notes[0]["notes"]
    assert [m["response"] for m in messages][:2] == ["utter_your_details", "utter_request_saved"]
    messages, _ = run(
        ActionTellRequestStatus(), state({}, said("is the insulin bit on it", "ask_request_status"))
    )
    assert "utter_request_notes" in [m["response"] for m in messages]


def test_when_will_they_ring_after_a_concern_says_plainly_a_saved_request_is_not_sent(database):  # noqa: F811
    made = create_handover(database, SENDER, FIELDS, [])
    concern = {"kind": "self_harm", "urgency": "urgent", "their_words": ["i cant go on"]}
    events = [
        said("i cant go on", "urgent_self_harm", entities=[{"entity": "risk", "value": "self_harm"}]),
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_risk_self_harm"}},
        said("when will they ring me", "what_happens_next"),
    ]
    slots = {"concerns": [concern], "last_risk_answer": "self_harm"}
    messages, _ = run(ActionRespondToRisk(), state(slots, *events))
    assert [m.get("reference") for m in messages if m["response"] == "utter_request_saved_nobody_told"] == [
        made.reference
    ]
    assert "utter_risk_followup_what_next" not in [m["response"] for m in messages]


def test_asking_again_after_an_urgent_request_with_nothing_new_is_the_same_request(database):  # noqa: F811
    concern = {
        "kind": "self_harm",
        "what": "risk of suicide or self-harm",
        "urgency": "urgent",
        "their_words": ["x"],
    }
    fields = {
        **FIELDS,
        "topic": "Risk of suicide or self-harm (the person writing)",
        "urgency": "urgent",
        "concern": json.dumps([concern]),
    }
    create_handover(database, SENDER, fields, [])
    again = said("/request_callback", "request_callback")
    slots = {"concerns": [concern], "handover_urgency": "urgent"}
    messages, _ = run(ActionStartHandover(), state(slots, again))
    assert [m["response"] for m in messages] == ["utter_request_saved", "utter_request_already_made"]
    told_more = {**concern, "kind": "abuse", "what": "possible abuse"}
    messages, _ = run(ActionStartHandover(), state({**slots, "concerns": [concern, told_more]}, again))
    assert messages[0]["response"].startswith("utter_handover_intro_urgent"), "a new concern: a new request"


def test_whats_my_reference_at_the_read_back_shows_what_waits_for_the_yes(database):  # noqa: F811
    """Dave asked "did you save my request? whats my reference" at the read-back, was told "it's sent
    when you say yes at the end", and his yes then showed the menu: the read-back comes again."""
    messages, events = run(
        ActionTellRequestStatus(),
        state({"handover_stage": "confirming"}, said("whats my reference", "ask_request_status")),
    )
    assert [m["response"] for m in messages] == ["utter_request_being_prepared"]
    assert {"event": "followup", "timestamp": None, "name": "action_confirm_handover"} in events
    messages, events = run(
        ActionTellRequestStatus(),
        state({"handover_stage": "collecting"}, said("whats my reference", "ask_request_status")),
    )
    assert not any(e.get("event") == "followup" for e in events), "inside the form, the form asks next"


def test_did_you_add_it_is_a_question_never_the_note(database):  # noqa: F811
    """Pat asked "did you add it to my request" and the note saved was "did you"."""
    made = create_handover(database, SENDER, FIELDS, [])
    add_note(database, made.reference, "she has a key safe")
    messages, _ = run(ActionAddToRequest(), state({}, said("did you add it to my request", "add_to_request")))
    assert [m["response"] for m in messages][:2] == ["utter_request_saved", "utter_request_notes"]
    assert [n["text"] for n in list_handovers(database)[0]["notes"]] == ["she has a key safe"]


def test_a_worry_told_as_what_to_add_is_added_as_well_as_answered(database):  # noqa: F811
    """Pat, at "what would you like to add?": "put that im scared of what i might do" got the urgent
    answer and was never added to her request."""
    create_handover(database, SENDER, FIELDS, [])
    concern = {"kind": "carer_harm", "urgency": "urgent", "their_words": ["i pushed her"], "what": "x"}
    events = [
        said("i pushed her", "safeguarding_concern", entities=[{"entity": "risk", "value": "carer_harm"}]),
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_risk_carer_harm"}},
        said(
            "put that im scared of what i might do",
            "safeguarding_concern",
            entities=[{"entity": "risk", "value": "carer_harm"}],
        ),
    ]
    tracker = state({"concerns": [concern], "last_risk_answer": "carer_harm"}, *events)
    tracker.active_loop = {"name": "note_form"}
    messages, _ = run(ActionRespondToRisk(), tracker)
    assert "utter_request_note_saved" in [m["response"] for m in messages]
    assert [n["text"] for n in list_handovers(database)[0]["notes"]] == [
        "put that im scared of what i might do"
    ]


def test_whether_someone_else_may_ring_for_them_is_answered_with_their_reference(database):  # noqa: F811
    """Joan and Lee asked "can my mum ring for me?": they were told a request was already made, or a
    new one began with the consent question."""
    messages, _ = run(
        ActionStartHandover(), state({}, said("can peter ring them for me", "request_callback"))
    )
    assert [m["response"] for m in messages] == ["utter_someone_can_call"]
    made = create_handover(database, SENDER, FIELDS, [])
    messages, _ = run(ActionStartHandover(), state({}, said("can my mum ring for me", "request_callback")))
    assert [m["response"] for m in messages] == ["utter_someone_can_call_with_reference"]
    assert messages[0]["reference"] == made.reference


def test_an_interpreter_in_a_spoken_language_gets_its_own_answer():
    messages, _ = run(
        ActionAnswerAccessRoutes(), state({}, said("do you have polish interpreter", "access_routes"))
    )
    assert [(m["response"], m.get("language")) for m in messages] == [
        ("utter_language_interpreter", "Polish")
    ]
    messages, _ = run(
        ActionAnswerAccessRoutes(), state({}, said("can i get a bsl interpreter", "access_routes"))
    )
    assert [m["response"] for m in messages] == ["utter_access_routes"]


def test_neglect_told_as_feedback_is_pointed_to_where_it_is_acted_on(database):  # noqa: F811
    """Terry's feedback (mum left in her chair from the night before till 4pm, no tablets or food)
    got only "this is not a formal complaint"."""
    from actions.feedback import ActionSubmitFeedback

    comment = "nobody came and mum was left in the same chair from the night before until 4pm with no tablets or food"
    slots = {"feedback_rating": 1, "feedback_comment": comment}
    messages, _ = run(ActionSubmitFeedback(), state(slots, said(comment, "give_feedback")))
    assert [m["response"] for m in messages] == [
        "utter_feedback_thanks",
        "utter_feedback_is_a_safeguarding_concern",
    ]
    slots = {"feedback_rating": 2, "feedback_comment": "the website is hard to use and the letters are late"}
    messages, _ = run(ActionSubmitFeedback(), state(slots, said("x", "give_feedback")))
    assert [m["response"] for m in messages] == ["utter_feedback_thanks"]


def test_is_it_really_gone_read_as_a_status_question_is_answered_about_deleting(database):  # noqa: F811
    """Tyler, after "yes delete": "is it actually gone? will anyone see what i said" was read as
    "what's my reference" ("You haven't sent a request")."""
    text = "is it actually gone? will anyone see what i said"
    messages, _ = run(ActionTellRequestStatus(), state({}, said(text, "ask_request_status")))
    assert [m["response"] for m in messages] == ["utter_deleted_check"]


def test_a_saved_request_is_explained_to_suit_someone_who_cannot_phone_or_email():
    """Harold (hard of hearing, no email) and Bill (no phone, no email) were told at the read-back
    "you'll need to phone or email them"."""
    from actions.details import DECLINED
    from actions.handover import SAVED_ONLY, saved_only_line

    neither = saved_only_line({"contact_preference": ["not by phone", "letter"], "email": DECLINED})
    assert "someone you trust" in neither and "18001" in neither and "phone or email" not in neither
    assert "email them" in saved_only_line({"contact_preference": ["not by phone"], "email": "a@example.com"})
    assert saved_only_line({"contact_preference": ["phone call"], "phone": "07700 900123"}) == SAVED_ONLY


def test_is_it_included_is_answered_from_the_read_back():
    """A Deaf resident asked three times "INTERPRETER INCLUDED YES?" and got the access answer."""
    from actions.handover import included_answer

    readback = (
        "• About: Carer's assessment\nAbout you:\n• Name: Sam Okafor\n• Communication needs: BSL interpreter"
    )
    assert included_answer("INTERPRETER INCLUDED YES?", readback).startswith(
        "Yes, it's there: Communication needs: BSL interpreter"
    )
    assert included_answer("is my address on it?", readback).startswith("No, there is no address")


def test_what_is_asked_about_is_what_the_answer_looks_for():
    """Each thing "is it included?" is read for has an answer from the read-back, and "it's not
    urgent, nobody is in danger" is read the same at the read-back wherever it is heard."""
    from actions.handover import included_answer
    from bot.sending import asks_if_included, says_not_urgent

    readback = "• About: Help at home\nAbout you:\n• Communication needs: large print letters"
    for asked in ("are my needs in it?", "is the large print on there?", "have you put my postcode in?"):
        assert asks_if_included(asked), asked
        assert included_answer(asked, readback), asked
    assert included_answer("are my needs in it?", readback).startswith("Yes, it's there: Communication needs")
    assert not asks_if_included("i need someone to help her in the house")
    for said in ("nobody is in danger, it can wait", "its not urgent", "no one is in any danger"):
        assert says_not_urgent(said), said
    assert not says_not_urgent("is it marked urgent?")


def test_something_told_late_after_a_request_is_added_to_it(database):  # noqa: F811
    """ "oh forgot to say i have a cat, shes friendly", after sending, got the main menu."""
    late = said("oh forgot to say i have a cat, shes friendly", "give_details")
    messages, events = run(ActionNoteDetails(), state({}, late))
    assert [m["response"] for m in messages] == ["utter_menu"], "no request yet: nothing to add to"
    create_handover(database, SENDER, FIELDS, ["email"])
    messages, events = run(ActionNoteDetails(), state({}, late))
    assert messages == [] and events[-1]["name"] == "action_add_to_request"


def test_i_dont_understand_after_was_this_helpful_is_a_no(database):  # noqa: F811
    """Danny (learning disability) typed "i dont understand" and was told "Thank you for telling me"."""
    from actions.feedback import ActionLogHelpful

    for text in ("i dont understand", "im confused"):
        _, events = run(ActionLogHelpful(), state({}, said(text, "answer_feedback")))
        assert events[-1]["name"] == "missing_form", text
    messages, _ = run(ActionLogHelpful(), state({}, said("yes thanks", "answer_feedback")))
    assert messages[0]["response"] == "utter_thanks_helpful"


def test_a_detail_changed_after_sending_goes_to_thurrock_first_with_the_reference(database):  # noqa: F811
    """Lorna, after sending: "please change my area to stanford le hope": noted here only, while the
    request Thurrock First had still said Basildon."""
    from actions.details import ActionNoteDetails

    made = create_handover(database, SENDER, FIELDS, ["email"])
    before = {"event": "slot", "name": "area", "value": "Basildon"}
    changed = said(
        "please change my area to stanford le hope",
        "give_details",
        entities=[{"entity": "area", "value": "Stanford-le-Hope"}],
    )
    tracker = state({"area": "Stanford-le-Hope"}, before, changed)
    messages, _ = run(ActionNoteDetails(), tracker)
    assert (
        messages[-1]["response"] == "utter_request_note_added" and messages[-1]["reference"] == made.reference
    )
    assert "Stanford-le-Hope" in messages[-1]["note"]
    [handover] = [h for h in list_handovers(database) if h["reference"] == made.reference]
    assert any("Stanford-le-Hope" in note["text"] for note in handover["notes"])


def test_after_sending_only_a_change_asked_for_is_sent_and_never_a_name(database):  # noqa: F811
    """A social worker asking "they know not to ring Mr Hart before Friday, yes?" had "not by phone"
    sent as her own wish, and "it's Mr Hart who shouldn't be contacted" sent as her name."""
    from actions.details import ActionNoteDetails

    create_handover(database, SENDER, FIELDS, ["email"])
    for text, slot, value in [
        (
            "and they know not to ring Mr Hart himself before Friday, yes?",
            "contact_preference",
            ["not by phone"],
        ),
        ("please correct it: It's Mr Hart who shouldn't be contacted", "full_name", "Mr Hart"),
    ]:
        entity = {"contact_preference": "contact_preference", "full_name": "person_name"}[slot]
        message = said(text, "give_details", entities=[{"entity": entity, "value": value}])
        before = {"event": "slot", "name": slot, "value": "Priti" if slot == "full_name" else ["phone call"]}
        messages, _ = run(ActionNoteDetails(), state({slot: value}, before, message))
        assert all(m["response"] != "utter_request_note_added" for m in messages), text


def test_an_interpreter_asked_for_again_by_a_bsl_user_stays_a_bsl_interpreter():
    """Tariq: "interpreter for me not for wife. ok now send" turned his BSL interpreter into "a
    language interpreter", sent at once."""
    from actions.details import same_interpreter

    before = {"event": "slot", "name": "communication_needs", "value": ["BSL interpreter"]}
    message = said("interpreter for me not for wife", "give_details")
    tracker = state({"communication_needs": ["a language interpreter"]}, before, message)
    assert same_interpreter(tracker) == [
        {"event": "slot", "timestamp": None, "name": "communication_needs", "value": ["BSL interpreter"]}
    ]


def test_is_it_gone_read_as_privacy_says_what_deleting_left(database):  # noqa: F811
    """After deleting, "is it actually gone? will anyone see what i said" is answered whatever the
    classifier makes of it; the same question in a chat that still holds its story is the notice."""
    from actions.privacy import ActionPrivacy

    asked = said("is it actually gone? will anyone see what i said", "privacy")
    messages, _ = run(ActionPrivacy(), state({}, asked))
    assert [m["response"] for m in messages] == ["utter_deleted_check"]
    story = said("my mum needs help at home", "assessment_needs")
    plain = said("will anyone see what i said", "privacy")
    messages, _ = run(ActionPrivacy(), state({}, story, plain))
    assert [m["response"] for m in messages] == ["utter_privacy"]


def test_what_did_you_send_shows_the_request_as_it_went(database):  # noqa: F811
    """Asked after sending, however it is read (request status, details, not understood): the state,
    then what the request said (from the database: the chat may hold other details by now)."""
    from actions.details import ActionShowDetails
    from actions.fallback import ActionHandleFallback

    fields = {
        **FIELDS,
        "topic": "Safeguarding concern",
        "urgency": "urgent",
        "phone": "07700 900123",
        "asking_for": "family",
        "cared_for": "dad",
        "cared_for_name": "Ron",
        "contact_preference": "contact my son Peter, not by phone",
        "need": "someone to check on him",
        "concern": json.dumps([{"their_words": ["his carer takes his money"]}]),
    }
    made = create_handover(database, SENDER, fields, ["email"])
    for action, intent in (
        (ActionTellRequestStatus(), "ask_request_status"),
        (ActionShowDetails(), "show_my_details"),
        (ActionHandleFallback(), "nlu_fallback"),
    ):
        messages, _ = run(action, state({"full_name": "Sue Hart"}, said("what did you send them?", intent)))
        assert [m["response"] for m in messages] == ["utter_request_sending", "utter_request_as_sent"], action
        content = messages[-1]["content"]
        assert messages[-1]["reference"] == made.reference
        for shown in (
            "Urgent",
            '"his carer takes his money"',
            "Safeguarding concern",
            "Linda Reeve",
            "07700 900123",
        ):
            assert shown in content
        assert "Ron" in content and "someone to check on him" in content
        assert "contact your son Peter" in content and "Sue Hart" not in content
    # before anything was sent, and for "did it send?", the state alone
    messages, _ = run(ActionTellRequestStatus(), state({}, said("did it send?", "ask_request_status")))
    assert [m["response"] for m in messages] == ["utter_request_sending"]
