"""French: every field English has, with French words.

Today only the stories stage reads French (spaCy's French stop words, the French Snowball stemmer):
there is no French spaCy model (no named entities), the quote rules, entities and compare stages take no
language yet and run English, so these lists wait for the stages to pass French on. Lists written for
English grammar (the quote and fact patterns) may need more than new words: French puts the pronoun after
the verb ("a-t-il ajouté") and writes "4 000" and "12,5".
"""

from __future__ import annotations

from .language import Language
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
    "dit déclaré selon"
)
COMPARISON_STOP_WORDS = frozenset(_COMPARISON_STOP_WORDS.split())

REPORTING_VERBS = (
    "a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a indiqué", "a précisé", "a estimé",
    "a souligné", "a assuré", "a annoncé", "a confié", "a répondu", "a écrit", "a averti", "a reconnu",
    "a rappelé", "déclare", "dit", "affirme", "ajoute", "explique", "indique", "précise", "estime", "souligne",
    "assure", "annonce", "confie", "répond", "écrit",
)
SPEECH_VERBS = ("a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a répondu", "a écrit")
CHANNELS = {
    "lettre": "letter", "communiqué": "statement", "déclaration": "statement", "entretien": "interview",
    "interview": "interview", "tweet": "tweet", "tweeté": "tweet", "twitter": "tweet",
    "communiqué de presse": "press release", "courriel": "email", "e-mail": "email", "mail": "email",
    "discours": "speech", "blog": "blog post", "tribune": "op-ed", "pétition": "petition", "note": "memo",
    "podcast": "podcast", "vidéo": "video", "publication": "post", "facebook": "post", "instagram": "post",
    "conférence de presse": "press conference", "rapport": "report",
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
)
GROUP_NOUNS = (
    "organisation", "groupe", "entreprise", "société", "centre", "association", "fondation", "syndicat",
    "institut", "ministère", "conseil", "agence", "réseau", "club", "service", "studio", "département",
    "mairie", "collectif", "ong",
)
NOT_NAME_WORDS = frozenset({
    "mairie", "conseil", "agence", "hôpital", "université", "école", "lycée", "collège", "club", "ville",
    "société", "groupe", "centre", "rue", "avenue", "boulevard", "place", "fleuve", "rivière", "vallée", "port",
    "parc", "maison", "bureau", "parti", "cour", "tribunal", "police", "gendarmerie", "préfecture", "journal",
    "ministère", "fc", "sa", "sas", "sarl",
})
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
    "jour": ("duration", 1.0), "semaine": ("duration", 7.0), "mois": ("duration", 30.0), "an": ("duration", 365.0),
    "année": ("duration", 365.0), "décennie": ("duration", 3652.0), "épisode": ("episodes", 1.0),
    "partie": ("episodes", 1.0), "pour cent": ("percent", 1.0), "%": ("percent", 1.0),
    "tonne": ("weight", 1000.0), "kg": ("weight", 1.0), "kilogramme": ("weight", 1.0), "litre": ("volume", 1.0),
    "étage": ("storeys", 1.0), "km/h": ("speed", 0.62),
}
UNIT_PATTERN = (
    "pour cent", "%", "km/h", "millimètres?", "centimètres?", "mètres?", "kilomètres?", "mm", "cm", "km", "m",
    "minutes?", "heures?", "jours?", "semaines?", "mois", "années?", "ans?", "décennies?", "épisodes?", "parties?",
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
    "jusqu'à": "below", "moins de": "below", "pas moins de": "at least", "une": "article", "un": "article",
}
_PEOPLE_NOUNS = (
    "personnes personne gens hommes homme femmes femme militants survivants habitants riverains supporters fans "
    "usagers voyageurs travailleurs salariés employés élèves étudiants enfants figurants investisseurs "
    "représentants signataires membres parents enseignants adultes victimes passagers conducteurs visiteurs "
    "électeurs manifestants policiers médecins infirmiers experts")
