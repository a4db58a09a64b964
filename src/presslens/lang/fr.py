"""French: every field English has, with French words.

Every stage reads French through these lists: spaCy's fr_core_news_sm for named entities (PER, ORG, LOC), the
quote rules (French has no trained tagger: guillemets, "a déclaré que", "selon X", the inverted incise
"a-t-elle ajouté", colon quotes), speakers and roles ("la préfète" -> the person the article gives that title),
and facts ("12 000", "3,5 millions d'euros", "près de", "quelque"). A word ending in an apostrophe is elided
("l'", "qu'"): the stages write it with no space after it.
"""

from __future__ import annotations

from .language import KindCues, Language
from .sentences import SentenceRule

__all__ = ["LANGUAGE"]

_CAPITALS = "A-ZÀÂÄÆÇÉÈÊËÎÏÔŒÙÛÜŸ"
# French sets a space inside guillemets: « Oui », a-t-il dit.
QUOTE_SENTENCE = SentenceRule(ends=".!?…", closers="\"”’'»", openers=f"{_CAPITALS}\"“«", mark_in_break=True)
FACT_SENTENCE = SentenceRule(ends=".!?…", closers="\"”’»", openers=f"\"“‘«{_CAPITALS}0-9£$€", mark_in_break=False)

_COMPARISON_STOP_WORDS = (
    "le la les l un une des de du d et ou mais donc or ni car a à au aux en dans sur sous pour par avec sans "
    "chez entre vers ce cet cette ces c ça cela ceci il elle ils elles on nous vous je j tu me m te t se s lui "
    "leur leurs eux son sa ses mon ma mes ton ta tes notre nos votre vos qui que qu quoi dont où ne n pas plus "
    "moins très aussi si y est sont était étaient été être ont avait avoir fait comme tout tous toute toutes "
    "dit déclaré selon environ quelque près presque quasiment autour approximativement"
)
COMPARISON_STOP_WORDS = frozenset(_COMPARISON_STOP_WORDS.split())

