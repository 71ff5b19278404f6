"""Scores bot.details on the held-out messages (tests/details_heldout.yml): precision and recall
per field, a detail counting as right only with the right value for the right person.

Used by tests/test_details_heldout.py (the thresholds) and by `make bench` (tests/bench.py).
"""

from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set, Tuple

import yaml

from bot.details import CARED_FOR, find_details

HELDOUT = Path(__file__).with_name("details_heldout.yml")
# Each finding's (kind, role) -> the held-out file's label.
LABELS = {
    ("person_name", None): "name",
    ("person_name", CARED_FOR): "for_name",
    ("phone", None): "phone",
    ("phone", CARED_FOR): "for_phone",
    ("email", None): "email",
    ("email", CARED_FOR): "for_email",
    ("postcode", None): "postcode",
    ("postcode", CARED_FOR): "for_postcode",
    ("area", None): "area",
    ("area", CARED_FOR): "for_area",
    ("organisation", None): "org",
    ("asking_for", None): "rel",
    ("cared_for", None): "for_rel",
    ("contact_preference", None): "contact",
    ("contact_time", None): "time",
    ("communication_need", None): "needs",
    ("communication_need", CARED_FOR): "needs_for",
}
# Fields measured, and the labels that make each (a detail of either person).
FIELDS = {
    "name": ("name", "for_name"),
    "phone": ("phone", "for_phone"),
    "email": ("email", "for_email"),
    "postcode": ("postcode", "for_postcode"),
    "area": ("area", "for_area"),
    "contact_preference": ("contact",),
    "contact_time": ("time",),
    "who_for": ("rel",),
    "relation": ("for_rel",),
    "organisation": ("org",),
    "communication_needs": ("needs", "for_needs", "needs_for"),
}
THRESHOLDS = dict.fromkeys(
    ("name", "phone", "email", "postcode", "area", "contact_preference", "contact_time"), (0.98, 0.95)
)


def messages() -> List[Dict]:
    return yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))["messages"]


def _pairs(labels: Dict) -> Set[Tuple[str, str]]:
    pairs = set()
    for label, value in labels.items():
        if label in ("text", "asked", "about"):
            continue
        label = "needs_for" if label == "for_needs" else label
        for one in value if isinstance(value, list) else [value]:
            pairs.add((label, str(one).lower()))
    return pairs


def predicted(message: Dict) -> Set[Tuple[str, str]]:
    found = find_details(message["text"], asked=message.get("asked"))
    return {(LABELS[(f.kind, f.role)], f.value.lower()) for f in found if (f.kind, f.role) in LABELS}


def score() -> Dict[str, Dict]:
    """Per field: precision, recall, counts, and the messages it got wrong."""
    counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "wrong": []})
    field_of = {label: field for field, labels in FIELDS.items() for label in labels}
    for message in messages():
        gold, got = _pairs(message), predicted(message)
        for label, value in got | gold:
            field = counts[field_of[label]]
            if (label, value) in gold and (label, value) in got:
                field["tp"] += 1
            elif (label, value) in got:
                field["fp"] += 1
                field["wrong"].append(("false", label, value, message["text"]))
            else:
                field["fn"] += 1
                field["wrong"].append(("missed", label, value, message["text"]))
    for field in counts.values():
        found, real = field["tp"] + field["fp"], field["tp"] + field["fn"]
        field["precision"] = field["tp"] / found if found else 1.0
        field["recall"] = field["tp"] / real if real else 1.0
    return {field: counts[field] for field in FIELDS}


if __name__ == "__main__":
    import sys

    results = score()
    print(f"{len(messages())} held-out messages")
    for name, field in results.items():
        print(
            f"{name:20} precision {field['precision']:.3f} recall {field['recall']:.3f} "
            f"(tp {field['tp']}, fp {field['fp']}, fn {field['fn']})"
        )
    if "-v" in sys.argv:
        for name, field in results.items():
            for wrong in field["wrong"]:
                print(name, *wrong, sep=" | ")
