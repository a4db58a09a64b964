"""The files named on the command line: files, folders (recursively) and glob patterns.

Nothing is skipped in silence but dot-files: a folder that cannot be listed, a FIFO, socket or device
file, a broken link each give one error naming the path. Special files are never opened (a FIFO blocks).
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from .meta import without_surrogates

__all__ = ["iter_sources", "not_a_file", "special_kind"]

_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
          (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "directory"))
_GLOB_CHARS = "*?["


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Regular files named by ``paths`` (folders walked, globs expanded), and an error for each other path."""
    for item in paths:
        yield from _sources_of(str(item))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("FIFO", "character device", ...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "special file")


def not_a_file(path: str | Path, kind: str) -> IngestError:
    """The error for a path that is not a regular file."""
    return IngestError("E111", source=without_surrogates(str(path)), detail=f"not a regular file ({kind})")


def _sources_of(item: str) -> Iterator[Path | IngestError]:
    path = Path(item)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if any(ch in item for ch in _GLOB_CHARS):
            yield from _glob(item)
        else:
            yield _error(path, exc)
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path)
    elif stat.S_ISREG(mode):
        yield path
    else:
        yield not_a_file(path, special_kind(mode) or "special file")


def _glob(pattern: str) -> Iterator[Path | IngestError]:
    """Files matching ``pattern``; matched folders are left out, matched special files are errors."""
    found: list[Path | IngestError] = []
    for match in sorted(Path(p) for p in glob.glob(pattern, recursive=True)):
        item = _classify(match)
        if item is not None:
            found.append(item)
    yield from found or [IngestError("E100", source=without_surrogates(pattern))]


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """Every regular file below ``root`` in path order, skipping dot-files and dot-folders.

    Links to folders are not followed (no loops); a folder that cannot be listed is an error.
    """
    found: list[tuple[Path, Path | IngestError]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            found.append((folder, _error(folder, exc)))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            item = _classify(path)
            if item is not None:
                found.append((path, item))
    found.sort(key=lambda pair: pair[0])
    yield from (item for _, item in found)


def _classify(path: Path) -> Path | IngestError | None:
    """``path`` when it is (or links to) a regular file, an error for a special or broken one, None for a folder."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _error(path, exc)
    if stat.S_ISDIR(mode):
        return None
    kind = special_kind(mode)
    return path if kind is None else not_a_file(path, kind)


def _error(path: Path, exc: OSError) -> IngestError:
    source = without_surrogates(str(path))
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return IngestError("E100", source=source)
    return IngestError("E111", source=source, detail=exc.strerror or str(exc))