# Reporting verbs: the present (third person) and the past participle of each, as journalists use them. A
# compound cue is an auxiliary and a participle ("a déclaré"); the present takes an inverted pronoun in an
# incise ("ajoute-t-il"), and so does the auxiliary ("a-t-elle ajouté").
_VERBS = (  # (present, participle); no present where it is mostly a noun or an adjective ("la note")
    ("affirme", "affirmé"), ("déclare", "déclaré"), ("dit", "dit"), ("ajoute", "ajouté"), ("explique", "expliqué"),
    ("indique", "indiqué"), ("précise", "précisé"), ("estime", "estimé"), ("souligne", "souligné"),
    ("assure", "assuré"), ("annonce", "annoncé"), ("confie", "confié"), ("répond", "répondu"), ("écrit", "écrit"),
    ("avertit", "averti"), ("reconnaît", "reconnu"), ("reconnait", "reconnu"), ("rappelle", "rappelé"),
    ("prévient", "prévenu"), ("lance", "lancé"), ("raconte", "raconté"), ("insiste", "insisté"),
    ("martèle", "martelé"), ("dénonce", "dénoncé"), ("regrette", "regretté"), ("juge", "jugé"),
    ("promet", "promis"), ("confirme", "confirmé"), ("dément", "démenti"), ("admet", "admis"),
    ("nuance", "nuancé"), ("salue", "salué"), ("résume", "résumé"), ("poursuit", "poursuivi"),
    ("conclut", "conclu"), ("témoigne", "témoigné"), ("tranche", "tranché"), ("déplore", "déploré"),
    ("réagit", "réagi"), ("commente", "commenté"), ("relève", "relevé"), ("observe", "observé"),
    ("", "noté"), ("constate", "constaté"), ("glisse", "glissé"), ("lâche", "lâché"), ("proteste", "protesté"),
    ("réplique", "répliqué"), ("rétorque", "rétorqué"), ("plaide", "plaidé"), ("alerte", "alerté"),
    ("garantit", "garanti"), ("concède", "concédé"), ("avoue", "avoué"), ("signale", "signalé"),
    ("détaille", "détaillé"), ("justifie", "justifié"), ("soutient", "soutenu"), ("réclame", "réclamé"),
    ("demande", "demandé"), ("exige", "exigé"), ("craint", "craint"), ("redoute", "redouté"), ("accuse", "accusé"),
    ("reproche", "reproché"), ("calcule", "calculé"), ("ironise", "ironisé"), ("remercie", "remercié"),
    ("qualifie", "qualifié"), ("révèle", "révélé"), ("critique", "critiqué"), ("fustige", "fustigé"),
    ("espère", "espéré"), ("souhaite", "souhaité"), ("considère", "considéré"), ("pense", "pensé"),
    ("croit", "cru"), ("répète", "répété"), ("réaffirme", "réaffirmé"), ("évoque", "évoqué"),
    ("décrit", "décrit"), ("jure", "juré"), ("abonde", "abondé"), ("renchérit", "renchéri"),
    ("objecte", "objecté"), ("tempère", "tempéré"),
    ("enchaîne", "enchaîné"), ("sourit", "souri"), ("plaisante", "plaisanté"), ("tonne", "tonné"),
    ("fait valoir", "fait valoir"), ("fait savoir", "fait savoir"), ("met en garde", "mis en garde"),
)
# Pronominal cues: "s'alarme-t-elle", "s'est dit", "se dit".
_REFLEXIVE = (
    ("dit", "dit(?:e|s|es)?"), ("alarme", "alarmée?s?"), ("emporte", "emportée?s?"), ("amuse", "amusée?s?"),
    ("inquiète", "inquiétée?s?"), ("indigne", "indignée?s?"), ("étonne", "étonnée?s?"),
    ("interroge", "interrogée?s?"), ("félicite", "félicitée?s?"), ("engage", "engagée?s?"),
    ("réjouit", "réjouie?s?"), ("insurge", "insurgée?s?"), ("agace", "agacée?s?"), ("défend", "défendue?s?"),
    ("montre", "montrée?s?"), ("exclame", "exclamée?s?"), ("souvient", "souvenue?s?"),
)
PRESENT_VERBS = tuple(present for present, _ in _VERBS if present)
PARTICIPLES = tuple(dict.fromkeys(participle for _, participle in _VERBS))
AUXILIARIES = ("a", "avait", "ont", "avaient", "aurait", "auraient")
_BY_LENGTH = {"key": len, "reverse": True}  # longest first: "reconnaît" before "reconnaît-il", "dit" last
_PRESENT = "|".join(sorted(PRESENT_VERBS, **_BY_LENGTH))
_PARTICIPLE = "|".join(sorted(PARTICIPLES, **_BY_LENGTH))
_REFLEXIVE_PRESENT = "|".join(sorted((p for p, _ in _REFLEXIVE), **_BY_LENGTH))
_REFLEXIVE_PARTICIPLE = "|".join(p for _, p in _REFLEXIVE)
REPORTING_VERBS = (
    rf"(?:{'|'.join(AUXILIARIES)})\s+(?:{_PARTICIPLE})",
    rf"s['’](?:est|était|sont|étaient)\s+(?:{_REFLEXIVE_PARTICIPLE})",
    rf"(?:se\s+|s['’])(?:{_REFLEXIVE_PRESENT})",
    _PRESENT,
)
# The verbs an incise inverts: any present of the lists above, and any verb in an incise after a quote
# ("sourit-elle", "s'agace-t-il"), which the stage tells by its place, with the clitic pronoun.
INVERTED_CUES = (rf"(?:s['’])?(?:{_REFLEXIVE_PRESENT}|{_PRESENT})", r"(?:s['’])?[a-zàâäçéèêëîïôöûùüÿœ]{3,}")
SPEECH_VERBS = ("a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a répondu", "a écrit", "déclare",
                "affirme", "explique", "ajoute", "estime", "assure", "souligne", "précise", "indique", "raconte")
