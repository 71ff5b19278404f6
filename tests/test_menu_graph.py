"""The three-click rule: every answer is reachable in at most three button presses."""

from pathlib import Path

import yaml

from tests.conftest import answers_only
from tests.domain_text import text_of

RULES = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "rules.yml").read_text())
NOT_ON_THE_MENU = {
    "bot_challenge",
    "easy_read_on",
    "easy_read_off",
    "read_aloud",  # how to hear the answers: the chat page's own "Read aloud" button is always there
    "out_of_scope",
    "other_council_service",
    "goodbye",
    "safeguarding_concern",
    "urgent_self_harm",
}
# Switches and multi-turn flows (a handover, forgetting, changing details): not answers to browse.
NOT_BROWSED = {
    "/easy_read_on",
    "/easy_read_off",
    "/request_callback",
    "/forget_me",
    "/update_detail",
    "/answer_feedback",
}
# Answers that go on to a form (a rating); the walk leaves it with "menu", as a resident can.
STARTS_A_FORM = {"/give_feedback"}
MOST_PRESSES = 3


# Rules that answer through a small action: the response it gives when pressed from a menu
ANSWERED_BY = {
    "action_answer_access_routes": "utter_access_routes",
    "action_answer_out_of_hours": "utter_out_of_hours",
}


def answers_on_the_menu():
    """Every topic answer: the rules titled 'Answer …' less those only typed, never browsed."""
    return sorted(
        ANSWERED_BY.get(rule["steps"][1]["action"], rule["steps"][1]["action"])
        for rule in RULES["rules"]
        if rule["rule"].startswith("Answer ") and rule["steps"][0].get("intent") not in NOT_ON_THE_MENU
    )


def test_every_answer_is_within_three_presses_of_the_first_menu(assistant, sender, domain):
    first = assistant.say(sender, "hello")
    frontier = [b["payload"] for reply in first for b in reply.get("buttons", [])]
    seen_payloads, reached = set(), {}
    for presses in range(1, MOST_PRESSES + 1):
        next_frontier = []
        for payload in frontier:
            if payload in seen_payloads or payload.split("{")[0] in NOT_BROWSED:
                continue
            seen_payloads.add(payload)
            replies = assistant.say(sender, payload)
            for reply in answers_only(replies):
                reached.setdefault(reply.get("text", ""), presses)
            next_frontier += [b["payload"] for reply in replies for b in reply.get("buttons", [])]
            if payload in STARTS_A_FORM:
                assistant.say(sender, "/show_menu")
        frontier = next_frontier

    answers = answers_on_the_menu()
    assert len(answers) >= 20
    missing = [a for a in answers if text_of(domain, a) not in reached]
    assert not missing, f"not reachable in {MOST_PRESSES} presses: {missing}"


def test_report_abuse_or_neglect_is_within_three_presses(assistant, sender, domain):
    """WCAG 3.2.6 and the residents' three-click rule: the urgent route is never buried."""
    frontier = [
        (b["title"], b["payload"])
        for reply in assistant.say(sender, "hello")
        for b in reply.get("buttons", [])
    ]
    for _ in range(MOST_PRESSES):
        found = [payload for title, payload in frontier if title == "Report abuse or neglect"]
        if found:
            words = " ".join(r.get("text") or "" for r in assistant.say(sender, found[0]))
            assert "999" in words and "01375 511 000" in words, "the urgent answer: 999, then how to report"
            return
        next_frontier = []
        for _, payload in frontier:
            if payload.split("{")[0] in NOT_BROWSED | STARTS_A_FORM:
                continue
            next_frontier += [
                (b["title"], b["payload"])
                for reply in assistant.say(sender, payload)
                for b in reply.get("buttons", [])
            ]
        frontier = next_frontier
    raise AssertionError(f"'Report abuse or neglect' is not within {MOST_PRESSES} presses")
