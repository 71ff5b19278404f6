"""Long messages with two questions: one answered, the other offered, details still noted.

tests/heldout/two_question_messages.yml is written as residents write and never used for training;
each message is read by the trained NLU pipeline and then by the answer's own choice of what to
offer next (actions/feedback.py second_question), as the assistant would.
"""

import asyncio
from pathlib import Path
from typing import List, Optional, Tuple

import pytest
import yaml
from rasa_sdk import Tracker

from actions.feedback import second_question
from bot.server.nlu.question_parts import asks, question_parts

PROJECT_DIR = Path(__file__).resolve().parents[1]
HELDOUT = PROJECT_DIR / "tests" / "heldout" / "two_question_messages.yml"
MODEL = PROJECT_DIR / "models" / "front-door.tar.gz"
# Measured 2026-12-05 on three trainings: 17, 16 and 14 of 24 (0.71, 0.67, 0.58); without reading
# the parts 6-7 of 24 (0.25-0.29). 2026-12-06, an offer needing 0.5 (not 0.3) and a short part that
# leans on the one before ("what if he cant keep it up") never offered: 14 of 24. Trainings differ by a
# few messages, hence the margin (docs/nlu.md).
BOTH_ANSWERED_AT_LEAST = 0.5


def test_a_long_message_is_split_into_its_sentences_and_joined_questions():
    parts = question_parts(
        "Hello, my name is Ann Lee and I look after my dad. We live in Grays RM17 5AA. I want to know "
        "if I can get a break and whether he could get a direct payment. My number is 07700 900 111."
    )
    assert parts == [
        "Hello, my name is Ann Lee and I look after my dad.",
        "We live in Grays RM17 5AA.",
        "I want to know if I can get a break",
        "whether he could get a direct payment.",
        "My number is 07700 900 111.",
    ]


def test_a_short_message_or_one_sentence_is_one_question():
    assert question_parts("can I pay my son and what if I can't cope") == []
    assert question_parts("how do I get a needs assessment for my mum who lives in Tilbury please") == []


def test_a_short_part_that_leans_on_the_one_before_asks_nothing_of_its_own():
    assert not asks("but what if he cant keep it up")
    assert asks("and what if I can't manage the money?")
    assert asks("can my son be paid to look after me")


def test_a_joining_word_left_at_the_end_of_a_part_is_dropped():
    parts = question_parts(
        "My mum has dementia and she lives alone in Grays, and also can she get help at home please"
    )
    assert parts == ["My mum has dementia and she lives alone in Grays", "can she get help at home please"]


def answered_and_offered(agent, text: str) -> Tuple[str, Optional[str]]:
    parsed = asyncio.run(agent.parse_message(text))
    tracker = Tracker("heldout", {}, parsed, [], False, None, {}, "action_listen")
    return parsed["intent"]["name"], second_question(tracker)


def both_answered(questions: List[List[str]], answered: str, offered: Optional[str]) -> bool:
    """One question answered and another offered (where one answer covers both: nothing else)."""
    answering = [index for index, topics in enumerate(questions) if answered in topics]
    if not answering:
        return False
    if len(answering) == len(questions):  # one answer covers them all
        return offered is None or any(offered in topics for topics in questions)
    return any(offered in topics for index, topics in enumerate(questions) if index not in answering[:1])


def two_question_scores(model: Path = MODEL) -> Tuple[float, List[str]]:
    """The share of held-out two-question messages answered and offered, and the misses."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    items = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))["messages"]
    misses = []
    for item in items:
        answered, offered = answered_and_offered(agent, item["text"])
        if not both_answered(item["questions"], answered, offered):
            misses.append(
                f"{item['text'][:70]!r}: answered {answered}, offered {offered}, asked {item['questions']}"
            )
    return 1 - len(misses) / len(items), misses


@pytest.mark.needs_model
def test_most_held_out_two_question_messages_get_both_questions_answered_or_offered():
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    rate, misses = two_question_scores()
    assert rate >= BOTH_ANSWERED_AT_LEAST, f"{rate:.2f}; missed:\n" + "\n".join(misses)


def test_thanks_before_a_question_leaves_the_question_to_read_on_its_own():
    """ "thanks, and does she pay for the assessment" read unsurely (0.43): the thanks drew it away."""
    assert question_parts("thanks, and does she pay for the assessment") == [
        "does she pay for the assessment"
    ]
    assert question_parts("ok ta, and who do i ring out of hours") == ["who do i ring out of hours"]
    assert question_parts("thank you very much") == []
    assert question_parts("thanks for your help") == []