CHANNELS = {
    "lettre": "letter", "communiqué": "statement", "déclaration": "statement", "entretien": "interview",
    "interview": "interview", "tweet": "tweet", "tweeté": "tweet", "twitter": "tweet",
    "communiqué de presse": "press release", "courriel": "email", "e-mail": "email", "mail": "email",
    "discours": "speech", "blog": "blog post", "tribune": "op-ed", "pétition": "petition", "note": "memo",
    "podcast": "podcast", "vidéo": "video", "publication": "post", "facebook": "post", "instagram": "post",
    "conférence de presse": "press conference", "rapport": "report",
}
# Words between a cue and what it reports: "a dénoncé pour sa part une décision", "a confirmé jeudi que".
CUE_FILLERS = (
    "aussi", "également", "encore", "toutefois", "cependant", "néanmoins", "pourtant", "ainsi", "enfin", "désormais",
    "déjà", "pour sa part", "pour leur part", "de son côté", "de leur côté", "en contrepartie", "en retour",
    "quant à (?:lui|elle|eux)", "lui-même", "elle-même", "aujourd'hui", "hier", "dimanche soir", "matin", "soir",
    "après-midi", "dernier", "dernière", "par ailleurs", "en outre", "d'emblée", "volontiers", "sobrement",
    "d['’](?:elle|lui|eux)",
)
BRIEF_WORDS = {
    "story_line": "Sujet `{story}` · {dates} · {articles} articles de {outlets} médias",
    "dates": "du {first} au {last}", "undated": "sans date", "untitled": "(sans titre)",
    "copy_of": " (quasi-copie de `{id}`)", "outlets": "Médias", "people": "Personnes et qui les cite",
    "people_header": "| personne | rôles selon le média | cité par |",
    "voices": "Même organisation, voix différentes", "voice": "{outlet} cite {people}", "spelt": "Graphies",
    "same_quotes": "La même citation d'un média à l'autre", "unattributed": "sans auteur",
    "group": "**{speaker}**, dans {outlets} :", "quoted": "« {text} »", "reference": " (référence)",
    "cut": "coupé « {text} »", "added": "ajouté « {text} »", "replaced": "« {a} » → « {b} »",
    "verbatim": "mot pour mot", "trimmed": "raccourcie", "altered": "modifiée", "paraphrase": "paraphrasée",
    "speaker_conflicts": "Mêmes mots, auteurs différents",
    "speaker_conflict": "{a} attribue « {text} » à **{speaker_a}** ; {b} l'attribue à **{speaker_b}**",
    "facts": "Faits et chiffres d'un média à l'autre", "facts_header": "| sujet | statut | selon le média |",
    "conflict": "**contradiction**", "differs": "diffère", "agree": "concorde", "unique": "Dans un seul média",
    "role_of": "rôle de {name}",
    # what a fact measures, where no noun says what it counts
    "dimension_count": "nombre", "dimension_money": "somme", "dimension_length": "longueur",
    "dimension_duration": "durée", "dimension_age": "âge", "dimension_percent": "part", "dimension_weight": "masse",
    "dimension_volume": "volume", "dimension_speed": "vitesse", "dimension_episodes": "épisodes",
    "dimension_storeys": "étages", "dimension_year": "année",
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
EARLIER_MARKERS = (
    "précédemment", "auparavant", "plus tôt", "déjà", "la semaine dernière", "le mois dernier",
    "l'an dernier", "l'année dernière", "avait (?:dit|déclaré|affirmé|confié|qualifié)", "à l'époque",
    rf"en (?:{'|'.join(MONTHS)}|\d{{4}})",
)
EVENT_NOUNS = (
    "conférence de presse", "conférence", "meeting", "sommet", "audience", "festival", "réunion", "débat",
    "point presse", "entretien", "interview", "podcast", "commission", "table ronde", "lancement", "projection",
    "congrès", "assemblée", "forum", "cérémonie", "rassemblement", "colloque", "discours", "événement",
)

HONORIFICS = frozenset({"m", "mme", "mlle", "mmes", "mm", "me", "dr", "pr", "docteur", "professeur", "monsieur",
                        "madame", "mademoiselle", "maître", "monseigneur", "mgr", "père", "sœur", "soeur"})
ROLE_WORDS = (
    "directeur", "directrice", "président(?:e)?", "vice-président(?:e)?", "porte-parole", "ministre",
    "secrétaire", "maire", "sénat(?:eur|rice)", "député(?:e)?", "préfète?", "fondat(?:eur|rice)", "chef(?:fe)?",
    "responsable", "dirigeant(?:e)?", "patron(?:ne)?", "pdg", "gérant(?:e)?", "avocat(?:e)?", "professeur(?:e)?",
    "expert(?:e)?", "juge", "conseill(?:er|ère)", "adjoint(?:e)?", "militant(?:e)?", "cherch(?:eur|euse)",
    "médecin", "infirmi(?:er|ère)", "étudiant(?:e)?", "habitant(?:e)?", "ingénieur(?:e)?", "commissaire",
    "ambassad(?:eur|rice)", "candidat(?:e)?", "gouverneur", "délégué(?:e)?", "rédact(?:eur|rice)",
    "journaliste", "auteur(?:e)?", "écrivain(?:e)?", "réalisat(?:eur|rice)", "product(?:eur|rice)",
    "acteur", "actrice", "économiste", "syndicaliste", "élu(?:e)?", "membre", "coordinat(?:eur|rice)",
    "sage-femme", "procureure?", "magistrate?", "parlementaire", "colonel", "capitaine", "commandant(?:e)?",
    "lieutenant(?:e)?", "pêcheu(?:r|se)", "ostréicult(?:eur|rice)", "agricult(?:eur|rice)", "commerçant(?:e)?",
    "artisan(?:e)?", "enseignant(?:e)?", "pompier", "gendarme", "polici(?:er|ère)", "historien(?:ne)?",
    "sociologue", "représentant(?:e)?", "riverain(?:e)?", "propriétaire", "comédien(?:ne)?", "romanci(?:er|ère)",
    "peintre", "conservat(?:eur|rice)", "restaurat(?:eur|rice)", "administrat(?:eur|rice)", "trésori(?:er|ère)",
    "fonctionnaire", "salarié(?:e)?", "ouvri(?:er|ère)", "employé(?:e)?", "sous-préfète?", "édile",
)
GROUP_NOUNS = (
    "organisation", "groupe", "entreprise", "société", "centre", "association", "fondation", "syndicat",
    "institut", "ministère", "conseil", "agence", "réseau", "club", "service", "studio", "département",
    "mairie", "collectif", "ong", "éditions", "compagnie", "firme", "cabinet", "enseigne", "coopérative",
    "mutuelle", "banque", "journal", "quotidien", "hebdomadaire", "magazine", "radio", "chaîne", "préfecture",
    "comité", "commission", "production", "direction", "musée", "fédération", "union",
)
NOT_NAME_WORDS = frozenset({
    "mairie", "conseil", "agence", "hôpital", "université", "école", "lycée", "collège", "club", "ville",
    "société", "groupe", "centre", "rue", "avenue", "boulevard", "place", "fleuve", "rivière", "vallée", "port",
    "parc", "maison", "bureau", "parti", "cour", "tribunal", "police", "gendarmerie", "préfecture", "journal",
    "ministère", "fc", "sa", "sas", "sarl", "soir", "matin", "dépêche", "écho", "courrier", "gazette", "presse",
    "quotidien", "hebdo", "républicain", "logistique", "industries", "services", "transports", "films",
    "productions", "éditions", "immobilier", "énergie", "technologies", "solutions", "systèmes", "distribution",
    "construction", "travaux", "autocars", "assurances", "banque", "musée", "théâtre", "festival", "région",
})
# Names of organisations open with one of these, capitalised, and go on in lower case ("Centre hospitalier de
# Valcourt", "Agence régionale de santé", "Comité local des pêches").
ORGANISATION_HEADS = (
    "Centre", "Agence", "Comité", "Conseil", "Institut", "Association", "Fondation", "Syndicat", "Musée", "Région",
    "Préfecture", "Mairie", "Ministère", "Université", "Hôpital", "Office", "Commission", "Chambre", "Fédération",
    "Union", "Confédération", "Collectif", "Caisse", "Banque", "Tribunal", "Cour", "Théâtre", "Bibliothèque",
    "Direction", "Observatoire", "Établissement", "Communauté", "Parc", "Conservatoire", "Académie", "Ligue",
    "Mutuelle", "Société", "Compagnie", "Groupe", "Parti", "Mouvement", "Orchestre", "Service", "Radio",
)
# A place's name may open with its kind in lower case: "zone portuaire des Salines", "quai Jean-Bart".
PLACE_NOUNS = (
    "zone", "quai", "plage", "rue", "avenue", "boulevard", "place", "allée", "impasse", "chemin", "pont", "col",
    "gorges?", "mont", "pointe", "cap", "anse", "baie", "île", "lac", "étang", "forêt", "bois", "pic",
    "plateau", "vallon", "square", "esplanade", "parvis", "cours", "promenade", "lieu-dit", "hameau", "quartier",
    "cité", "massif", "dune", "falaise", "presqu'île", "rond-point", "passage",
)
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl", "sca", "snc", "groupe", "holding", "compagnie", "cie",
                         "société", "fondation", "studios", "médias", "films"})
