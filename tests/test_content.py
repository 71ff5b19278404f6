"""Content rules: every answer has Easy Read, every number or address it states has a source."""

import re
from pathlib import Path

import pytest
import yaml

from tests.domain_text import variation

PROJECT_DIR = Path(__file__).resolve().parents[1]
SOURCES = yaml.safe_load((PROJECT_DIR / "content" / "sources.yml").read_text())
CHANNEL_MESSAGES = yaml.safe_load((PROJECT_DIR / "content" / "channel_messages.yml").read_text())
DOMAIN = yaml.safe_load((PROJECT_DIR / "domain.yml").read_text())
# Responses that only switch Easy Read itself, so one wording serves both.
ONE_WORDING = {"utter_easy_read_on", "utter_easy_read_off"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DIGITS = re.compile(r"\d+")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n")
EASY_READ_MOST_WORDS = 16


def fact_words(fact_ids):
    """Every string a list of facts allows an answer to state."""
    allowed = []
    for fact_id in fact_ids:
        fact = SOURCES["facts"].get(fact_id)
        if fact:
            allowed.append(str(fact["value"]))
            allowed.extend(str(v) for key, v in fact.items() if key in ("times", "postcode", "freepost"))
    return " ".join(allowed)


def all_texts(response):
    return [v.get("text", "") for v in DOMAIN["responses"][response]]


@pytest.mark.parametrize("response", sorted(DOMAIN["responses"]))
def test_every_response_has_a_standard_and_an_easy_read_wording(response):
    assert variation(DOMAIN, response, easy_read=False) is not None
    if response not in ONE_WORDING:
        easy = variation(DOMAIN, response, easy_read=True)
        assert easy is not None, f"{response} has no Easy Read variation"
        for sentence in SENTENCE_END.split(easy["text"]):
            assert len(sentence.split()) <= EASY_READ_MOST_WORDS, (
                f"{response}: Easy Read sentences should be short: {sentence!r}"
            )


@pytest.mark.parametrize("response", sorted(DOMAIN["responses"]))
def test_every_number_and_email_in_an_answer_is_a_sourced_fact(response):
    fact_ids = SOURCES["answers"].get(response)
    assert fact_ids is not None, f"{response} is missing from content/sources.yml answers"
    for fact_id in fact_ids:
        assert fact_id in SOURCES["facts"] or fact_id in SOURCES["sources"], fact_id
    allowed = fact_words(fact_ids)
    for text in all_texts(response):
        for email in EMAIL.findall(text):
            assert email in allowed, f"{response} states {email} without a source"
        for number in DIGITS.findall(text):
            assert re.search(rf"(?<!\d){number}(?!\d)", allowed), (
                f"{response} states '{number}' but none of its facts {fact_ids} says so"
            )


def test_the_channels_own_messages_state_only_sourced_facts():
    allowed = fact_words(SOURCES["facts"])
    for key, text in CHANNEL_MESSAGES.items():
        for number in DIGITS.findall(text):
            assert number in allowed, f"channel message '{key}' states {number} without a source"


def test_a_wrong_phone_number_would_be_caught():
    allowed = fact_words(["thurrock_first_phone"])
    assert not re.search(r"(?<!\d)001(?!\d)", allowed)  # "01375 511 001" would fail the test above


def test_readme_lists_every_fact_to_check_before_publishing():
    readme = (PROJECT_DIR / "README.md").read_text()
    for fact_id, fact in SOURCES["facts"].items():
        if fact.get("check_before_publishing"):
            address = SOURCES["sources"][fact["source"]]
            assert address in readme, f"README's content section should list {address} ({fact_id})"


def test_session_settings_load_through_rasa():
    """Rasa 3.1 once ignored session_config; prove ours is the one in force."""
    from rasa.shared.core.domain import Domain

    session = Domain.load(str(PROJECT_DIR / "domain.yml")).session_config
    assert session.session_expiration_time == 60
    assert session.carry_over_slots is True


PERSON_PAYLOADS = {"/talk_to_person", "/request_callback", "/contact_thurrock_first"}
RULES = yaml.safe_load((PROJECT_DIR / "data" / "rules.yml").read_text())["rules"]
TOPIC_ANSWERS = sorted(
    {
        step["action"]
        for rule in RULES
        if rule["rule"].startswith("Answer ")
        for step in rule["steps"]
        if str(step.get("action", "")).startswith("utter_")
    }
)


@pytest.mark.parametrize("response", TOPIC_ANSWERS)
def test_every_answer_ends_with_a_way_to_a_person(response):
    """WCAG 3.2.6 consistent help: a button to a person, or Thurrock First's number in the words.

    Buttons travel to every channel: the web page and REST show them, the Telegram bridge makes
    them a keyboard and the speech channel reads them out as options."""
    phone = SOURCES["facts"]["thurrock_first_phone"]["value"]
    for candidate in DOMAIN["responses"][response]:
        payloads = {b["payload"] for b in candidate.get("buttons") or []}
        assert payloads & PERSON_PAYLOADS or phone in candidate["text"], (
            f"{response} offers no way to a person: {candidate['text'][:60]!r}"
        )
