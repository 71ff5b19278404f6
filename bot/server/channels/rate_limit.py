"""A per-sender rate limit: one resident (or a script) cannot flood the assistant.

Counts each sender's messages in a sliding window, in this process (with several replicas behind
a load balancer that is sticky by sender, each sender meets one counter).
"""

import time
from collections import OrderedDict, deque
from typing import Callable, Deque, Text

from bot.settings import Settings


class SenderRateLimit:
    """At most `messages` per `seconds` for each sender; remembers up to `senders` senders."""

    def __init__(self, messages: int = 30, seconds: float = 10.0, senders: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
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