REFERENCE_NOUNS = (
    "centre", "conseil", "agence", "société", "club", "fondation", "institut", "association", "syndicat",
    "commission", "comité", "ministère", "groupe", "réseau", "mairie", "préfecture", "entreprise",
)
ORGANISATION_CONTEXT = (
    "patrons?", "dirigeants?", "porte-parole", "actions", "abonnés", "utilisateurs", "salariés", "employés",
    "série", "émission", "film", "plateforme", "application", "site", "a annoncé", "a démenti", "a publié",
    "a lancé", "a produit", "a licencié", "a racheté", "a recruté", "a refusé", "a présenté ses excuses",
)
KIND_CUES = {
    "place": KindCues(
        before=(r"(?:habitants|habitantes|maire|rues|centre|environs|abords) (?:de|d['’]|du)",
                r"(?:commune|ville|village|bourg|région|département|port) (?:de|d['’])",
                r"(?:basée?s?|installée?s?|née?|domiciliée?|située?) (?:à|en)", r"près (?:de|d['’])")),
    "person": KindCues(strong_after=(r",\s*\d{1,3}\s*ans\b",)),
}
WORK_NOUNS = (
    "série", "émission", "feuilleton", "film", "téléfilm", "documentaire", "livre", "roman", "podcast", "pièce",
    "album", "spectacle", "comédie", "thriller", "mini-série", "docusérie", "programme",
)

NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
    "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "soixante-dix": 70, "quatre-vingts": 80, "quatre-vingt": 80, "quatre-vingt-dix": 90, "cent": 100,
    "une centaine": 100, "une douzaine": 12, "douzaine": 12,
}
# Longest first where one word starts another ("quatre-vingt-dix" before "quatre").
NUMBER_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
SCALES = {"milliards": 1e9, "milliard": 1e9, "millions": 1e6, "million": 1e6, "mille": 1e3, "mds": 1e9,
          "md": 1e9, "m": 1e6, "k": 1e3}
UNITS = {
    "mm": ("length", 0.001), "millimètre": ("length", 0.001), "cm": ("length", 0.01),
    "centimètre": ("length", 0.01), "mètre": ("length", 1.0), "m": ("length", 1.0), "km": ("length", 1000.0),
    "kilomètre": ("length", 1000.0), "minute": ("duration", 1 / 1440), "heure": ("duration", 1 / 24),
    "jour": ("duration", 1.0), "semaine": ("duration", 7.0), "mois": ("duration", 365.25 / 12),
    "an": ("duration", 365.25),
    "année": ("duration", 365.25), "décennie": ("duration", 3652.5), "épisode": ("episodes", 1.0),
    "pour cent": ("percent", 1.0), "%": ("percent", 1.0),
    "tonne": ("weight", 1000.0), "kg": ("weight", 1.0), "kilogramme": ("weight", 1.0), "litre": ("volume", 1.0),
    "étage": ("storeys", 1.0), "km/h": ("speed", 0.62),
}
UNIT_PATTERN = (
    "pour cent", "%", "km/h", "millimètres?", "centimètres?", "mètres?", "kilomètres?", "mm", "cm", "km", "m",
    "minutes?", "heures?", "jours?", "semaines?", "mois", "années?", "ans?", "décennies?", "épisodes?",
    "tonnes?", "kg", "kilogrammes?", "litres?", "étages?",
)
VAGUE_QUANTITIES = {
    "plusieurs milliers de": (2e3, 9999), "des milliers de": (2e3, 99_999), "des centaines de": (200, 999),
    "des dizaines de": (20, 99), "plusieurs": (3, 9), "une poignée de": (2, 6), "quelques": (2, 5),
    "un groupe de": (None, None), "de nombreux": (None, None), "de nombreuses": (None, None),
    "beaucoup de": (None, None),
}
APPROXIMATORS = {
    "environ": "about", "quelque": "about", "autour de": "about", "approximativement": "about",
    "près de": "nearly", "presque": "nearly", "quasiment": "nearly", "plus de": "above", "au moins": "at least",
    "jusqu'à": "up to", "moins de": "below", "pas moins de": "at least", "une": "article", "un": "article",
}
_PEOPLE_NOUNS = (
    "personnes personne gens hommes homme femmes femme militants survivants habitants riverains supporters fans "
    "usagers voyageurs travailleurs salariés employés élèves étudiants enfants figurants investisseurs "
    "représentants signataires membres parents enseignants adultes victimes passagers conducteurs visiteurs "
    "électeurs manifestants policiers médecins infirmiers experts")
