"""The faster check of action server replies accepts and refuses exactly what Rasa's own check
(`jsonschema.validate` against RemoteAction's schema) does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.server.rasa_speedups import validate_action_result

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
