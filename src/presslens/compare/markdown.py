"""The story brief as Markdown, for ``presslens story ID --format md`` and the demo."""

from __future__ import annotations

from .brief import Brief, QuoteVersion
from .text import unquote


def brief_markdown(brief: Brief, *, max_items: int = 12) -> str:
    """A readable brief: outlets, people, voices, shared and altered quotes, facts, outlet-only content."""
    span = _dates(brief)
    lines = [f"# {brief.title}", "", f"Story `{brief.story_id}` · {span} · "
             f"{sum(len(o.articles) for o in brief.outlets)} articles from {len(brief.outlets)} outlets", ""]
    lines += ["## Outlets", ""]
    for outlet in brief.outlets:
        for item in outlet.articles:
            copy = f" (near-copy of `{item['copy_of'][:10]}`)" if item["copy_of"] else ""
            lines.append(f"- **{outlet.outlet}** {item['published'] or 'undated'}: {item['title'] or '(untitled)'}"
                         f"{copy}")
    people = [p for p in brief.people if p.kind == "person"][:max_items]
    if people:
        lines += ["", "## People and who quotes them", "", "| person | roles by outlet | quoted by |", "|---|---|---|"]
        for person in people:
            roles = "; ".join(f"{o}: {', '.join(r)}" for o, r in person.roles.items()) or "-"
            quoted = ", ".join(f"{o} ({n})" for o, n in sorted(person.quoted_by.items())) or "-"
            lines.append(f"| {person.name} | {_cell(roles)} | {_cell(quoted)} |")
    voices = [o for o in brief.organisations if o.different_voices]
    if voices:
        lines += ["", "## Same organisation, different voices", ""]
        for org in voices:
            speakers = "; ".join(f"{o} quotes {', '.join(p)}" for o, p in org.speakers.items())
            spellings = "; ".join(f"{o}: {' / '.join(sorted(set(s)))}" for o, s in org.spellings.items())
            lines.append(f"- **{org.name}**: {speakers}. Spelt: {spellings}.")
    if brief.quote_groups:
        lines += ["", "## The same quotation across outlets", ""]
        for group in brief.quote_groups[:max_items]:
            lines.append(f"- **{group.speaker or 'unattributed'}**, in {', '.join(group.outlets)}:")
            for version in group.versions:
                lines.append(f"  - {_version_line(version)}")
    if brief.speaker_conflicts:
        lines += ["", "## Same words, different speakers", ""]
        for a, b in brief.speaker_conflicts[:max_items]:
            lines.append(f"- {a.outlet} gives “{_short(a.text)}” to **{a.speaker}**; "
                         f"{b.outlet} gives it to **{b.speaker}**")
    shared = [f for f in brief.facts if f.status != "unique"]
    if shared:
        lines += ["", "## Facts and numbers across outlets", "", "| about | status | by outlet |", "|---|---|---|"]
        for fact in shared[:max_items * 2]:
            values = "; ".join(f"{v.outlet}: {v.text}" for v in fact.values)
            lines.append(f"| {fact.what} | {_status(fact.status)} | {_cell(values)} |")
    if brief.unique:
        lines += ["", "## Only in one outlet", ""]
        for item in brief.unique:
            lines.append(f"- **{item.outlet}** ({', '.join(item.terms)}): {_short(item.sentence, 220)}")
    return "\n".join(lines) + "\n"


def _version_line(version: QuoteVersion) -> str:
    text = f"{version.outlet}: “{_short(unquote(version.text), 200)}”"
    if version.alignment is None:
        return text + " (reference)"
    changes = [d for d in version.alignment.diff if d.op != "equal"]
    shown = "; ".join(_change(d) for d in changes[:4])
    return f"{text} **{version.alignment.kind}**" + (f": {shown}" if shown and version.alignment.kind != "paraphrase"
                                                     else "")


def _change(diff) -> str:
    if diff.op == "delete":
        return f"cut “{_short(diff.a, 60)}”"
    if diff.op == "insert":
        return f"added “{_short(diff.b, 60)}”"
    return f"“{_short(diff.a, 60)}” → “{_short(diff.b, 60)}”"


def _status(status: str) -> str:
    return {"conflict": "**conflict**", "differs": "differs", "agree": "agree"}.get(status, status)


def _dates(brief: Brief) -> str:
    if not brief.first_seen:
        return "undated"
    if brief.first_seen == brief.last_seen:
        return brief.first_seen.isoformat()
    return f"{brief.first_seen.isoformat()} to {brief.last_seen.isoformat() if brief.last_seen else '?'}"


def _short(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
