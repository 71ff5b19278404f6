"""Rate limits: one resident, one script or one address cannot flood the assistant.

Counts each key's messages in a sliding window, in this process. The channels share one pair of
limits (`channel_limits`): a sender meets the same counter on REST and speech, and a client
address one counter for every sender id it makes up. With several replicas behind nginx, each
sender meets one replica's counter (nginx is sticky by sender), and nginx limits each address.
"""

import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Deque, FrozenSet, Optional, Text

from bot.settings import Settings, settings


class SenderRateLimit:
    """At most `messages` per `seconds` for each key; remembers up to `senders` keys."""

    def __init__(
        self,
        messages: int = 30,
        seconds: float = 10.0,
        senders: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.messages = messages
        self.seconds = seconds
        self.senders = senders
        self.clock = clock
        self._seen: "OrderedDict[Text, Deque[float]]" = OrderedDict()

    @classmethod
    def from_settings(cls, config: Settings) -> "SenderRateLimit":
        return cls(messages=config.rate_limit_messages, seconds=config.rate_limit_seconds)

    def allow(self, sender: Text) -> bool:
        now = self.clock()
        times = self._seen.pop(sender, None) or deque()
        while times and now - times[0] >= self.seconds:
            times.popleft()
        allowed = len(times) < self.messages
        if allowed:
            times.append(now)
        self._seen[sender] = times  # most recent last
        while len(self._seen) > self.senders:
            self._seen.popitem(last=False)
        return allowed


@dataclass
class ChannelLimits:
    """Per sender, and per client address (unless the address is exempt)."""

    per_sender: SenderRateLimit
    per_address: SenderRateLimit
    exempt: FrozenSet[Text] = frozenset()

    @classmethod
    def from_settings(cls, config: Settings) -> "ChannelLimits":
        return cls(
            SenderRateLimit.from_settings(config),
            SenderRateLimit(config.rate_limit_address_messages, config.rate_limit_seconds),
            frozenset(config.rate_limit_exempt_addresses.split()),
        )

    def allow(self, sender: Text, address: Optional[Text]) -> bool:
        if address and address not in self.exempt and not self.per_address.allow(address):
            return False
        return self.per_sender.allow(sender)


@lru_cache(maxsize=None)
def channel_limits() -> ChannelLimits:
    """The process's one set of limits, shared by every channel."""
    return ChannelLimits.from_settings(settings())
