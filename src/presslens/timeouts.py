"""A time limit for each step of one document (reading, cleaning, entities and quotes), so that no
input can hang a batch.

In the main thread of a process (the CLI, batch ingest) the limit is ``SIGALRM``; in any other thread
(the server's ingest worker) a timer thread raises ``DocumentTimeout`` in the limited thread with
``PyThreadState_SetAsyncExc``. Either way the exception arrives between two Python instructions, so a
long call into C (one regular expression, one model call) finishes first.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(Exception):
    """Raised inside a document's processing when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block after ``seconds`` (0: no limit)."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_limit(seconds):
            yield
        return

    def expire(_signum, _frame) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_limit(seconds: float) -> Iterator[None]:
    """``time_limit`` for a thread that is not the main one: a timer raises in it, unless the block is over."""
    target = ctypes.c_ulong(threading.get_ident())
    guard = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with guard:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(DocumentTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            state["active"] = False
            timer.cancel()
            if state["fired"]:  # raised too late to matter: take back one still on its way
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
