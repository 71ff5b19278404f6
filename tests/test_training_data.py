"""Training data as residents write it: enough varied examples for every intent."""

import re
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
LEAST_EXAMPLES = 25


def examples_by_intent(*paths: Path):
    found = {}
    for path in paths:
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            lines = [
                line[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")
            ]
            found.setdefault(block["intent"], []).extend(lines)
    return found


def test_every_intent_has_at_least_25_different_examples():
    domain_intents = yaml.safe_load((PROJECT_DIR / "domain.yml").read_text())["intents"]
    examples = examples_by_intent(*sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml")))
    for intent in domain_intents:
        distinct = set(map(str.lower, examples.get(intent, [])))
        assert len(distinct) >= LEAST_EXAMPLES, f"{intent} has {len(distinct)} examples"


def test_held_out_phrasings_are_not_in_training():
    training = {
        e.lower()
        for lines in examples_by_intent(*sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml"))).values()
        for e in lines
    }
    held_out = examples_by_intent(PROJECT_DIR / "tests" / "nlu_heldout.yml")
    phrasings = [e for lines in held_out.values() for e in lines]
    assert len(phrasings) >= 60
    assert not [p for p in phrasings if p.lower() in training]


def words(text: str) -> set:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def test_held_out_phrasings_are_not_near_copies_of_training():
    """A training phrasing sharing three words in four with a held-out one (one word swapped,
    "online" added) would make the held-out score flatter the model on phrasings it has seen."""
    training = [
        (e, words(e))
        for lines in examples_by_intent(*sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml"))).values()
        for e in lines
    ]
    held_out = [
        e for lines in examples_by_intent(PROJECT_DIR / "tests" / "nlu_heldout.yml").values() for e in lines
    ]
    near = [
        (phrasing, example)
        for phrasing in held_out
        for example, example_words in training
        if len(words(phrasing) & example_words) >= 0.75 * len(words(phrasing) | example_words)
    ]
    assert near == []
