"""One measured fix to Rasa 3.6's hot path, installed when the server package loads
(bot/server/__init__.py).

Rasa checks every action server reply with `jsonschema.validate`, which first checks the (large,
constant) events schema against JSON Schema's own metaschema, on every call: under load that
was 41% of the Rasa server's CPU (py-spy, 20 residents at once; see docs/benchmark.md). Here
the schema is checked once and its validator reused: the same checks and the same errors.
"""

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def action_result_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_: RemoteAction, result: Dict[Text, Any]) -> bool:
    """RemoteAction._validate_action_result, with the validator made once."""
    error = exceptions.best_match(action_result_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Replaces Rasa's check of action server replies with the same check, compiled once."""
    RemoteAction._validate_action_result = validate_action_result
