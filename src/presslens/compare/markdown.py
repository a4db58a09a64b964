"""The story brief as Markdown, for ``presslens story ID --format md`` and the demo.

The words it prints for its readers are the brief's language's (``Language.brief_words``): a brief of French
articles reads in French. The names, quotations and figures are as the articles write them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import lang
from .brief import Brief, QuoteVersion
from .text import unquote


def brief_markdown(brief: Brief, *, max_items: int = 12) -> str:
    """A readable brief: outlets, people, voices, shared and altered quotes, facts, outlet-only content."""
    say = lang.get(brief.language).brief_words
    span = _dates(brief, say)
    lines = [f"# {brief.title}", "", say["story_line"].format(
        story=brief.story_id, dates=span, articles=sum(len(o.articles) for o in brief.outlets),
        outlets=len(brief.outlets)), ""]
    lines += [f"## {say['outlets']}", ""]
    for outlet in brief.outlets:
        for item in outlet.articles:
            copy = say["copy_of"].format(id=item["copy_of"][:10]) if item["copy_of"] else ""
            lines.append(f"- **{outlet.outlet}** {item['published'] or say['undated']}: "
                         f"{item['title'] or say['untitled']}{copy}")
    people = [p for p in brief.people if p.kind == "person"][:max_items]
    if people:
        lines += ["", f"## {say['people']}", "", say["people_header"], "|---|---|---|"]
        for person in people:
            roles = "; ".join(f"{o}: {', '.join(r)}" for o, r in person.roles.items()) or "-"
            quoted = ", ".join(f"{o} ({n})" for o, n in sorted(person.quoted_by.items())) or "-"
            lines.append(f"| {person.name} | {_cell(roles)} | {_cell(quoted)} |")
    voices = [o for o in brief.organisations if o.different_voices]
    if voices:
        lines += ["", f"## {say['voices']}", ""]
        for org in voices:
            speakers = "; ".join(say["voice"].format(outlet=o, people=", ".join(p)) for o, p in org.speakers.items())
            spellings = "; ".join(f"{o}: {' / '.join(sorted(set(s)))}" for o, s in org.spellings.items())
            lines.append(f"- **{org.name}**: {speakers}. {say['spelt']}: {spellings}.")
    if brief.quote_groups:
        lines += ["", f"## {say['same_quotes']}", ""]
        for group in brief.quote_groups[:max_items]:
            lines.append("- " + say["group"].format(speaker=group.speaker or say["unattributed"],
                                                    outlets=", ".join(group.outlets)))
            for version in group.versions:
                lines.append(f"  - {_version_line(version, say)}")
    if brief.speaker_conflicts:
        lines += ["", f"## {say['speaker_conflicts']}", ""]
        for a, b in brief.speaker_conflicts[:max_items]:
            lines.append("- " + say["speaker_conflict"].format(a=a.outlet, text=_short(a.text), speaker_a=a.speaker,
                                                               b=b.outlet, speaker_b=b.speaker))
    shared = [f for f in brief.facts if f.status != "unique"]
    if shared:
        lines += ["", f"## {say['facts']}", "", say["facts_header"], "|---|---|---|"]
        for fact in shared[:max_items * 2]:
            values = "; ".join(f"{v.outlet}: {v.text}" for v in fact.values)
            lines.append(f"| {fact.what} | {_status(fact.status, say)} | {_cell(values)} |")
    if brief.unique:
        lines += ["", f"## {say['unique']}", ""]
        for item in brief.unique:
            lines.append(f"- **{item.outlet}** ({', '.join(item.terms)}): {_short(item.sentence, 220)}")
    return "\n".join(lines) + "\n"


def _version_line(version: QuoteVersion, say: Mapping[str, str]) -> str:
    text = f"{version.outlet}: {say['quoted'].format(text=_short(unquote(version.text), 200))}"
    if version.alignment is None:
        return text + say["reference"]
    changes = [d for d in version.alignment.diff if d.op != "equal"]
    shown = "; ".join(_change(d, say) for d in changes[:4])
    kind = say.get(version.alignment.kind, version.alignment.kind)
    return f"{text} **{kind}**" + (f": {shown}" if shown and version.alignment.kind != "paraphrase" else "")


def _change(diff, say: Mapping[str, str]) -> str:
    if diff.op == "delete":
        return say["cut"].format(text=_short(diff.a, 60))
    if diff.op == "insert":
        return say["added"].format(text=_short(diff.b, 60))
    return say["replaced"].format(a=_short(diff.a, 60), b=_short(diff.b, 60))


def _status(status: str, say: Mapping[str, str]) -> str:
    return say.get(status, status) if status in ("conflict", "differs", "agree") else status


def _dates(brief: Brief, say: Mapping[str, str]) -> str:
    if not brief.first_seen:
        return say["undated"]
    if brief.first_seen == brief.last_seen:
        return brief.first_seen.isoformat()
    return say["dates"].format(first=brief.first_seen.isoformat(),
                               last=brief.last_seen.isoformat() if brief.last_seen else "?")


def _short(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
