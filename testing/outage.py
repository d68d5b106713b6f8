"""Backends that fail the way real ones do, for outage tests: our own sockets, never the machine's services.

- `stalled_port()`: a port that accepts connections and never answers (a hung Redis or database: every call
  waits for its timeout);
- `refused_port()`: a port nobody listens on (a backend that is down: every call fails at once).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stalled_port() -> Iterator[int]:
    """A listening socket that never accepts: the kernel completes connections into its backlog, and then
    nothing is ever read or written."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def refused_port() -> int:
    """A port that was free a moment ago and that nobody listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