PEOPLE_NOUNS = tuple(_PEOPLE_NOUNS.split())
NOT_NOUNS = frozenset({
    "de", "du", "des", "d", "le", "la", "les", "l", "un", "une", "et", "ou", "à", "au", "aux", "en", "sur", "pour",
    "par", "avec", "qui", "que", "dont", "a", "ont", "était", "étaient", "est", "sont", "sera", "seront", "après",
    "avant", "depuis", "comme", "il", "elle", "leur", "leurs", "son", "sa", "ses", "dit", "selon",
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
    spacy_model=None,  # no French pipeline is pinned: French articles get no named entities
    spacy_stop_words="fr",
    stemmer="french",
    quote_tagger=False,
    entity_labels={"PER": "person", "ORG": "organisation", "LOC": "place"},
    quote_sentence=QUOTE_SENTENCE,
    fact_sentence=FACT_SENTENCE,
    opening_quotes="«\"“„‟",
    closing_quotes="»\"”‟“",
    comparison_stop_words=COMPARISON_STOP_WORDS,
    spelling_variants={},
    spelling_rules=(),
    possessive_endings=(),
    articles=("le", "la", "les", "un", "une", "des"),
    definite_articles=("le", "la", "les"),
    complementisers=("que",),
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
    reporting_verbs=REPORTING_VERBS,
    according_to=("selon", "d'après"),
    speech_verbs=SPEECH_VERBS,
    apposition_verbs=("a déclaré", "a dit", "a affirmé", "a ajouté", "déclare", "dit"),
    channels=CHANNELS,
    earlier_markers=EARLIER_MARKERS,
    event_prepositions=("lors d[eu']", "à", "au", "pendant", "devant", "durant"),
    event_determiners=("une?", "la", "le", "l'", "les", "cette", "ce"),
    event_nouns=EVENT_NOUNS,
    honorifics=HONORIFICS,
    role_words=ROLE_WORDS,
    role_lead_words=frozenset({"le", "la", "les", "l", "un", "une", "par", "et", "a", "dit", "déclaré", "à",
                               "avec"}),
    group_nouns=GROUP_NOUNS,
    not_name_words=NOT_NAME_WORDS,
    legal_forms=LEGAL_FORMS,
    reference_modifiers=(),  # French puts them after the noun: "le conseil municipal"
    reference_nouns=REFERENCE_NOUNS,
    organisation_context=ORGANISATION_CONTEXT,
    work_nouns=WORK_NOUNS,
    title_verbs=("intitulée?", "baptisée?", "nommée?", "appelée?"),
    number_words=NUMBER_WORDS,
    number_pattern=NUMBER_PATTERN,
    scales=SCALES,
    units=UNITS,
    unit_pattern=UNIT_PATTERN,
    unit_spellings=(),
    currencies={"€": "EUR", "$": "USD", "£": "GBP", "us$": "USD"},
    currency_nouns=frozenset({"euro", "dollar", "livre"}),
    money_words=("prix", "coût", "coûte", "coûté", "montant", "payé", "payer", "frais", "dettes?", "facture",
                 "somme", "financement", "budget"),
    vague_quantities=VAGUE_QUANTITIES,
    people_only_vague=frozenset({"plusieurs"}),
    approximators=APPROXIMATORS,
    people_nouns=PEOPLE_NOUNS,
    people_lemmas=frozenset({"gens"}),
    series_nouns=frozenset({"série", "feuilleton", "émission", "programme", "film", "documentaire", "saison",
                            "téléfilm", "comédie", "thriller"}),
    not_nouns=NOT_NOUNS,
    rate_words=("chaque", "tous les", "toutes les"),
    count_nouns=("nombre", "total", "bilan", "décompte"),
    partitive="de",
    count_verbs=COUNT_VERBS,
    year_prepositions=("en", "depuis", "dès", "jusqu'en", "avant", "après"),
    decade_parts=("début", "fin", "milieu", "mi-"),
    singular=singular,
    weekdays=WEEKDAYS,
    months=MONTHS,
)
