"""The faster check of action server replies accepts and refuses exactly what Rasa's own check
(`jsonschema.validate` against RemoteAction's schema) does."""

import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.server.rasa_speedups import validate_action_result

PROJECT_DIR = Path(__file__).resolve().parents[1]

REPLIES = [
    {"events": [{"event": "slot", "name": "postcode", "value": "RM17 6SL"}], "responses": [{"text": "Hi"}]},
    {"events": [], "responses": []},
    {"events": [{"event": "followup", "name": "handover_form"}]},
    {"events": [{"event": "not_an_event"}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
]


@pytest.mark.parametrize("reply", REPLIES)
def test_same_verdict_as_rasa(reply):
    action = RemoteAction("action_show_details", None)
    try:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as rasas:
        with pytest.raises(jsonschema.ValidationError) as ours:
            validate_action_result(action, reply)
        assert ours.value.message.startswith(rasas.message + ". Failed to validate Action server response")
    else:
        assert validate_action_result(action, reply) is True


@pytest.mark.parametrize(
    "loaded_first",
    [
        "bot.server.channels.web",  # credentials.yml: a channel that is not the REST one
        "bot.server.tracker_store",  # endpoints.yml
        "bot.server.nlu.safety_net",  # config.yml
    ],
)
def test_installed_whatever_part_of_ours_rasa_loads_first(loaded_first):
    """Not by one channel's constructor: importing anything the server loads installs it."""
    check = (
        f"import {loaded_first}\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "from bot.server.rasa_speedups import validate_action_result\n"
        "assert RemoteAction._validate_action_result is validate_action_result\n"
    )
    done = subprocess.run([sys.executable, "-c", check], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
