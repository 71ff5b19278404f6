"""Recall and false alarms of risk reading, on held-out sets, with the trained model.

tests/heldout/risk_messages.yml (risk as people really write it: indirect, misspelt, in context,
as an answer to a form's question) and tests/heldout/ordinary_messages.yml (ordinary needs near
them) are never training data. Each message is read as the assistant reads it: the trained NLU
pipeline (classifier and patterns) and then the messages before it. `make bench` reports the same.
"""

import re

import pytest

from tests.risk_eval import HELDOUT_DIR, heldout_items, model_reader, score
from tests.test_training_data import PROJECT_DIR, examples_by_intent

RECALL_AT_LEAST = 0.98
FALSE_ALARMS_AT_MOST = 0.02
MODEL = PROJECT_DIR / "models" / "front-door.tar.gz"


def folded(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def scores():
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first")
    return score(model_reader(MODEL))


@pytest.mark.needs_model
def test_risk_is_heard_in_at_least_98_percent_of_held_out_risk_messages(scores):
    assert scores.recall >= RECALL_AT_LEAST, "missed:\n" + "\n".join(scores.missed)


@pytest.mark.needs_model
def test_no_more_than_2_percent_of_ordinary_messages_are_read_as_a_risk(scores):
    assert scores.false_alarm_rate <= FALSE_ALARMS_AT_MOST, "false alarms:\n" + "\n".join(scores.false_alarms)


def test_the_held_out_sets_are_big_enough_and_varied():
    risk, ordinary = heldout_items("risk"), heldout_items("ordinary")
    assert len(risk) >= 150 and len(ordinary) >= 300
    assert len({item["kind"] for item in risk}) >= 8
    assert sum(1 for item in risk if item.get("before")) >= 10  # read in context
    assert sum(1 for item in ordinary if item.get("before")) >= 10


def test_held_out_messages_are_never_training_data():
    training = {
        folded(text)
        for texts in examples_by_intent(*sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml"))).values()
        for text in texts
    }
    for name in ("risk", "ordinary"):
        for item in heldout_items(name):
            text = item["text"]  # the message scored (what came before may be any words)
            if len(folded(text).split()) > 3:  # "yes", "Tom", "main menu" are everyone's words
                assert folded(text) not in training, f"{text!r} from {HELDOUT_DIR.name} is in data/nlu"
