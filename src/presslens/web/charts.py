"""Server-rendered SVG plots as plain dicts: dots on rows over days (coverage, quotes over time) and bars of
volume over time per outlet. Every mark carries a title (its words), so colour is never the only signal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

CHART_WIDTH, ROW_HEIGHT, LEFT, RIGHT, TICK_GAP = 640, 28, 170, 20, 44


@dataclass(frozen=True, slots=True)
class Point:
    """One thing on a row at a day: an article, a quote."""

    row: str
    day: date
    title: str
    href: str


def _x_scale(first: date, last: date, width: int = CHART_WIDTH):
    span = max((last - first).days, 1)
    return lambda day: round(LEFT + (width - LEFT - RIGHT) * (day - first).days / span, 1)


def _rows(names: Iterable[str]) -> dict[str, float]:
    return {name: ROW_HEIGHT * index + ROW_HEIGHT / 2 for index, name in enumerate(names)}


def _frame(rows: dict[str, float]) -> dict:
    return {"width": CHART_WIDTH, "height": ROW_HEIGHT * (len(rows) + 1), "axis_y": ROW_HEIGHT * len(rows),
            "left": LEFT, "outlets": [{"name": name, "y": y} for name, y in rows.items()]}


def _ticks(days: Iterable[date], x) -> list[dict]:
    chosen = sorted(set(days))
    if len(chosen) > 8:
        step = (len(chosen) - 1) / 7
        chosen = sorted({chosen[round(i * step)] for i in range(8)})
    ticks: list[dict] = []
    for day in chosen:  # labels about 40 px wide: none drawn over another, the last day always labelled
        tick = {"x": x(day), "label": day.strftime("%d %b")}
        if not ticks or tick["x"] - ticks[-1]["x"] >= TICK_GAP:
            ticks.append(tick)
        elif day == chosen[-1] and len(ticks) > 1:
            ticks[-1] = tick
    return ticks


def dot_chart(rows: Sequence[str], points: Sequence[Point], *, stacked: bool = True) -> dict:
    """One row per name, one dot per point at its day: side by side when ``stacked``, else one dot per row and
    day whose size and title give how many points it stands for (``count``)."""
    ys = _rows(rows)
    frame = _frame(ys)
    if not points:
        return {**frame, "dots": [], "ticks": []}
    x = _x_scale(min(p.day for p in points), max(p.day for p in points))
    grouped: dict[tuple[str, date], list[Point]] = defaultdict(list)
    for point in sorted(points, key=lambda p: p.day):
        grouped[(point.row, point.day)].append(point)
    dots = []
    for (row, day), found in grouped.items():
        if stacked:
            dots += [{"x": round(x(day) + 9 * i, 1), "y": ys[row], "r": 6, "count": 1, "title": p.title,
                      "href": p.href} for i, p in enumerate(found)]
        else:
            dots.append({"x": x(day), "y": ys[row], "r": min(4 + 2 * len(found), 12), "count": len(found),
                         "title": f"{row}, {day.isoformat()}: {len(found)} · " + " · ".join(p.title for p in found[:3]),
                         "href": found[0].href})
    return {**frame, "dots": dots, "ticks": _ticks((p.day for p in points), x)}


def bucket_of(span_days: int):
    """The bucket a day falls in for a span this long: the day itself, its week's Monday, its month's first day."""
    if span_days <= 62:
        return "day", lambda day: day
    if span_days <= 400:
        return "week", lambda day: day - timedelta(days=day.weekday())
    return "month", lambda day: day.replace(day=1)


def volume_chart(counts: Sequence[tuple[str, date, int]]) -> dict:
    """Articles per outlet over time, as one row of bars per outlet (a bar per day, week or month with any)."""
    rows = sorted({outlet for outlet, _day, _n in counts})
    ys = _rows(rows)
    frame = _frame(ys)
    if not counts:
        return {**frame, "bars": [], "ticks": [], "bucket": "day"}
    first, last = min(c[1] for c in counts), max(c[1] for c in counts)
    bucket, key = bucket_of((last - first).days)
    totals: dict[tuple[str, date], int] = defaultdict(int)
    for outlet, day, n in counts:
        totals[(outlet, key(day))] += n
    x = _x_scale(key(first), key(last))
    top = max(totals.values())
    width = max(4.0, min(16.0, (CHART_WIDTH - LEFT - RIGHT) / max(len({b for _o, b in totals}), 1) - 2))
    bars = []
    for (outlet, start), n in sorted(totals.items(), key=lambda item: (item[0][1], item[0][0])):
        height = round(4 + (ROW_HEIGHT - 8) * n / top, 1)
        bars.append({"x": round(x(start) - width / 2, 1), "y": round(ys[outlet] + ROW_HEIGHT / 2 - 2 - height, 1),
                     "width": round(width, 1), "height": height, "count": n,
                     "title": f"{outlet}, {bucket} of {start.isoformat()}: {n} article{'' if n == 1 else 's'}"})
    return {**frame, "bars": bars, "bucket": bucket, "ticks": _ticks((b for _o, b in totals), x)}
