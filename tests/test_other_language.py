"""Messages in another language are recognised, with their language named; English, however it is
typed, never is (bot/server/nlu/other_language.py).

Measured on tests/heldout/other_languages.yml (written by us, not native speakers) and on every
English message we hold: the training examples, the held-out phrasings, the risk and ordinary
held-out sets, and every resident line of the conversation tests.
"""

import re
from pathlib import Path

import yaml

from bot.server.nlu.other_language import other_language

ROOT = Path(__file__).resolve().parents[1]
RECOGNISED = 0.9  # at least this share of the other-language messages is recognised
NAMED_RIGHT = 0.8  # and this share has its language named rightly
MOST_ENGLISH_MISTAKEN = 0.001  # at most this share of English messages is taken for another language


def english_messages():
    texts = []
    for path in [*sorted((ROOT / "data" / "nlu").glob("*.yml")), ROOT / "tests" / "nlu_heldout.yml"]:
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if block.get("intent") == "out_of_scope":
                continue  # holds "bonjour comment allez vous" on purpose
            for line in str(block.get("examples", "")).splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line.strip()[2:].strip())
                if text:
                    texts.append(text)
    for name in ("ordinary_messages", "risk_messages"):
        for items in yaml.safe_load((ROOT / "tests" / "heldout" / f"{name}.yml").read_text()).values():
            texts += [item if isinstance(item, str) else item["text"] for item in items]
    for path in sorted((ROOT / "tests" / "conversations").glob("*.yml")):
        for turn in yaml.safe_load(path.read_text())["turns"]:
            in_another_language = "interpreter" in (turn.get("contains") or [])
            if (
                isinstance(turn.get("say"), str)
                and not turn["say"].startswith("/")
                and not in_another_language
            ):
                texts.append(turn["say"])
    return texts


def test_messages_in_other_languages_are_recognised_and_their_language_named():
    messages = yaml.safe_load((ROOT / "tests" / "heldout" / "other_languages.yml").read_text())["messages"]
    heard = [(item["language"], other_language(item["text"])) for item in messages]
    recognised = sum(1 for _, named in heard if named) / len(heard)
    right = sum(1 for language, named in heard if named == language) / len(heard)
    assert recognised >= RECOGNISED and right >= NAMED_RIGHT, (recognised, right, heard)


def test_english_however_typed_is_never_taken_for_another_language():
    texts = english_messages()
    assert len(texts) > 5000
    mistaken = [(text, other_language(text)) for text in texts if other_language(text)]
    assert len(mistaken) / len(texts) <= MOST_ENGLISH_MISTAKEN, mistaken
    for text in (
        "dunno",
        "cheers mate",
        "eazy read pls",
        "wat if i cant manag it",
        "telecare",
        "ok ta",
        "Tomasz Wiśniewski",
    ):
        assert other_language(text) is None, text
