"""The details held-out set (tests/details_heldout.yml, never training data): per field,
precision >= 0.98 and recall >= 0.95, a detail counting only with the right value for the right person."""

import pytest

from tests.details_score import HELDOUT, THRESHOLDS, messages, score

RESULTS = score()


def test_the_held_out_set_is_big_and_varied():
    held_out = messages()
    assert len(held_out) >= 300
    assert sum(1 for m in held_out if m.get("asked")) >= 50, "answers to the forms' questions"
    assert sum(1 for m in held_out if len(m) == 1 or set(m) <= {"text", "asked", "about"}) >= 40, (
        "messages with no detail in them, where a finding is a false alarm"
    )
    assert all("text" in m for m in held_out)


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_each_field_meets_its_threshold(field):
    precision_needed, recall_needed = THRESHOLDS[field]
    result = RESULTS[field]
    wrong = "\n".join(" | ".join(map(str, w)) for w in result["wrong"])
    assert result["tp"] >= 15, f"too few {field} examples in {HELDOUT.name} to measure"
    assert result["precision"] >= precision_needed, f"{field} precision {result['precision']:.3f}:\n{wrong}"
    assert result["recall"] >= recall_needed, f"{field} recall {result['recall']:.3f}:\n{wrong}"
