"""Reading within a size limit: bytes are counted as they come out (after gzip), never held past the limit.

A 2 MB gzip file can inflate to gigabytes, so the limit applies to what is decompressed, not to the file.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

__all__ = ["GZIP_MAGIC", "GunzipReader", "LimitedReader", "TooLarge", "open_plain", "read_within"]

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16


class TooLarge(Exception):
    """More than ``limit`` bytes came out of a stream (``size`` of them when it stopped)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.size, self.limit = size, limit


class LimitedReader(io.RawIOBase):
    """A readable stream over ``inner`` that raises ``TooLarge`` once more than ``limit`` bytes came out."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        super().__init__()
        self.inner, self.limit, self.count = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(min(len(buffer), CHUNK))
        self.count += len(data)
        if self.count > self.limit:
            raise TooLarge(self.count, self.limit)
        buffer[:len(data)] = data
        return len(data)


class GunzipReader(io.RawIOBase):
    """A gzip stream (all its members) inflated as it is read, one chunk at a time.

    It reads no further ahead than asked, so a truncated or corrupt stream raises (``EOFError``,
    ``zlib.error``) only once the good bytes before the damage are read: the records there are kept.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self.raw = raw
        self._input = b""
        self._inflater: zlib._Decompress | None = None  # None between members
        self._stash = b""

    def readable(self) -> bool:
        return True

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes that the next read returns first."""
        while len(self._stash) < size and (more := self._inflate(size - len(self._stash))):
            self._stash += more
        return self._stash[:size]

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), CHUNK)
        if self._stash:
            data, self._stash = self._stash[:size], self._stash[size:]
        else:
            data = self._inflate(size)
        buffer[:len(data)] = data
        return len(data)

    def _inflate(self, size: int) -> bytes:
        while True:
            if not self._input:
                self._input = self.raw.read(CHUNK)
                if not self._input:
                    if self._inflater is not None:
                        raise EOFError("gzip stream ends early (truncated file)")
                    return b""
            if self._inflater is None:
                if not self._input.strip(b"\0"):  # zero padding after the last member
                    self._input = b""
                    continue
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = self._inflater.decompress(self._input, size)
            if self._inflater.eof:
                self._input, self._inflater = self._inflater.unused_data, None
            else:
                self._input = self._inflater.unconsumed_tail
            if data:
                return data


def open_plain(stream: BinaryIO) -> tuple[BinaryIO, bool]:
    """``stream`` inflated (``GunzipReader``) when it starts like gzip; also whether it did."""
    head = stream.read(2)
    stream.seek(-len(head), io.SEEK_CUR)
    if head != GZIP_MAGIC:
        return stream, False
    return GunzipReader(stream), True  # type: ignore[return-value]


def read_within(stream: BinaryIO, limit: int) -> tuple[bytes, int]:
    """Up to ``limit`` bytes of ``stream``, and how many it read: more than ``limit`` when it holds more.

    Raises what the stream raises on bad data (``OSError``, ``EOFError``, ``zlib.error``).
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit], size
