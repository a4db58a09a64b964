"""A synthetic story carried by twelve outlets (one of them a wire copy of another), and a follow-up story a
week later, written as JSONL for the browser tests: one news event, the same quotes in varied wording."""

from __future__ import annotations

import json
from pathlib import Path

OUTLETS = ["Larkfield Herald", "Wire Press", "Valley Tribune", "North Coast Times", "The Morning Post",
           "Riverside Courier", "Hillcrest Gazette", "Evening Standard Review", "Metro Daily", "County Chronicle",
           "Harbourside News", "The Weekly Observer"]
COPY = ("Valley Tribune", "Wire Press")  # the first runs the second's article word for word
DAYS = ["2026-04-02", "2026-04-02", "2026-04-02", "2026-04-03", "2026-04-03", "2026-04-03", "2026-04-03",
        "2026-04-04", "2026-04-04", "2026-04-04", "2026-04-05", "2026-04-05"]
TITLES = ["Kestrel Dam spillway cracks, {n} Larkfield residents evacuated",
          "Larkfield evacuates {n} residents as Kestrel Dam spillway cracks",
          "Crack in Kestrel Dam spillway forces {n} from homes in Larkfield",
          "Kestrel Dam: {n} residents leave Larkfield after spillway crack"]
LEADS = ["Engineers found a crack in the spillway of the Kestrel Dam above Larkfield on Wednesday, and {n} residents "
         "of the valley were evacuated overnight.",
         "About {n} people were moved out of Larkfield on Wednesday night after engineers found a crack in the "
         "Kestrel Dam spillway.",
         "A crack in the spillway of the Kestrel Dam has forced {n} Larkfield residents from their homes, the "
         "regional water authority said on Wednesday."]
COMMISSIONER = ["\"We will not let anyone back into the valley until the engineers tell us the dam is safe,\" "
                "said Mira Castellan, the regional water commissioner.",
                "\"We will not let anyone back into the valley until engineers tell us the dam is safe,\" "
                "Mira Castellan, the regional water commissioner, told reporters.",
                "\"We will not let anyone back until the engineers tell us the dam is safe,\" said Mira Castellan, "
                "the regional water commissioner."]
RESIDENT = ["\"The water was already over the road when the sirens started,\" said Owen Petrakis, a Larkfield "
            "resident who spent the night in the school gym.",
            "\"The water was over the road when the sirens started,\" said Owen Petrakis, who lives in Larkfield."]
ENGINEER = "\"The crack is four metres long and it is growing,\" said Dana Whitlow, an engineer at the authority."
BODY = ["The authority opened the sluice gates to lower the reservoir by two metres.",
        "Schools in Larkfield will stay closed until Friday, and the valley road is shut below the reservoir.",
        "The Kestrel Dam was built in 1958 and was last inspected in 2021, when no fault was found."]
OWN = ["Bakers on Mill Street handed out bread and tea to families queuing for buses at dawn.",
       "Farmers drove their cattle up Quarry Hill while police closed the lanes behind them.",
       "A convoy of army lorries arrived from Brennock with pumps, generators and field kitchens.",
       "Insurers said claims could run into millions if the lower town floods this spring.",
       "The head teacher of St Anne's primary turned the hall into a dormitory for eighty pupils.",
       "Traders at the Saturday market fear a second lost season after last year's storms.",
       "Volunteers from the rowing club ferried elderly neighbours across the swollen brook.",
       "Opposition councillors demanded to see every inspection report written since 2015.",
       "Commuters faced long detours because the railway viaduct below the dam was shut as well.",
       "A hydrologist at Calder University warned that heavy rain forecast for Sunday raises the risk.",
       "The caravan park by the river was emptied within an hour, its owner said, without panic.",
       "Anglers reported dead trout below the spillway days before the crack was found."]
MORE = ["Local radio stayed on air all night, reading out the names of streets to be cleared.",
        "The fire brigade set up a command post in the supermarket car park on Ferry Road.",
        "Some residents refused to leave, saying they had seen warnings like this come to nothing.",
        "A crowdfunding page for displaced families raised twenty thousand pounds by lunchtime.",
        "Drone pictures showed brown water seeping through the concrete below the crest.",
        "The regional minister cut short a trade visit abroad and was due back on Thursday.",
        "Hotels in Brennock offered empty rooms at cost to evacuated families with children.",
        "Church bells rang at midnight, an old signal older residents still recognised.",
        "Engineers from the national dam safety board flew in by helicopter before dawn.",
        "Pharmacies arranged deliveries of prescriptions to the three emergency shelters.",
        "A vet opened her surgery to pets that owners could not take to the shelters.",
        "The football club postponed Saturday's match and offered its stand as a store."]


def article(index: int, outlet: str) -> dict:
    """The ``index``-th outlet's article: the same event, its own wording; one outlet reports another number."""
    n = "1,500" if outlet == "Metro Daily" else "1,200"
    own = [OWN[index], MORE[index], OWN[(index + 5) % 12] if index % 2 else MORE[(index + 7) % 12]]
    paragraphs = [LEADS[index % 3].format(n=n), own[0], COMMISSIONER[index % 3], own[1], BODY[index % 3], own[2]]
    if index % 2 == 0:
        paragraphs.append(RESIDENT[index % 4 // 2])
    if index % 3 == 1:
        paragraphs.append(ENGINEER)
    return {"title": TITLES[index % 4].format(n=n), "outlet": outlet, "date": DAYS[index],
            "url": f"https://{outlet.lower().replace(' ', '')}.example/kestrel-dam", "text": "\n\n".join(paragraphs)}


def follow_up(index: int, outlet: str) -> dict:
    """A week later: the repairs begin (another event, a story of its own, the same people and dam)."""
    text = ("Contractors started rebuilding the spillway on Monday. \"The repairs will take at least six weeks and "
            f"cost four million,\" said Mira Castellan, the regional water commissioner. {OWN[(index + 3) % 12]} "
            "Families from the lower valley returned home at the weekend, and the schools reopened.")
    return {"title": f"Kestrel Dam repairs to cost four million, says Castellan ({outlet})", "outlet": outlet,
            "date": f"2026-05-1{index}",
            "url": f"https://{outlet.lower().replace(' ', '')}.example/kestrel-repairs", "text": text}


def write_corpus(path: Path) -> Path:
    """The JSONL file: twelve outlets' articles on the event (the copy word for word) and three follow-ups."""
    rows = []
    for index, outlet in enumerate(OUTLETS):
        if outlet == COPY[0]:
            rows.append({**article(OUTLETS.index(COPY[1]), COPY[1]), "outlet": outlet, "date": DAYS[index],
                         "url": "https://valleytribune.example/kestrel-dam"})
        else:
            rows.append(article(index, outlet))
    rows += [follow_up(i, outlet) for i, outlet in enumerate(OUTLETS[3:6])]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
