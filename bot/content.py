"""Resident-facing words outside domain.yml, and the facts they use, from `content/` (one place).

`channel_messages.yml` holds what our channels, the Telegram bridge and the speech channel say
themselves; `sources.yml` holds every fact (numbers, hours, addresses) with its source.
"""

from functools import lru_cache
from typing import Any, Dict, Text

import yaml

from bot.settings import CONTENT_DIR


@lru_cache(maxsize=None)
def channel_messages() -> Dict[Text, Text]:
    """The channels' own kind replies (content/channel_messages.yml)."""
    with open(CONTENT_DIR / "channel_messages.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def facts() -> Dict[Text, Dict[Text, Any]]:
    """Every fact the answers state, with its value and source (content/sources.yml)."""
    with open(CONTENT_DIR / "sources.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["facts"]


def fact(name: Text) -> Text:
    """One fact's wording, e.g. fact("thurrock_first_phone") -> "01375 511 000"."""
    return str(facts()[name]["value"])
