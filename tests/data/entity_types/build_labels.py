"""Build labels.jsonl for the entity-type tuning set from the article files in this folder.

Each article has a list of (surface, kind) entries. The kind is either one string, used for every
occurrence, or a list with one kind per occurrence in reading order (None leaves that occurrence out).
Longer surfaces are matched first and claim their characters, so "Garside" never matches inside
"Garside Coaches". Every entry must match at least once, and a list of kinds must match the number
of occurrences exactly, so a changed article breaks the build instead of shifting offsets silently.

Run: python build_labels.py
"""

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
PER, ORG, PLACE, WORK = "person", "organisation", "place", "work"

SPEC = {
    "01_whitlow_rail_delay.txt": [
        ("Northern Vales Transport Authority", ORG),
        ("Whitlow Gazette", ORG),
        ("Garside Coaches", ORG),
        ("Albert Garside", PER),
        ("Garside", PER),
        ("Whitlow", PLACE),
        ("Pendleford Cross", PLACE),
        ("Pendleford", PLACE),
        ("Harker Bridge", PLACE),
        ("River Ensor", PLACE),
        ("Steam Over Ensor", WORK),
        ("Mill Street", PLACE),
        ("Priya Nandra", PER),
        ("Nandra", PER),
        ("Railcore", ORG),
        ("Edwin Clegg", PER),
        ("Clegg", PER),
        ("Brantley Green", PLACE),
        ("Brantley", PLACE),
        ("Moor Road", PLACE),
        ("Drovers Arms", PLACE),
        ("Sarah Okonjo", PER),
        ("Okonjo", PER),
    ],
    "02_marsh_lanterns_album.txt": [
        ("Marsh Lanterns", ORG),
        ("Copper Weather", WORK),
        ("Kelby Pavilion", PLACE),
        ("Kelby", PLACE),
        ("Ruth Adeyemi-Vance", PER),
        ("Adeyemi-Vance", PER),
        ("Oakhollow Studios", ORG),
        ("Llanfeiriog", PLACE),
        ("Declan Moss", PER),
        ("Moss", PER),
        ("Salt Roads", WORK),
        ("Dublin", PLACE),
        ("Finchley", ORG),
        ("London", PLACE),
        ("Soundcheck", ORG),
        ("Tidewater", WORK),
        ("Anchor Inn", PLACE),
        ("Jonah Pryce", PER),
        ("Pryce", PER),
        ("Selham Estuary", PLACE),
        ("Wavelength", ORG),
        ("Low Water", WORK),
        ("The Long Quay", WORK),
        ("Northern Echo Review", ORG),
        ("Tamsin Carrow", PER),
        ("Carrow", ORG),
        ("Glasgow", PLACE),
    ],
    "03_charity_vs_vantage.txt": [
        ("Dealer's Choice", WORK),
        ("Vantage", ORG),
        ("Blackmere", PLACE),
        ("Hattersley Foundation", ORG),
        ("Miriam Hattersley", PER),
        ("Hattersley", PER),
        ("LuckyNine", ORG),
        ("Malta", PLACE),
        ("Carrick Street", PLACE),
        ("Oleksandr Petrenko", PER),
        ("Alexander Petrenko", PER),
        ("Petrenko", PER),
        ("Evening Courier", ORG),
        ("Gemma Lyle", PER),
        ("Lyle", PER),
        ("Northern Line", WORK),
        ("The Quiet Shift", WORK),
        ("Albion One", ORG),
        ("Broadcast Standards Panel", ORG),
        ("Crown and Anchor", PLACE),
    ],
    "04_brockhurst_election.txt": [
        ("Residents First", ORG),
        ("Brockhurst Borough Council", ORG),
        ("Brockhurst Echo", ORG),
        ("Brockhurst", PLACE),
        ("Labour", ORG),
        ("Corn Exchange", PLACE),
        ("Janet Ellery", PER),
        ("Ellery", PER),
        ("Sefton Road", PLACE),
        ("Chalk Dust", WORK),
        ("Fenwick", PLACE),
        ("Mohammed Rafiq", PER),
        ("Muhammad Rafiq", PER),
        ("Rafiq", PER),
        ("Conservatives", ORG),
        ("Simon Pettifer", PER),
        ("Pettifer", PER),
        ("Harcastle", PLACE),
        ("Green Party", ORG),
        ("Lucy Orme", PER),
        ("Orme", PER),
        ("River Teal", PLACE),
        ("Helen Marchbank", PER),
        ("Wetherley", PLACE),
    ],
    "05_hollins_factory_closure.txt": [
        ("Hollins Biscuits", ORG),
        ("Thomas Hollins", PER),
        # "Hollins's best-known product" is the company; "Mr Hollins's great-grandson" is the founder.
        ("Hollins", [ORG, PER]),
        ("Pelling Chamber of Commerce", ORG),
        ("Pelling", PLACE),
        ("Canal Street", PLACE),
        ("Amberline", ORG),
        ("Rotterdam", PLACE),
        ("Leipzig", PLACE),
        ("Karen Doyle", PER),
        ("Doyle", PER),
        ("Food and Bakery Workers Union", ORG),
        ("Derek Ainsworth", PER),
        ("Ainsworth", PER),
        ("Weavers Rest", PLACE),
        ("Mill Lane", PLACE),
        ("Sugar Town", WORK),
        ("Amira Sethi", PER),
        ("The Night Shift Bakery", WORK),
        ("Graham Tulloch", PER),
        ("London", PLACE),
        ("Norley", PLACE),
        ("Brightwrap", ORG),
    ],
    "06_castlegate_cricket.txt": [
        ("Owen Radley", PER),
        ("Radley", PER),
        ("Owen", PER),
        ("Castlegate Mercury", ORG),
        ("Castlegate", ORG),
        # The club everywhere except "travelled from Burnell by coach", which is the town.
        ("Burnell", [ORG, ORG, ORG, ORG, PLACE, ORG]),
        ("Lowther Road", PLACE),
        ("Northern Counties League", ORG),
        ("Imran Chaudhry", PER),
        ("Chaudhry", PER),
        ("Tom Eastwood", PER),
        ("Sanjay Pillai", PER),
        ("Pillai", PER),
        ("Marcus Fell", PER),
        ("Fell", PER),
        ("Cricketers Arms", PLACE),
        ("Ellerby Lane", PLACE),
        ("Liam Hogg", PER),
        ("Fellside Insurance", ORG),
        ("Out of the Rough", WORK),
        ("Yarrowby", PLACE),
    ],
    "07_nebraska_water_bill.txt": [
        ("LINCOLN", PLACE),
        ("Nebraska Legislature", ORG),
        ("Nebraska Corn Growers Alliance", ORG),
        ("Nebraska Accountability and Disclosure Commission", ORG),
        ("Nebraska", PLACE),
        ("Dale Kettering", PER),
        ("Kettering", PER),
        ("Platte Valley", PLACE),
        ("Platte River", PLACE),
        ("Rosa Delgado", PER),
        ("Delgado", PER),
        ("Omaha World-Ledger", ORG),
        ("Omaha", PLACE),
        ("McCook", PLACE),
        ("Lincoln", PLACE),
        ("Bryce Lindqvist", PER),
        ("Hartwell Grain", ORG),
        ("Walter Hartwell", PER),
        # "Hartwell spent more than $400,000" is the company.
        ("Hartwell", ORG),
        ("Kearney", PLACE),
        ("Dry Country", WORK),
        ("Marian Olsen", PER),
        ("Olsen", PER),
        ("Tom Bluestone", PER),
        ("Grand Island", PLACE),
        ("Kansas", PLACE),
    ],
    "08_salt_orchard_prize.txt": [
        ("The Salt Orchard", WORK),
        ("Halloran Trust", ORG),
        ("Isle of Carra", PLACE),
        ("Carra", PLACE),
        ("Niamh Costello", PER),
        ("Costello", PER),
        ("Ravensworth", PLACE),
        ("Merchant Hall", PLACE),
        ("Edinburgh", PLACE),
        ("Alan Whitcombe", PER),
        ("Whitcombe", PER),
        ("Thin Ice", WORK),
        ("Kofi Mensah-Barnes", PER),
        ("Winnipeg", PLACE),
        ("Wrenfield Press", ORG),
        ("Wrenfield", ORG),
        ("Hexley Athletic", ORG),
        ("Hexley", PLACE),
        ("A Map of Small Rooms", WORK),
        ("Farah Qureshi", PER),
        # The novel named after its narrator, not a person in the story.
        ("Lennox", WORK),
        ("Glasgow", PLACE),
        ("Peter Ambrose", PER),
        ("Ambrose", PER),
        ("Northlight Pictures", ORG),
        ("Harbour Wall", WORK),
    ],
}


