"""Tell us once, and the handover to Thurrock First, through the real assistant and a real SMTP server."""

import json
import re
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

from tests.conftest import PROJECT_DIR, button_titles, start_assistant, stop_assistant, texts

MARGARET = "Hello, my name is Margaret Hill, I live in Grays RM17 6SL and my phone number is 07700 900123"
QUESTIONS = {
    "full_name": "What's your name?",
    "phone": "What phone number should Thurrock First call you on?",
    "postcode": "What's the postcode",
    "asking_for": "Who is the help for?",
    "contact_time": "When is a good time",
    "communication_needs": "communication needs",
    "need": "what do you need help with?",
    "share_consent": "Is it OK for me to share",
}
REFERENCE = re.compile(r"TF-\d{8}-\d{4}")


def staff(assistant, *arguments: str) -> str:
    """Runs a staff command against the test assistant's database, as staff would."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        cwd=PROJECT_DIR,
        env=assistant.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def handovers(assistant):
    return json.loads(staff(assistant, "handovers", "--json"))


def converse(assistant, sender, *lines):
    """Says each line in turn; returns every reply's text, one string per turn."""
    return [texts(assistant.say(sender, line)) for line in lines]


def asked(said, slot):
    return any(QUESTIONS[slot] in turn for turn in said)


def mail_about(mailbox, reference, name):
    """The email for one handover (other tests' databases may reuse a reference)."""
    return next((m for m in mailbox.messages if reference in m["Subject"] and name in m.get_content()), None)


def wait_for(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError("waited too long")


def test_details_in_one_sentence_are_noted_and_never_asked_again(assistant, sender, mailbox):
    noted = texts(assistant.say(sender, MARGARET))
    assert "your name, phone number, postcode and area" in noted
    said = converse(
        assistant,
        sender,
        "can I pay my daughter with a direct payment",  # another topic in between
        "what is a carer's assessment",
        "can someone call me back",
    )
    assert "personal assistant" in said[0].lower() or "family" in said[0].lower()
    assert asked(said, "share_consent")
    said += converse(
        assistant, sender, "yes", "for myself", "mornings", "large print", "I want help to stay at home"
    )
    for slot in ("full_name", "phone", "postcode"):
        assert not asked(said, slot), f"asked for {slot} again:\n" + "\n---\n".join(said)
    for slot in ("asking_for", "contact_time", "communication_needs", "need"):
        assert asked(said, slot), slot
    readback = said[-1]
    for detail in ("Margaret Hill", "07700 900123", "RM17 6SL", "large print", "mornings", "stay at home"):
        assert detail in readback
    sent = texts(assistant.say(sender, "/affirm"))
    reference = REFERENCE.search(sent).group(0)
    assert reference.startswith(f"TF-{datetime.utcnow():%Y%m%d}")
    assert "01375 511 000" in sent

    record = next(h for h in handovers(assistant) if h["reference"] == reference)
    assert (record["full_name"], record["phone"], record["postcode"]) == (
        "Margaret Hill",
        "07700 900123",
        "RM17 6SL",
    )
    assert record["communication_needs"] == "large print"
    assert "carer's assessment" in record["summary"] and "direct payment" in record["summary"]
    assert record["topic"].startswith("Carer's assessment")  # the last topic first; the one before it too

    mail = wait_for(lambda: mail_about(mailbox, reference, "stay at home"))
    body = mail.get_content()
    assert body.startswith("COMMUNICATION NEEDS: large print")
    for detail in ("Margaret Hill", "07700 900123", "RM17 6SL", "carer's assessment", "stay at home"):
        assert detail in body
    assert wait_for(lambda: staff(assistant, "handovers", "show", reference).count("email: sent"))


def test_a_carer_is_asked_only_what_is_missing_and_can_skip(assistant, sender):
    said = converse(
        assistant,
        sender,
        "I look after my mum Joan and she needs help at home",
        "please ring me",
        "yes",
    )
    assert not asked(said, "asking_for"), "they already said they care for their mum"
    assert asked(said, "full_name")
    said += converse(assistant, sender, "Priya Patel", "/deny")  # skips the phone number
    assert "email address" in said[-1]
    said += converse(assistant, sender, "joan at home", "joan bloggs")
    assert "let's leave that one" in said[-1]
    said += converse(assistant, sender, "SW1A 1AA")
    assert "outside Thurrock" in said[-1]
    said += converse(assistant, sender, "any time", "/deny", "Mum keeps falling at night")
    readback = said[-1]
    assert (
        "Priya Patel" in readback
        and "The help is for: your mum" in readback
        and "Their name: Joan" in readback
    )
    assert "you chose not to say" in readback
    sent = texts(assistant.say(sender, "yes"))
    reference = REFERENCE.search(sent).group(0)
    record = next(h for h in handovers(assistant) if h["reference"] == reference)
    assert (record["cared_for"], record["cared_for_name"], record["asking_for"]) == ("mum", "Joan", "family")
    assert record["cared_for_postcode"] == "SW1A 1AA" and record["postcode"] is None, (
        "her postcode, not the caller's"
    )
    assert record["phone"] == "declined to say" and record["email"] == "not given"


def test_declining_consent_shares_nothing(assistant, sender):
    before = len(handovers(assistant))
    said = converse(assistant, sender, MARGARET, "call me back", "no")
    assert "haven't shared anything" in said[-1]
    assert len(handovers(assistant)) == before


def test_a_changed_number_is_updated_and_shown(assistant, sender):
    converse(assistant, sender, MARGARET)
    said = converse(assistant, sender, "my number has changed")
    assert QUESTIONS["phone"] in said[-1]
    said = converse(assistant, sender, "07700 900999")
    assert "updated your phone number" in said[-1] and "07700 900999" in said[-1]
    shown = texts(assistant.say(sender, "what do you know about me"))
    assert "07700 900999" in shown and "07700 900123" not in shown and "Margaret Hill" in shown


def test_change_something_before_sending(assistant, sender):
    converse(
        assistant,
        sender,
        MARGARET,
        "call me back",
        "yes",
        "for myself",
        "mornings",
        "/deny",
        "Help with washing",
    )
    replies = assistant.say(sender, "/deny")  # Change something
    assert "Phone number" in button_titles(replies)
    said = converse(assistant, sender, '/update_detail{"detail":"postcode"}')
    assert QUESTIONS["postcode"] in said[-1]
    said = converse(assistant, sender, "rm16 4aa")
    assert "RM16 4AA" in said[-1] and "Shall I send it?" in said[-1]
    sent = texts(assistant.say(sender, "yes"))
    reference = REFERENCE.search(sent).group(0)
    assert next(h for h in handovers(assistant) if h["reference"] == reference)["postcode"] == "RM16 4AA"


def test_safety_wins_in_the_middle_of_a_handover(assistant, sender):
    said = converse(assistant, sender, "call me back", "yes", "my carer hits me")
    assert "999" in said[-1]
    said = converse(assistant, sender, "/request_callback")
    assert "urgent" in said[-1].lower()


def test_forget_me_deletes_details_and_conversation(assistant, sender):
    converse(assistant, sender, MARGARET, "what is a direct payment")
    confirm = texts(assistant.say(sender, "forget me"))
    assert "can't be undone" in confirm
    replies = assistant.say(sender, "/affirm")
    assert any((r.get("custom") or {}).get("conversation_forgotten") for r in replies)
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]
    assert rows == 0
    shown = texts(assistant.say(sender, "what do you know about me"))
    assert "Margaret" not in shown and "haven't told me any details" in shown


