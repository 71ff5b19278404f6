"""Recall and false alarms of the risk reader on the held-out sets (tests/heldout/), shared by
tests/test_risk_heldout.py and `make bench`.

Each message is read exactly as the assistant reads it: the trained model parses it (classifier,
then the safety net's patterns), and bot.safety.risk reads it in the light of the messages the same
person sent just before.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Text

import yaml

from bot.safety.risk import Risk, read_conversation, read_message

HELDOUT_DIR = Path(__file__).resolve().parent / "heldout"
# A reader: text -> the risk the trained assistant's NLU heard in it (its `risk` entity); None
# reads with the patterns alone (no classifier).
Reader = Callable[[Text], Risk]


def heldout_items(name: Text) -> List[Dict]:
    """The items of risk_messages.yml ("risk") or ordinary_messages.yml ("ordinary") as dicts."""
    data = yaml.safe_load((HELDOUT_DIR / f"{name}_messages.yml").read_text(encoding="utf-8"))
    return [item if isinstance(item, dict) else {"text": item} for item in data[name]]


def read_item(item: Dict, read: Optional[Reader] = None) -> Risk:
    texts = [*item.get("before", []), item["text"]]
    return read_conversation([(text, read(text) if read else read_message(text)) for text in texts])


@dataclass
class Scores:
    recall: float
    false_alarm_rate: float
    risk_count: int
    ordinary_count: int
    missed: List[Text] = field(default_factory=list)
    false_alarms: List[Text] = field(default_factory=list)
    imminent_recall: float = 0.0


def score(read: Optional[Reader] = None) -> Scores:
    risk, ordinary = heldout_items("risk"), heldout_items("ordinary")
    read_risk = [(item, read_item(item, read)) for item in risk]
    missed = [item["text"] for item, reading in read_risk if not reading.urgent]
    imminent = [reading.imminent for item, reading in read_risk if item["kind"] == "imminent"]
    alarms = [item["text"] for item in ordinary if read_item(item, read).urgent]
    return Scores(
        recall=1 - len(missed) / len(risk),
        false_alarm_rate=len(alarms) / len(ordinary),
        risk_count=len(risk),
        ordinary_count=len(ordinary),
        missed=missed,
        false_alarms=alarms,
        imminent_recall=sum(imminent) / len(imminent),
    )


def model_reader(model_path: Path) -> Reader:
    """Reads messages with the trained model's NLU pipeline, in this process (no server)."""
    import asyncio

    from rasa.core.agent import Agent

    from bot.safety.dialogue import message_risk

    agent = Agent.load(str(model_path))
    loop = asyncio.new_event_loop()
    cache: Dict[Text, Risk] = {}

    def read(text: Text) -> Risk:
        if text not in cache:
            parsed = loop.run_until_complete(agent.parse_message(text))
            cache[text] = message_risk({"parse_data": parsed})
        return cache[text]

    return read