PEOPLE_NOUNS = tuple(_PEOPLE_NOUNS.split())
# Words that say the same of a figure in different outlets' wording, each group under its sense.
_SENSES = {
    "blesse": "blessés blessées blessé blessée blessures",
    "mort": "morts mortes mort morte décès décédé décédés tués tuées tué victimes",
    "fonde": "fondé fondée créé créée ouvert ouverte",
    "supprime": "suppressions supprimés licenciements licenciés",
    "evacue": "évacués évacuées évacuation",
    "ferme": "fermé fermée fermeture",
}
FACT_SENSES = {word: sense for sense, group in _SENSES.items() for word in group.split()}
NOT_NOUNS = frozenset({
    "de", "du", "des", "d", "le", "la", "les", "l", "un", "une", "et", "ou", "à", "au", "aux", "en", "sur", "pour",
    "par", "avec", "qui", "que", "dont", "a", "ont", "était", "étaient", "est", "sont", "sera", "seront", "après",
    "avant", "depuis", "comme", "il", "elle", "leur", "leurs", "son", "sa", "ses", "dit", "selon",
    "plus", "moins", "près", "environ", "quelque", "presque", "ne", "pas", "se", "s", "y", "ce", "cette", "ces",
    "mais", "où", "donc", "car", "été", "être", "avoir", "aussi", "très", "déjà", "encore", "ils", "elles", "on",
    "nous", "vous", "lui", "eux", "chaque", "tous", "toutes", "dans", "sous", "vers", "chez", "entre",
})
COUNT_VERBS = ("s'élève à", "s'élevait à", "est de", "était de", "atteint", "a atteint", "est passé à",
               "a grimpé à", "a chuté à")


def singular(word: str) -> str:
    """A French noun's singular by its ending ("chevaux" -> "cheval", "habitants" -> "habitant")."""
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us")) and len(word) > 3:
        return word[:-1]
    return word


