"""Ingest jobs: ``POST /api/v1/articles`` queues its documents here and answers at once (202).

One worker thread runs the jobs in order (one writer is right for SQLite, and keeps a PostgreSQL
store's write load to one connection), off the event loop, so reads go on while an upload is
ingested. The queue is bounded (jobs and bytes waiting); a full queue is refused (503) rather than
held in memory. Jobs are kept in memory, the oldest finished ones dropped past ``keep``.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from ..errors import PresslensError
from ..pipeline import IngestReport

__all__ = ["MAX_QUEUED_BYTES", "MAX_QUEUED_JOBS", "Job", "JobQueue", "QueueFull"]

MAX_QUEUED_JOBS = 8
MAX_QUEUED_BYTES = 256 * 1024 * 1024
KEEP_FINISHED = 200
log = logging.getLogger(__name__)
Status = Literal["queued", "running", "done", "failed"]
Ingest = Callable[[bytes, str, "str | None"], IngestReport]


class QueueFull(Exception):
    """The ingest queue holds as many jobs (or bytes) as it may."""


@dataclass
class Job:
    """One queued upload and, once run, what came of it."""

    job_id: str
    name: str
    size: int
    status: Status = "queued"
    submitted: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    report: dict | None = None
    error: dict | None = None

    def as_dict(self) -> dict:
        data = {"job_id": self.job_id, "status": self.status, "name": self.name, "bytes": self.size,
                "submitted": _stamp(self.submitted), "started": _stamp(self.started),
                "finished": _stamp(self.finished)}
        if self.report is not None:
            data["report"] = self.report
        if self.error is not None:
            data["error"] = self.error
        return data


def _stamp(seconds: float | None) -> str | None:
    return None if seconds is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class JobQueue:
    """A bounded queue of ingest jobs run by one worker thread, started on the first job."""

    def __init__(self, ingest: Ingest, *, max_queued: int = MAX_QUEUED_JOBS,
                 max_queued_bytes: int = MAX_QUEUED_BYTES, keep: int = KEEP_FINISHED) -> None:
        self._ingest = ingest
        self._max_queued, self._max_bytes, self._keep = max_queued, max_queued_bytes, keep
        self._waiting: queue.Queue[tuple[Job, bytes, str | None] | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queued_bytes = 0
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._closed = False

    def submit(self, data: bytes, name: str, fmt: str | None) -> Job:
        """Queue ``data`` for ingest; ``QueueFull`` when the queue is full or closed."""
        with self._lock:
            if self._closed or not self._has_room(len(data)):
                raise QueueFull
            job = Job(secrets.token_urlsafe(16), name, len(data))
            self._jobs[job.job_id] = job
            self._queued_bytes += len(data)
            self._prune()
            self._waiting.put((job, data, fmt))
            self._start()
            return replace(job)

    def get(self, job_id: str) -> Job | None:
        """A snapshot of the job ``job_id``, or None when it is unknown or was dropped."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else replace(job)

    def close(self, timeout: float = 30.0) -> None:
        """Refuse new jobs, fail the queued ones, and wait up to ``timeout`` s for the running one."""
        with self._lock:
            self._closed = True
            worker = self._worker
        self._drain()
        self._waiting.put(None)
        if worker is not None:
            worker.join(timeout)

    def _has_room(self, size: int) -> bool:
        """Room for one more job of ``size`` bytes (an empty queue takes any one job)."""
        queued = self._waiting.qsize()
        return queued < self._max_queued and (not queued or self._queued_bytes + size <= self._max_bytes)

    def _start(self) -> None:
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="presslens-ingest", daemon=True)
            self._worker.start()

    def _prune(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.status in ("done", "failed")]
        for key in finished[:max(0, len(self._jobs) - self._keep)]:
            del self._jobs[key]

    def _drain(self) -> None:
        while True:
            try:
                item = self._waiting.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                self._finish(item[0], error={"code": "shutdown", "message": "the server stopped before this job ran"})

    def _run(self) -> None:
        while self._run_next():
            pass

    def _run_next(self) -> bool:
        """Run the next job (its body is let go once it ran); False at the end of the queue."""
        item = self._waiting.get()
        if item is None:
            return False
        job, data, fmt = item
        with self._lock:
            self._queued_bytes -= job.size
            job.status, job.started = "running", time.time()
        self._execute(job, data, fmt)
        return True

    def _execute(self, job: Job, data: bytes, fmt: str | None) -> None:
        try:
            report = self._ingest(data, job.name, fmt)
        except PresslensError as exc:
            log.warning("ingest job %s failed: %s", job.job_id, exc)
            self._finish(job, error={"code": exc.code, "message": exc.reason})
        except Exception:
            log.exception("ingest job %s failed", job.job_id)
            self._finish(job, error={"code": "internal", "message": "the ingest failed (the server log has why)"})
        else:
            self._finish(job, report=report.as_dict())

    def _finish(self, job: Job, *, report: dict | None = None, error: dict | None = None) -> None:
        with self._lock:
            job.report, job.error, job.finished = report, error, time.time()
            job.status = "done" if error is None else "failed"
            if job.started is None:
                self._queued_bytes -= job.size
            self._prune()
