"""Client-side rate limiting: a sliding-window limiter that never lets more than N requests start in any window.

Why a sliding window rather than a token bucket: HubSpot counts requests per rolling window ("100 per 10 seconds").
A token bucket with a burst of 100 that refills at 10/s can start 100 + 100 requests inside one 10-second window and
be answered with 429s; a sliding window of send times is exactly the rule the server applies, so it can run at 100% of
the limit without tripping it. `margin` widens the window a little to absorb network jitter between our clock and the
server's arrival times.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """Allow at most `max_requests` starts in any `per_seconds` window.

    Args:
        max_requests: Requests allowed per window.
        per_seconds: Window length in seconds.
        clock: Monotonic clock (injected in tests).
        sleep: Sleep function (injected in tests; a fake one advances the fake clock).
        margin: Extra seconds added to the window as a safety margin.
    """

    def __init__(
        self,
        max_requests: int,
        per_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        margin: float = 0.0,
    ) -> None:
        if max_requests < 1 or per_seconds <= 0:
            raise ValueError("a rate limit needs max_requests >= 1 and per_seconds > 0")
        self.max_requests = max_requests
        self.window = per_seconds + margin
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until one more request may start, record it, and return the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                while self._sent and now - self._sent[0] >= self.window:
                    self._sent.popleft()
                if len(self._sent) < self.max_requests:
                    self._sent.append(now)
                    return waited
                delay = self.window - (now - self._sent[0])
            delay = max(delay, 0.0005)
            self._sleep(delay)
            waited += delay
