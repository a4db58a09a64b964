"""Saved stream state: a versioned, compressed pickle (stories and threads both resume from one)."""

from __future__ import annotations

import pickle
import zlib


def pack(version: int, stream: object) -> bytes:
    """``stream`` with the ``version`` of the code that saved it, zlib-compressed."""
    return zlib.compress(pickle.dumps((version, stream), protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes, version: int, what: str) -> object:
    """What ``pack`` saved (ValueError naming ``what`` if another version of the code saved it)."""
    saved, stream = pickle.loads(zlib.decompress(data))
    if saved != version:
        raise ValueError(f"saved {what} state is version {saved}, this is {version}")
    return stream
