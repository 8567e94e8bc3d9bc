"""This process's resident memory, sampled in a thread: the peak a benchmark reports.

Linux only (/proc/self/statm). A sample every `interval` seconds is enough for memory
that a streaming upload would grow by tens of megabytes over seconds; the thread reads
one small file per sample and holds the GIL for microseconds.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType
from typing import Self

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    """Resident set size now (statm's second field, in pages)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE


class PeakRss:
    """`with PeakRss() as peak: ...` then `peak.growth`: the highest RSS seen while the
    block ran (and at its end) less the RSS when it began, in bytes."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.before = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self) -> Self:
        self.before = self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth(self) -> int:
        return self.peak - self.before