LANGUAGE = Language(
    code="fr",
    name="French",
    spacy_model="fr_core_news_sm",  # Explosion's fr_core_news_sm 3.8.0 (UD French Sequoia, WikiNER)
    spacy_stop_words="fr",
    stemmer="french",
    quote_tagger=False,
    # MISC (works, events, nationalities, ...) is no kind: a work is one when the rules find its title.
    entity_labels={"PER": "person", "ORG": "organisation", "LOC": "place"},
    quote_sentence=QUOTE_SENTENCE,
    fact_sentence=FACT_SENTENCE,
    opening_quotes="«\"“„‟",
    closing_quotes="»\"”‟“",
    comparison_stop_words=COMPARISON_STOP_WORDS,
    spelling_variants={},
    spelling_rules=(),
    possessive_endings=(),
    capitals=_CAPITALS,
    quote_inner_space=True,
    articles=("le", "la", "les", "l'", "un", "une", "des"),
    possessive_determiners=("son", "sa", "ses", "leur", "leurs"),
    definite_articles=("le", "la", "les", "l'"),
    indefinite_articles=("une", "un"),
    complementisers=("que", "qu'"),
    name_particles=("de", "du", "des", "la", "le", "les", "et"),
    acronym_particles=("de", "du", "des", "d'", "la", "le", "les", "et", "&", "pour", "en", "à"),
    organisation_particles=("de", "du", "des", "d'", "la", "le", "les", "et", "pour"),
    subject_pronouns=("il", "elle", "ils", "elles", "Il", "Elle", "Ils", "Elles", "je", "Je", "nous", "Nous", "on",
                      "On"),
    personal_pronouns=frozenset({"il", "elle", "lui"}),
    relative_pronouns=frozenset({"qui", "que", "lequel", "laquelle"}),
    possessive_relatives=("dont",),
    group_pronouns=frozenset({"ils", "elles", "nous", "on", "je", "vous", "eux"}),
    plural_pronouns=frozenset({"ils", "elles", "nous"}),
    speaker_pronouns=frozenset({"il", "elle", "ils", "elles", "on", "nous", "je", "vous", "qui", "que", "lui",
                                "eux"}),
    title_speakers=True,
    reporting_verbs=REPORTING_VERBS,
    inverted_cues=INVERTED_CUES,
    auxiliaries=AUXILIARIES,
    addressee_words=frozenset({"à", "au", "aux", "exhorté", "demandé", "prié", "interpellé", "écrit"}),
    passive_auxiliaries=("est", "sont", "était", "étaient", "a été", "ont été", "sera", "seront", "serait"),
    participles=PARTICIPLES,
    clitic_pronouns=("il", "elle", "ils", "elles", "on"),
    cue_fillers=CUE_FILLERS,
    coordinators=("et", "mais", "puis"),
    according_to=("selon", "d'après"),
    according_to_initial=("pour",),
    speech_verbs=SPEECH_VERBS,
    apposition_verbs=("a déclaré", "a dit", "a affirmé", "a ajouté", "déclare", "dit"),
    channels=CHANNELS,
    earlier_markers=EARLIER_MARKERS,
    repeat_markers=(r"répét(?:ant|é|ait|e) (?:la|sa|cette) (?:phrase|formule)",
                    r"reprenant (?:la|sa) (?:phrase|formule)", "à nouveau", "de nouveau"),
    event_prepositions=("lors d[eu']", "à", "au", "pendant", "devant", "durant"),
    event_determiners=("une?", "la", "le", "l'", "les", "cette", "ce"),
    event_nouns=EVENT_NOUNS,
    honorifics=HONORIFICS,
    role_words=ROLE_WORDS,
    role_lead_words=frozenset({"le", "la", "les", "l", "un", "une", "par", "et", "a", "dit", "déclaré", "à",
                               "avec"}),
    group_nouns=GROUP_NOUNS,
    not_name_words=NOT_NAME_WORDS,
    sentence_case_names=True,
    organisation_heads=ORGANISATION_HEADS,
    place_nouns=PLACE_NOUNS,
    legal_forms=LEGAL_FORMS,
    reference_modifiers=(),  # French puts them after the noun: "le conseil municipal"
    reference_nouns=REFERENCE_NOUNS,
    organisation_context=ORGANISATION_CONTEXT,
    work_nouns=WORK_NOUNS,
    complement_prepositions=("de", "du", "des", "à", "au", "aux", "en", "pour", "avec"),
    outlet_words=frozenset({"monde", "figaro", "soir", "matin", "depeche", "courrier", "republicain", "liberation",
                            "echo", "journal", "presse", "gazette", "progres", "provence", "parisien"}),
    kind_cues=KIND_CUES,
    title_small_words=("de", "du", "des", "la", "le", "les", "et", "à", "au", "en", "d['’]", "l['’]"),
    work_description_links=("sur", "qui", "dont", "adaptée?", "tournée?", "réalisée?", "avec", "de"),
    described_title_nouns=("film", "livre", "roman", "série", "documentaire", "album"),
    bare_title_nouns=(),
    title_verbs=("intitulée?", "baptisée?", "nommée?", "appelée?"),
    decimal_mark=",",
    thousands_separators="\u00a0\u202f ",
    default_currency="€",
    number_words=NUMBER_WORDS,
    number_pattern=NUMBER_PATTERN,
    scales=SCALES,
    units=UNITS,
    unit_pattern=UNIT_PATTERN,
    unit_spellings=(),
    currencies={"€": "EUR", "$": "USD", "£": "GBP", "us$": "USD"},
    currency_nouns=frozenset({"euro", "dollar", "livre"}),
    money_words=("prix", "coût", "coûte", "coûté", "montant", "payé", "payer", "frais", "dettes?", "facture",
                 "somme", "financement", "budget", "déficit", "aide", "subvention", "indemnité", "enveloppe",
                 "fonds", "chiffre d'affaires", "investissement", "dotation", "recettes?"),
    vague_quantities=VAGUE_QUANTITIES,
    people_only_vague=frozenset({"plusieurs"}),
    approximators=APPROXIMATORS,
    conjunctions=("et",),
    people_nouns=PEOPLE_NOUNS,
    people_lemmas=frozenset({"gens"}),
    series_nouns=frozenset({"série", "feuilleton", "émission", "programme", "film", "documentaire", "saison",
                            "téléfilm", "comédie", "thriller"}),
    not_nouns=NOT_NOUNS,
    rate_words=("chaque", "tous les", "toutes les"),
    per_period_words=("par",),
    time_determiners=(),
    time_nouns=(),
    offset_words=("plus tard", "plus tôt", "auparavant"),
    offset_links=("après", "avant"),
    times_of_day=(r"\b(?:à|vers|dès|avant|après|jusqu'à)\s+\d{1,2}\s*(?:h|heures?)\b",
                  r"\b\d{1,2}\s*(?:h|heures?)\s+(?:du\s+matin|du\s+soir|de\s+l['’]après-midi|de\s+la\s+nuit)\b"),
    age_units=("ans",),
    age_words=("âgé de", "âgée de", "âgés de", "âgées de"),
    age_decades={"vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
                 "septantaine": 70, "huitantaine": 80},
    age_decade_leads=("la", "d'une", "d’une"),
    frequency_words=("fois",),
    approximate_suffixes=("environ",),
    half_suffixes=("et demi", "et demie"),
    past_openers=("en",),
    past_links=("quand", "lorsque", "où"),
    generic_people=("personne",),
    fractions={"la moitié": 50.0, "un tiers": 100 / 3, "deux tiers": 200 / 3, "un quart": 25.0,
               "trois quarts": 75.0, "un cinquième": 20.0, "un dixième": 10.0},
    fraction_links=("de", "des", "du", "d'", "d’"),
    fraction_leads=("de",),
    level_verbs=("atteint", "s'élève à", "s’élève à", "s'élevait à", "s’élevait à", "est passé à", "a grimpé à",
                 "a chuté à", "est monté à"),
    count_synonyms=(frozenset({"emploi", "poste"}), frozenset({"salarié", "employé", "travailleur", "effectif"}),
                    frozenset({"foyer", "famille", "ménage", "logement", "maison"}), frozenset({"client", "acheteur"})),
    start_prepositions=("depuis",),
    ago_words=(),
    change_markers=("supplémentaires", "supplémentaire", "une hausse de", "une baisse de", "une augmentation de"),
    former_markers=("initial", "initiale", "initialement", "à l'origine", "à l’origine", "au départ", "précédent",
                    "précédente"),
    facts_in_quotes=False,
    day_month_dates=True,
    counted_out_of_context=True,
    fact_senses=FACT_SENSES,
    count_nouns=("nombre", "total", "bilan", "décompte"),
    partitive="de",
    partitive_forms=("de", "du", "des", "d'"),
    count_verbs=COUNT_VERBS,
    year_prepositions=("en", "depuis", "dès", "jusqu'en", "avant", "après"),
    decade_parts=("début", "fin", "milieu", "mi-"),
    singular=singular,
    weekdays=WEEKDAYS,
    months=MONTHS,
    brief_words=BRIEF_WORDS,
)