def label_doc(doc, entries):
    """Return the labels of one article, sorted by start offset."""
    text = (HERE / doc).read_text(encoding="utf-8")
    claimed = []
    labels = []
    for surface, kind in sorted(entries, key=lambda entry: -len(entry[0])):
        pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
        matches = [
            m
            for m in re.finditer(pattern, text)
            if not any(m.start() < end and start < m.end() for start, end in claimed)
        ]
        if not matches:
            raise SystemExit(f"{doc}: {surface!r} not found")
        kinds = [kind] * len(matches) if isinstance(kind, str) else kind
        if len(kinds) != len(matches):
            raise SystemExit(f"{doc}: {surface!r} occurs {len(matches)} times, {len(kinds)} kinds given")
        for m, occurrence_kind in zip(matches, kinds, strict=True):
            claimed.append((m.start(), m.end()))
            if occurrence_kind is not None:
                labels.append(
                    {"doc": doc, "start": m.start(), "end": m.end(), "text": m.group(), "kind": occurrence_kind}
                )
    return sorted(labels, key=lambda label: label["start"])


def main():
    """Write labels.jsonl next to this script."""
    rows = [label for doc in sorted(SPEC) for label in label_doc(doc, SPEC[doc])]
    with open(HERE / "labels.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} labels")


if __name__ == "__main__":
    main()
