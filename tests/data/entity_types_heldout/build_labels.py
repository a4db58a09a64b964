"""Build labels.jsonl from hand decisions.

For each document, ENTRIES lists (surface, decision). Surfaces are matched
with word boundaries, longest surface first; an occurrence overlapping an
already-labelled span is skipped (so "Ashby" inside "Friends of Ashby
Library" is not labelled separately). decision is either one kind for every
remaining occurrence, or a list with one kind per remaining occurrence in
text order (None = deliberately not labelled). The list length is asserted,
so a text edit that changes the number of occurrences fails loudly.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
P, O, L, W = "person", "organisation", "place", "work"

ENTRIES = {
    "01_ashby_library.txt": [
        ("Friends of Ashby Library", O),
        ("Ashby Independents", O),
        ("Ashby Fair", W),
        ("Ashby", L),  # title, residents of, readers in, Ashby-born
        ("Kendal Street", L),
        ("Wickford District Council", O),
        ("Wickford Works", O),
        ("Thornton", L),
        ("Margaret Ellison", P),
        ("Hartley & Sons", O),
        ("Melford Museum Trust", O),
        ("Melford", L),
        ("St Anne's Church", L),
        ("Dean Royston", P),
        ("Royston", P),
        ("Marsh Road", L),
        ("Stanton", L),
        ("Alan Pryce", P),
        ("Pryce", P),
        ("Edith Lamb", P),
        ("Lamb", P),
    ],
    "02_kingsbridge_takeover.txt": [
        ("Kingsbridge Energy", O),
        ("Kingsbridge", [O, L, O, O]),  # "Kingsbridge, which takes..." / "market town of" / "Shares in" / "is being advised"
        ("Morley Solar", O),
        ("Graham Morley", P),
        ("Morley", [O, P]),  # "Morley have built" (company) / "Morley is expected to make" (founder)
        ("Hebden", L),
        ("Bradley", L),
        ("Competition Review Board", O),
        ("Priya Nandakumar", P),
        ("Nandakumar", P),
        ("London", L),
        ("Voltline", O),
        ("Sue Barraclough", P),
        ("Barraclough", P),
        ("Energy Workers Union", O),
        ("Fenwick Hale", O),
        ("Stroud Pemberton", O),
    ],
    "03_dunmore_rovers.txt": [
        ("Dunmore Rovers", O),
        ("Dunmore", [O, L, L, O]),  # "seasons at Dunmore" (club) / "whole of" / "town of" / "will be away" (club)
        ("Rovers", O),
        ("Jamie Carrick", P),
        ("Carrick", P),
        ("Felling Athletic", O),
        ("Felling", O),
        ("Brook Park", L),
        ("Lewis Preston", P),
        ("Preston", P),
        ("Tom Okafor", P),
        ("Okafor", P),
        ("Callum Whitby", P),
        ("Whitby", P),
        ("Ryan Ashworth", P),
        ("Danny Hale", P),
        ("Hale", P),
        ("Steve Marr", P),
        ("Marr", P),
        ("Hexley", L),
        ("Wardle", L),
        ("Castlegate United", O),
        ("Radio Northfield", O),
        ("Pat Delaney", P),
    ],
    "04_saltmarsh_series.txt": [
        ("Streamwell", O),
        ("Saltmarsh", W),
        ("Barry Lomax", W),
        ("Nell Garrow", P),
        ("Nell", P),
        ("Norfolk", L),
        ("Wellsby", L),
        ("Imogen Castell", P),
        ("Castell", P),
        ("Imogen", P),
        ("Lady Carrow's Letters", W),
        ("Joseph Amberley", P),
        ("Amberley", P),
        ("Low Water", W),
        ("Hallam", L),
        ("Greyhaven Pictures", O),
        ("Sandra Pike", P),
        ("Pike", P),
        ("Quay Street", L),
        ("Germany", L),
        ("Drowned Orchard", W),
    ],
    "05_demir_trial.txt": [
        ("Brinsford Police", O),
        ("Brinsford", L),
        ("Yusuf Demir", P),
        ("Yousef Demir", P),
        ("Elif Demir", P),
        ("Demir", P),
        ("Lavender Close", L),
        ("Ashton", L),
        ("Market Street", L),
        ("Britain", L),
        ("Turkey", L),
        ("Anatolia Grill Ltd", O),
        ("Helen Saunders", P),
        ("Michael Osei", P),
        ("Osei", P),
        ("Corbridge Fire Investigations", O),
        ("Northgate Mutual", O),
        ("Calderbrook Fire and Rescue Service", O),
        ("Paul Whitlock", P),
    ],
    "06_thornbury_scanner.txt": [
        ("Thornbury General Hospital", L),  # "opened at" -> building as location
        ("Thornbury", L),
        ("Beacon Cancer Care", O),
        ("Beacon", O),
        ("North Vale Health Trust", O),
        ("Amara Nwosu", P),
        ("Nwosu", P),
        ("Carlton", L),
        ("Kevin Marsh", P),
        ("Marsh", P),
        ("Elton Community Hospital", L),  # "planned for" -> building as location
        ("Elton", L),
        ("Gillian Frost", P),
        ("Richard Frost", P),
        ("Last Bell", W),
        ("Rachel Quinn", P),
        ("Vale Voices", O),
    ],
    "07_leddon_fish.txt": [
        ("Leddon Valley Angling Club", O),
        ("Clean Leddon", O),
        ("River Leddon", L),
        ("Melbury", L),
        ("Cotton Mill Lane", L),
        ("Rivers Protection Agency", O),
        ("Hannah Stroud", P),
        ("Stroud", P),
        ("Shelby", L),
        ("Avonmere Water", O),
        ("Avonmere", O),
        ("Oliver Danby", P),
        ("Danby", P),
        ("Liberal Democrats", O),
        ("Martin Keel", P),
        ("Ian Farrow", P),
        ("Brown Water", W),
        ("Northlight TV", O),
    ],
    "08_border_talks.txt": [
        ("Organization for Security and Co-operation in Europe", O),
        ("Georgia", L),
        ("Armenia", L),
        ("Kavtari", L),
        ("Vienna", L),
        ("Nino Beridze", P),
        ("Beridze", P),
        ("Armen Petrosyan", P),
        ("Hayk Sargsyan", P),
        ("Sargsyan", P),
        ("Ararat Cargo", O),
        ("Gyumri", L),
        ("Alaverdi", L),
        ("Tbilisi", L),
        ("Yerevan", L),
        ("European Union", O),
        ("EU", O),
        ("Claire Jordan", P),
        ("Jordan", P),
        ("Brussels", L),
        ("Azerbaijan", L),
        ("Tamar Kiknadze", P),
        ("Caucasus Policy Institute", O),
    ],
    "09_maggie_thornton.txt": [
        ("Maggie Thornton", P),
        ("Thornton", P),
        ("Daniel Burley", P),
        ("Burley", [L, P, P, L]),  # "village of" / "Burley, who plays" / "Burley said" / "hall in"
        ("Longmere", L),
        ("Kelso Road", [O, L, O]),  # band / "is just a cul-de-sac" (street) / "Kelso Road's third album"
        ("Quiet Harbour", W),
        ("Wren Street", W),
        ("Ripley", L),
        ("Cobalt FM", O),
        ("Fieldfare Records", O),
        ("Bristol", L),
        ("Ireland", L),
        ("Lena Voss", P),
        ("Voss", P),
        ("Undertow", W),
    ],
    "10_box_office_wire.txt": [
        ("Arthur Penrose", P),
        ("Penrose", W),
        ("Calder Vale", W),
        ("LONDON", L),
        ("Meridian Newswire", O),
        ("UK", L),
        ("Ireland", L),
        ("Lanterna Films", O),
        ("Lanterna", O),
        ("Oona Blackwood", P),
        ("Blackwood", P),
        ("Marcus Adeyemi", P),
        ("Pip Goes North", W),
        ("Hollow Acre", W),
        ("Picturedrome", O),
        ("Salt and Iron", W),
        ("United States", L),
        ("Brightline Pictures", O),
        ("Sam Okoro", P),
        ("Ruth Fenn", P),
    ],
}


def label_doc(name, entries):
    text = open(os.path.join(HERE, name), encoding="utf-8").read()
    taken = []  # (start, end)
    out = []
    for surface, decision in sorted(entries, key=lambda e: -len(e[0])):
        pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
        occ = [m for m in pat.finditer(text)
               if not any(m.start() < e and s < m.end() for s, e in taken)]
        assert occ, (name, surface, "no free occurrence")
        kinds = decision if isinstance(decision, list) else [decision] * len(occ)
        assert len(kinds) == len(occ), (name, surface, len(occ), len(kinds))
        for m, k in zip(occ, kinds):
            if k is None:
                continue
            taken.append((m.start(), m.end()))
            out.append({"doc": name, "start": m.start(), "end": m.end(),
                        "text": m.group(0), "kind": k})
    out.sort(key=lambda r: r["start"])
    return out


def main():
    rows = []
    for name in sorted(ENTRIES):
        rows.extend(label_doc(name, ENTRIES[name]))
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "labels written")


if __name__ == "__main__":
    main()
