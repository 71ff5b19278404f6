"""Resident-facing words outside domain.yml, and the facts they use, from `content/` (one place).

`channel_messages.yml` holds what our channels, the Telegram bridge and the speech channel say
themselves; `topics.yml` names every answerable topic; `sources.yml` holds every fact (numbers,
hours, addresses) with its source.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Optional, Text
from zoneinfo import ZoneInfo

import yaml

from bot.settings import CONTENT_DIR, settings


@lru_cache(maxsize=None)
def channel_messages() -> Dict[Text, Text]:
    """The channels' own kind replies (content/channel_messages.yml)."""
    with open(CONTENT_DIR / "channel_messages.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def topic_titles() -> Dict[Text, Text]:
    """Every answerable topic (its intent) and the words that name it (content/topics.yml)."""
    with open(CONTENT_DIR / "topics.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def facts() -> Dict[Text, Dict[Text, Any]]:
    """Every fact the answers state, with its value and source (content/sources.yml)."""
    with open(CONTENT_DIR / "sources.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["facts"]


def fact(name: Text) -> Text:
    """One fact's wording, e.g. fact("thurrock_first_phone") -> "01375 511 000"."""
    return str(facts()[name]["value"])


# ------------------------------------------------------------------ Thurrock First's opening hours
LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=None)
def bank_holidays() -> FrozenSet[date]:
    """England and Wales bank holidays (content/bank_holidays.yml, from GOV.UK)."""
    with open(CONTENT_DIR / "bank_holidays.yml", encoding="utf-8") as handle:
        return frozenset(yaml.safe_load(handle)["england_and_wales"])


def now_in_london() -> datetime:
    """Now, in Thurrock (CLOCK_OVERRIDE in tests)."""
    override = settings().clock_override
    if override is None:
        return datetime.now(LONDON)
    return override.astimezone(LONDON) if override.tzinfo else override.replace(tzinfo=LONDON)


def _clock(hour: int) -> Text:
    return f"{hour % 12 or 12}{'am' if hour < 12 else 'pm'}"


@dataclass(frozen=True)
class OpeningNow:
    """Whether Thurrock First is open at a moment, in words for an answer."""

    open: bool
    full_service: bool
    until: Text  # "7pm" while open
    opens: Text  # "7am tomorrow (Saturday)" while closed
    full_until: Text = ""  # "5pm" while the full service is open

    def until_words(self) -> Text:
        """ "5pm, and a smaller service until 7pm" or "7pm (a smaller service at this time)": never
        "until 7pm" beside "Monday to Friday, 9am to 5pm" with nothing to say why."""
        if self.full_service and self.full_until != self.until:
            return f"{self.full_until}, and a smaller service until {self.until}"
        return self.until if self.full_service else f"{self.until} (a smaller service at this time)"


def hours_on(day: date) -> Dict[Text, int]:
    """Opening hours on a day (content/sources.yml thurrock_first_hours.opening)."""
    opening = facts()["thurrock_first_hours"]["opening"]
    weekend = day.weekday() >= 5 or day in bank_holidays()
    return opening["weekends_and_bank_holidays" if weekend else "weekdays"]


def thurrock_first_now(now: Optional[datetime] = None) -> OpeningNow:
    """Open now and until when, or when it opens next."""
    now = (now or now_in_london()).astimezone(LONDON)
    today = hours_on(now.date())
    hour = now.hour + now.minute / 60
    if today["opens"] <= hour < today["closes"]:
        full = today.get("full_from", 99) <= hour < today.get("full_until", 0)
        full_until = _clock(today["full_until"]) if full else ""
        return OpeningNow(True, full, _clock(today["closes"]), "", full_until)
    if hour < today["opens"]:
        return OpeningNow(False, False, "", f"{_clock(today['opens'])} today")
    tomorrow = now.date() + timedelta(days=1)
    return OpeningNow(
        False, False, "", f"{_clock(hours_on(tomorrow)['opens'])} tomorrow ({WEEKDAYS[tomorrow.weekday()]})"
    )
