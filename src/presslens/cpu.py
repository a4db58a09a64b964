"""How many threads a model session may use in this process."""

from __future__ import annotations

import os


def default_threads(limit: int = 4) -> int:
    """``PRESSLENS_THREADS`` when set (a Spark executor sets it to its cores per task), else the CPUs, at most
    ``limit``."""
    configured = os.environ.get("PRESSLENS_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(os.cpu_count() or 1, limit)
