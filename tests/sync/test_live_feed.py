"""The feed's shared look (sync/hub/live.py): the waiters a piece of news wakes share one database read, and
no waiter takes the answer of a read that began before news it has not been told of."""

from __future__ import annotations

import asyncio

from sync.hub.live import Feed


class Reads:
    """A read that waits until released, counting how many really ran."""

    def __init__(self) -> None:
        self.ran = 0
        self.release = asyncio.Event()

    async def __call__(self) -> int:
        self.ran += 1
        which = self.ran
        await self.release.wait()
        return which


async def settle() -> None:
    """Let every task that can run do so (the shared read starts as a task of its own)."""
    for _ in range(5):
        await asyncio.sleep(0)


def test_waiters_woken_together_share_one_read() -> None:
    async def scenario() -> None:
        feed, reads = Feed(), Reads()
        feed.attach(asyncio.get_running_loop())
        for _ in range(3):
            feed.subscribe("27460")
        looks = [asyncio.ensure_future(feed.shared("27460", ("27460", 5, 1000), reads)) for _ in range(3)]
        await settle()
        reads.release.set()
        assert await asyncio.gather(*looks) == [1, 1, 1] and reads.ran == 1
        # another ward, or another question, reads for itself
        other = [feed.shared("26740", ("26740", 5, 1000), reads), feed.shared("27460", ("27460", 9, 1000), reads)]
        assert await asyncio.gather(*other) == [2, 3]

    asyncio.run(scenario())


def test_news_after_a_read_began_makes_the_next_waiter_read_again() -> None:
    """The news of a change the running read may have missed: a waiter subscribed after it must not take
    that read's answer (it would never hear of the change); the waiters that joined before it hear it."""

    async def scenario() -> None:
        feed, reads = Feed(), Reads()
        feed.attach(asyncio.get_running_loop())
        early = feed.subscribe("27460")
        first = asyncio.ensure_future(feed.shared("27460", ("27460", 5, None), reads))
        await settle()
        feed.publish("27460")  # a change committed while the read runs
        await settle()
        assert early.done()  # the waiter that shares the read is told: it will look again
        late = asyncio.ensure_future(feed.shared("27460", ("27460", 5, None), reads))
        await settle()
        assert reads.ran == 2  # its own read, begun after the news
        feed.wake_all()  # the LISTEN link came back: every waiter looks again, shared reads too
        again = asyncio.ensure_future(feed.shared("27460", ("27460", 5, None), reads))
        await settle()
        reads.release.set()
        assert await asyncio.gather(first, late, again) == [1, 2, 3] and reads.ran == 3

    asyncio.run(scenario())
