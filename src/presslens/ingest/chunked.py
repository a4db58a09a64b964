"""HTTP chunked transfer coding, undone as it is read, a piece at a time.

warcio's own reader holds a whole chunk (up to 2 GiB) and inflates it in one call, so a small
gzip chunk can become gigabytes at once; this one never holds more than one read's worth.
"""

from __future__ import annotations

import io

from .limits import CHUNK

__all__ = ["Dechunked"]

_MAX_HEADER = 64


class Dechunked(io.RawIOBase):
    """The body inside chunked ``raw``; a body that does not start like chunks is passed through as it is."""

    def __init__(self, raw) -> None:
        super().__init__()
        self.raw = raw
        self._left = 0  # bytes left in the current chunk
        self._chunks = 0
        self._plain = False
        self._done = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._read(min(len(buffer), CHUNK))
        buffer[:len(data)] = data
        return len(data)

    def _read(self, size: int) -> bytes:
        if self._left == 0 and not (self._done or self._plain):
            self._next_chunk()
        if self._pending:
            data, self._pending = self._pending[:size], self._pending[size:]
            return data
        if self._plain:
            return self.raw.read(size)
        if self._done:
            return b""
        data = self.raw.read(min(size, self._left))
        self._done = not data  # cut short
        self._left -= len(data)
        return data

    def _next_chunk(self) -> None:
        """Read the next chunk's size line: the last chunk (size 0) or a line that is not a size ends the body."""
        if self._chunks:
            self.raw.read(2)  # the CRLF that ends the previous chunk
        line = self.raw.readline(_MAX_HEADER)
        try:
            self._left = int(line.split(b";", 1)[0].strip(), 16) if line.endswith(b"\n") else -1
        except ValueError:
            self._left = -1
        if self._left < 0 and not self._chunks:  # served as chunked, but it is not
            self._plain, self._pending = True, line
        self._chunks += 1
        self._done = self._left <= 0
        self._left = max(self._left, 0)