def test_the_outbox_retries_until_the_mail_server_is_back(assistant, sender, mailbox):
    mailbox.stop()
    try:
        converse(
            assistant,
            sender,
            MARGARET,
            "call me back",
            "yes",
            "for myself",
            "afternoons",
            "/deny",
            "Help with shopping",
        )
        reference = REFERENCE.search(texts(assistant.say(sender, "yes"))).group(0)
        failed = wait_for(
            lambda: next(
                (
                    h
                    for h in json.loads(staff(assistant, "handovers", "--json", "--status", "failed"))
                    if h["reference"] == reference
                ),
                None,
            )
        )
        assert failed["deliveries"][0]["attempts"] >= 1 and failed["deliveries"][0]["last_error"]
    finally:
        mailbox.start()
    mail = wait_for(lambda: mail_about(mailbox, reference, "Help with shopping"))
    assert "Margaret Hill" in mail.get_content()
    assert wait_for(
        lambda: any(
            h["reference"] == reference
            for h in json.loads(staff(assistant, "handovers", "--json", "--status", "sent"))
        )
    )


def test_staff_can_list_show_and_export_handovers(assistant, sender, tmp_path):
    converse(
        assistant,
        sender,
        MARGARET,
        "call me back",
        "yes",
        "for myself",
        "any time",
        "/deny",
        "A walk-in shower",
    )
    reference = REFERENCE.search(texts(assistant.say(sender, "yes"))).group(0)
    table = staff(assistant, "handovers")
    assert reference in table and "Margaret Hill" in table
    listed = handovers(assistant)
    assert [h["created_at"] for h in listed] == sorted(h["created_at"] for h in listed)
    assert {
        "reference",
        "full_name",
        "phone",
        "postcode",
        "summary",
        "communication_needs",
        "deliveries",
    } <= set(listed[-1])
    assert "A walk-in shower" in staff(assistant, "handovers", "show", reference)
    export = tmp_path / "handovers.csv"
    staff(assistant, "handovers", "export", "--csv", str(export))
    assert reference in export.read_text() and "Margaret Hill" in export.read_text()


def test_details_survive_a_restart(assistant, sender):
    converse(assistant, sender, MARGARET)
    stop_assistant(assistant)
    restarted = start_assistant(assistant.workdir, assistant.env, *assistant.ports)
    assistant.process = restarted.process
    shown = texts(assistant.say(sender, "what do you know about me"))
    assert "Margaret Hill" in shown and "RM17 6SL" in shown and "07700 900123" in shown


def test_names_phones_and_postcodes_never_reach_the_logs(assistant, sender):
    converse(
        assistant,
        sender,
        MARGARET,
        "what is a direct payment",
        '/answer_feedback{"helpful":"no"}',
        "my email is margaret.hill@example.com",
        "call me back",
        "yes",
        "for myself",
        "mornings",
        "/deny",
        "Help at home",
        "yes",
        "what do you know about me",
    )
    log = assistant.log()
    for personal in ("Margaret", "07700 900123", "RM17 6SL", "margaret.hill@example.com"):
        assert personal not in log, f"{personal!r} was written to the log"
