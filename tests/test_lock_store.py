"""The lock store shared by Rasa replicas: one conversation's messages are handled one at a time."""

import asyncio
import threading
import time
from typing import List, Tuple

from rasa.utils.endpoints import EndpointConfig

from bot.server.lock_store import AtomicRedisLockStore


def test_tickets_issued_at_once_by_many_replicas_are_all_different(redis_url):
    replicas = [AtomicRedisLockStore(EndpointConfig(url=redis_url)) for _ in range(8)]
    tickets: List[int] = []
    start = threading.Barrier(len(replicas))

    def issue(store: AtomicRedisLockStore) -> None:
        start.wait()
        for _ in range(25):
            tickets.append(store.issue_ticket("resident-many", 60))

    threads = [threading.Thread(target=issue, args=(store,)) for store in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(len(replicas) * 25)), "no ticket twice, none skipped"


def test_two_replicas_never_handle_one_conversation_at_the_same_time(redis_url):
    spans: List[Tuple[float, float]] = []

    def replica() -> None:
        store = AtomicRedisLockStore(EndpointConfig(url=redis_url))

        async def handle_messages() -> None:
            for _ in range(3):
                async with store.lock("resident-two", wait_time_in_seconds=0.01):
                    began = time.monotonic()
                    await asyncio.sleep(0.05)  # the assistant thinking
                    spans.append((began, time.monotonic()))

        asyncio.run(handle_messages())

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    spans.sort()
    assert len(spans) == 6
    assert all(earlier[1] <= later[0] for earlier, later in zip(spans, spans[1:])), "one at a time"
    assert AtomicRedisLockStore(EndpointConfig(url=redis_url)).get_lock("resident-two") is None, "tidied"
