"""Facts and numbers: what is extracted, and how two outlets' statements relate."""

from __future__ import annotations

import pytest

from presslens.compare.facts import extract_facts, related


@pytest.fixture(scope="module")
def tagger():
    from presslens.compare import models
    return models()[1]


def one(source, tagger, **match):
    facts = extract_facts("a", source, tagger)
    found = [f for f in facts if all(getattr(f, k) == v for k, v in match.items())]
    assert len(found) == 1, facts
    return found[0]


def test_extracts_counts_measures_money_and_years(tagger):
    text = ("Inspectors found a 40-centimetre crack on Wednesday. About 12,000 commuters were diverted. "
            "The repair will cost £4.2 million and take at least six weeks. It was last inspected in 2024. "
            "56 campaigners, social-services providers and survivors signed the letter.")
    crack = one(text, tagger, dimension="length")
    assert crack.text == "a 40-centimetre crack" and crack.nouns == ("crack",)
    assert crack.low == pytest.approx(0.388) and crack.high == pytest.approx(0.412)
    commuters = one(text, tagger, dimension="count", noun="commuter")
    assert (commuters.low, commuters.high) == (pytest.approx(11640), pytest.approx(12360))
    money = one(text, tagger, dimension="money:GBP")
    assert money.low == pytest.approx(4.2e6 * 0.97)
    weeks = one(text, tagger, dimension="duration")
    assert (weeks.low, weeks.high) == (42.0, None)
    assert one(text, tagger, dimension="year").low == 2024
    signatories = one(text, tagger, dimension="count", low=pytest.approx(55.5))
    assert {"campaigner", "provider", "survivor"} <= set(signatories.nouns)


def test_spans_point_into_the_text(tagger):
    text = "The eight-part series will be shot in England. Some 190 countries will see it."
    for fact in extract_facts("a", text, tagger):
        assert text[fact.start:fact.end] == fact.text


def test_precise_figures_are_held_to_their_precision(tagger):
    precise = one("The final count of dead fish stood at 4,870.", tagger, dimension="count")
    assert precise.nouns == ("fish",) and precise.text == "4,870"
    assert related(precise, one("More than 5,000 dead fish were counted.", tagger, dimension="count")) == "conflict"
    assert related(one("The plant employs about 240 people.", tagger, dimension="count"),
                   one("The plant employs about 260 people.", tagger, dimension="count")) == "conflict"
    unstated = one("Rourke paid somewhere around twenty million for the club, a fair price.", tagger,
                   dimension="money")  # no currency said: it may be any
    assert related(one("Rourke paid about £21 million for the club.", tagger, dimension="money:GBP"),
                   unstated) == "agree"
    assert related(one("Rourke paid about €20 million for the club.", tagger, dimension="money:EUR"),
                   unstated) == "agree"
    assert related(one("Rourke paid about €20 million for the club.", tagger, dimension="money:EUR"),
                   one("Rourke paid about £21 million for the club.", tagger, dimension="money:GBP")) is None
    assert not [f for f in extract_facts("a", "A ferry runs every 15 minutes.", tagger) if f.dimension == "duration"]


def test_relations(tagger):
    def fact(sentence, **match):
        return one(sentence, tagger, **match)
    cm = fact("Engineers found a 40-centimetre crack in a main girder.", dimension="length")
    assert related(cm, fact("Engineers found a crack of around 40 cm in a girder.", dimension="length")) == "agree"
    assert related(cm, fact("Inspectors found a 4-metre crack in a main girder.", dimension="length")) == "conflict"
    commuters = fact("The closure affects about 12,000 commuters a day.", dimension="count")
    assert related(commuters, fact("The closure affects about 15,000 commuters a day.", dimension="count")) \
        == "conflict"
    vehicles = fact("The bridge carried 31,000 vehicles a day last year.", dimension="count")
    assert related(commuters, vehicles) is None
    group = fact("A group of survivors sent a letter to Netflix executives.", dimension="count")
    signed = fact("56 campaigners and survivors signed the letter to Netflix.", dimension="count")
    assert related(group, signed) == "differs"
    episodes = fact("Streamwell ordered the 10-part series.", dimension="episodes")
    assert related(episodes, fact("Streamwell ordered the eight-episode series.", dimension="episodes")) \
        == "conflict"


def relation_of(a: str, b: str, tagger) -> str | None:
    [fa], [fb] = extract_facts("a", a, tagger), extract_facts("b", b, tagger)
    return related(fa, fb)


def test_as_many_as_and_up_to_mean_the_top_of_the_range(tagger):
    flooded = "homes were flooded after the river burst its banks."
    assert relation_of(f"As many as 450 {flooded}", f"About 300 {flooded}", tagger) == "conflict"
    assert relation_of(f"Up to 450 {flooded}", f"About 420 {flooded}", tagger) == "agree"
    assert relation_of(f"Fewer than 450 {flooded}", f"About 300 {flooded}", tagger) == "differs"  # a bound only


def test_a_bound_that_a_figure_fits_neither_confirms_nor_contradicts_it(tagger):
    filled = "volunteers filled sandbags at the hall on Sunday night."
    assert relation_of(f"More than 60 {filled}", f"At least 50 {filled}", tagger) == "differs"
    assert relation_of(f"About 60 {filled}", f"More than 60 {filled}", tagger) == "differs"
    assert relation_of(f"More than 60 {filled}", f"Over 60 {filled}", tagger) == "agree"  # the same bound
    assert relation_of(f"More than 60 {filled}", f"About 40 {filled}", tagger) == "conflict"
    assert relation_of(f"Up to 70 {filled}", f"About 70 {filled}", tagger) == "agree"  # the top of a range


def test_two_counts_in_one_sentence_are_about_their_own_clauses(tagger):
    died = extract_facts("a", "One person died when a car was swept off the ford, police said.", tagger)
    both = extract_facts("b", "Two people died, according to the council, and six people were injured.", tagger)
    injured = next(f for f in both if f.low == 6)
    assert related(died[0], injured) is None
    assert related(died[0], next(f for f in both if f.low == 2)) == "conflict"


def test_one_person_is_a_count_and_a_lone_one_is_not(tagger):
    assert relation_of("One person died in the crash on the A40.", "Two people died in the crash on the A40.",
                       tagger) == "conflict"
    assert extract_facts("a", "One of the drivers was hurt. No one was arrested.", tagger) == []


def test_a_duration_that_dates_an_event_is_no_length(tagger):
    assert [f.text for f in extract_facts("a", "Two days later the union called a strike.", tagger)] == []
    assert [f.text for f in extract_facts("a", "The strike began three weeks ago.", tagger)] == []
    assert [f.text for f in extract_facts("a", "Two days after the crash, the road reopened.", tagger)] == []
    kept = "The leak lasted about five hours before it was stopped. The bridge stays shut for up to three months" \
           " after the crack was found."
    assert [f.text for f in extract_facts("a", kept, tagger)] == ["about five hours", "up to three months"]


def test_a_figure_standing_for_what_it_counts_is_a_count(tagger):
    text = ("The coach overturned near Hollin Moor, and 14 were injured. Three of the injured remain in a serious "
            "condition, two of whom were taken to hospital. Of the 240 workers, about 180 will be made redundant "
            "and around 60 of them will be offered posts. Room 3 is closed.")
    counts = {f.text: (f.low, f.nouns) for f in extract_facts("a", text, tagger) if f.dimension == "count"}
    assert counts["14"][0] == pytest.approx(13.58) and counts["14"][1] == ()
    assert {"Three of the injured", "two of whom", "about 180", "around 60 of them", "240 workers"} <= set(counts)
    assert "3" not in counts  # "Room 3 is" opens no clause
    injured = one("Sixteen people were hurt in the crash.", tagger, dimension="count")
    assert related(one(text, tagger, text="14"), injured) == "conflict"  # hurt and injured: one sense
    killed = one("The crash killed two people.", tagger, dimension="count")
    assert related(one(text, tagger, text="14"), killed) is None  # injuries are not deaths


def test_an_article_counts_one_unit_of_time_and_not_a_rate(tagger):
    text = ("The road would stay closed for about a week. Repairs will take half a year. Residents were "
            "evacuated for a day and a half. Blasting runs four days a week, twice a day, with 140 lorries a day.")
    durations = {f.text: (f.low, f.high) for f in extract_facts("a", text, tagger) if f.dimension == "duration"}
    assert durations["about a week"] == (pytest.approx(7 * 0.97), pytest.approx(7 * 1.03))
    assert durations["a day and a half"] == (1.5, 1.5)
    assert set(durations) == {"about a week", "half a year", "a day and a half"}  # no rate is a length
    six_months = one("Repairs will take six months.", tagger, dimension="duration")
    assert related(six_months, one(text, tagger, text="half a year")) == "agree"  # months are not all 30 days
    assert related(one("He held the seat for 28 years.", tagger, dimension="duration"),
                   one("He held the seat for 26 years.", tagger, dimension="duration")) == "conflict"


def test_a_dozen_or_so_and_a_crew_of_eight(tagger):
    assert one("Pipit sells in a dozen countries.", tagger, dimension="count").low == 12
    or_so = one("Of the 9,000 or so starters, most finished.", tagger, dimension="count")
    assert or_so.nouns == ("starter",) and or_so.low == pytest.approx(9000 * 0.97)
    crew = one("The crew of eight spent five hours at sea.", tagger, dimension="count")
    assert crew.nouns == ("crew",) and crew.low == 8
    volunteers = one("Seven volunteers crewed the lifeboat at sea.", tagger, dimension="count")
    assert related(crew, volunteers) == "conflict"
    money = one("The rebuild will cost around 640,000.", tagger)
    assert money.dimension == "money" and related(money, one("The rebuild will cost £640,000.", tagger)) == "agree"


def test_ages_of_one_person_by_name_noun_or_decade(tagger):
    first = one("The driver, a 61-year-old man from Pellbury, was airlifted to hospital.", tagger, dimension="age")
    second = one("The driver, 63, was treated for head injuries.", tagger, dimension="age")
    aged = one("The driver, aged 61, was named by police.", tagger, dimension="age")
    assert second.nouns == aged.nouns == ("driver",)
    assert related(first, second) == "conflict" and related(first, aged) == "agree"
    assistant = one("A teaching assistant, 44, was also hurt.", tagger, dimension="age")
    assert related(aged, assistant) is None
    sixties = one("A man in his sixties was treated for hypothermia.", tagger, dimension="age")
    assert (sixties.low, sixties.high, sixties.nouns) == (60, 69, ("man",))
    assert related(one("A 66-year-old man was treated for hypothermia.", tagger, dimension="age"),
                   sixties) == "differs"


def test_two_tops_conflict_and_far_figures_are_other_things(tagger):
    assert related(one("Up to 80 firefighters worked in shifts on the moor fire.", tagger, dimension="count"),
                   one("As many as 100 firefighters fought the moor fire.", tagger, dimension="count")) == "conflict"
    assert related(one("The library will have 120 study spaces.", tagger, dimension="count"),
                   one("The library will have up to 150 study spaces.", tagger, dimension="count")) == "conflict"
    assert related(one("Pipit employs 410 people at its bakery.", tagger, dimension="count"),
                   one("Norland employs about 3,000 people at its plants.", tagger, dimension="count")) is None
    crack = one("Inspectors found a 4-metre crack in the bridge girder.", tagger, dimension="length")
    measured = one("The crack in the bridge girder, which he measured at 41 centimetres, has grown.", tagger,
                   dimension="length")
    assert related(crack, measured) == "conflict"  # a slip of a power of ten is one thing misreported


def test_an_age_or_length_of_years_dates_its_start_by_the_article_day(tagger):
    from datetime import date

    def dated(text, day, **match):
        found = [f for f in extract_facts("a", text, tagger, published=day)
                 if all(getattr(f, k) == v for k, v in match.items())]
        assert len(found) == 1, found
        return found[0]

    spring = date(2026, 4, 9)
    founded = dated("Pipit Bakeries, founded in 1987, makes oatcakes.", spring, dimension="year")
    old = dated("The 39-year-old company makes oatcakes and crispbreads.", spring, dimension="age")
    assert old.began == pytest.approx((1985.5, 1987.5))  # 38.5 to 39.5 years before 2026, less a year of birthday
    assert related(founded, old) == "agree"
    assert related(dated("Pipit, which was started in 1989, makes oatcakes.", spring, dimension="year"),
                   old) == "conflict"
    since = dated("Ibbotson had represented the ward since 1998.", spring, dimension="year")
    assert related(since, dated("Ibbotson had held the ward seat for 28 years.", spring,
                                dimension="duration")) == "agree"
    assert related(since, dated("Ibbotson had held the ward seat for 26 years.", spring,
                                dimension="duration")) == "conflict"
    undated = one("The 39-year-old company makes oatcakes and crispbreads.", tagger, dimension="age")
    assert undated.began is None and related(founded, undated) is None  # no day, no start


def test_an_article_listed_after_a_count_counts_one(tagger):
    facts = extract_facts("a", "Nine walkers and a dog were plucked from the ridge by the coastguard.", tagger)
    dog = next(f for f in facts if f.nouns == ("dog",))
    assert (dog.text, dog.low, dog.high) == ("a dog", 1.0, 1.0)
    two = one("Lifeboat crews rescued 11 walkers and two dogs from the ridge.", tagger, noun="dog")
    assert related(two, dog) == "conflict"
    assert not [f for f in extract_facts("a", "A dog was found on the ridge.", tagger) if f.dimension == "count"]


def test_a_count_named_only_by_its_clause_takes_the_sentence(tagger):
    nine = one("Nine people and a dog were plucked from two yachts in gale-force winds.", tagger, noun="people")
    assert "rescue" in nine.context
    assert related(nine, one("Lifeboat crews rescued 11 sailors from the yachts.", tagger, noun="sailor")) == "conflict"


def test_a_former_value_is_another_thing_than_the_value_now(tagger):
    now = one("The library's budget rose to £11.2 million.", tagger, dimension="money:GBP")
    text = "The library has cost £11.2 million, up from an original £8.5 million."
    cost, original = sorted(extract_facts("a", text, tagger), key=lambda f: f.start)
    assert not cost.former and original.former
    assert related(now, original) is None
    assert related(now, cost) == "agree"
    previously = one("Barmack has previously dubbed the eight-episode show edgy.", tagger, dimension="episodes")
    assert not previously.former


def test_the_n_year_old_is_the_person_named_before(tagger):
    text = "Amara Kibet won the Ostbury Marathon on Sunday. The 28-year-old, a physiotherapist, led from 20 miles."
    age = one(text, tagger, dimension="age")
    assert age.nouns == ("kibet",)
    assert related(age, one("Amara Kibet, 29, set a course record.", tagger, dimension="age")) == "conflict"
    said = one('Rob Ellery farms 600 acres. "I have never seen anything like it," said the 67-year-old.', tagger,
               dimension="age")
    assert said.nouns == ("ellery",)


def test_about_a_round_figure_reaches_a_quarter_of_its_rounding(tagger):
    assert relation_of("It would safeguard about 40 jobs.", "It would secure 38 jobs.", tagger) == "agree"
    assert relation_of("The overrun is about 30%.", "The overrun is 32%.", tagger) == "agree"
    assert relation_of("It would safeguard about 40 jobs.", "It would secure 36 jobs.", tagger) == "conflict"
    assert relation_of("The plant employs about 240 people.", "The plant employs 250 people.", tagger) == "conflict"


def test_one_story_counting_a_thing_twice_counts_one_thing(tagger):
    two = one("Up to 80 firefighters worked in shifts, supported by two helicopters dropping water.", tagger,
              noun="helicopter")
    a = one("As many as 100 firefighters and a helicopter have been deployed.", tagger, noun="helicopter")
    assert related(two, a) == "conflict"
    assert related(one("Two people were treated in hospital.", tagger, dimension="count"),
                   one("Nine people were evacuated from the flats.", tagger, dimension="count")) is None


def test_a_figure_told_of_an_earlier_year_is_another_thing(tagger):
    from datetime import date

    def fact(text, **match):
        found = [f for f in extract_facts("a", text, tagger, published=date(2026, 5, 4))
                 if all(getattr(f, k) == v for k, v in match.items())]
        assert len(found) == 1, found
        return found[0]
    now = fact("The fire has burned for five days across the moor.", dimension="duration")
    then = fact("In 2018 a fire on the same moor destroyed 500 hectares; that blaze burned for 11 days.",
                dimension="duration")
    assert then.past and not now.past
    assert related(now, then) is None
    since = fact("It is the largest fire on the moor since 2018, when 500 hectares burned.", dimension="count")
    assert since.past
    assert not fact("Records began in 1968; the river peaked at 4.1 metres.", dimension="length").past


def test_people_counts_kinds_of_people(tagger):
    letter = one("The letter was signed by 43 parents, teachers and head teachers.", tagger, dimension="count")
    people = one("The group said more than 60 people had signed it.", tagger, dimension="count")
    assert related(letter, people) == "conflict"
    assert related(one("Two people died in the crash.", tagger, dimension="count"),
                   one("Six firefighters were injured.", tagger, dimension="count")) is None


def test_fractions_are_shares(tagger):
    assert relation_of("Their funding will be cut by a fifth.", "Library budgets will fall by 20%.", tagger) == "agree"
    assert relation_of("Social care takes nearly half of the council's spending.",
                       "Social care accounts for 48% of spending.", tagger) == "agree"
    assert relation_of("Wheat yields have fallen by about half.", "Yields are down by roughly 40%.",
                       tagger) == "conflict"
    assert relation_of("Rain was less than half the usual amount.", "Rain was 43% of the usual amount.",
                       tagger) == "differs"
    for text in ("It took half an hour.", "Sales rose in the second half of the year."):
        assert not [f for f in extract_facts("a", text, tagger) if f.dimension == "percent"]


def test_a_figure_a_count_reached_counts_what_its_sentence_names(tagger):
    risen = one("The number of people injured in the crush has risen to 27.", tagger, dimension="count")
    assert risen.nouns == ("people",)
    first = one("Twenty-three people were injured in the crush.", tagger, dimension="count")
    assert related(risen, first) == "conflict"
    reached = one("The waiting list at the trust has reached 47,800.", tagger, dimension="count")
    assert related(reached, one("Nearly 48,000 patients are on the trust's waiting list.", tagger,
                                dimension="count")) == "agree"
    assert not extract_facts("a", "The score was 3.", tagger)


def test_durations_in_two_units_and_a_half(tagger):
    compound = one("He was jailed for six years and eight months.", tagger, dimension="duration")
    assert compound.text == "six years and eight months"
    half = one("He was sent to prison for six and a half years.", tagger, dimension="duration")
    assert related(compound, half) == "conflict"
    assert relation_of("The rescue lasted almost seven hours.", "The rescue took about six and a half hours.",
                       tagger) == "agree"


def test_partitives_count_what_they_part(tagger):
    three = one("Three of the five carriages came off the line.", tagger, dimension="count")
    assert three.nouns == ("carriage",) and three.low == 3.0
    assert related(three, one("Two carriages left the rails.", tagger, dimension="count")) == "conflict"
    hurt = extract_facts("a", "Fourteen people were hurt, three of them seriously.", tagger)
    assert [(f.text, f.nouns) for f in hurt] == [("Fourteen people", ("people",)), ("three of them", ("people",))]


def test_counts_of_synonyms_are_one_thing(tagger):
    posts = one("The council says around 60 posts will be cut.", tagger, dimension="count")
    assert related(posts, one("Unions warn of the loss of up to 75 jobs.", tagger, dimension="count")) == "conflict"
    assert related(one("About 300 homes were evacuated.", tagger, dimension="count"),
                   one("Nearly 300 households have registered for help from the fund.", tagger,
                       dimension="count")) is None


def test_a_year_of_starting_dates_an_age_or_a_length_of_years(tagger):
    from datetime import date

    def fact(text, dimension):
        [found] = [f for f in extract_facts("a", text, tagger, published=date(2026, 3, 2)) if f.dimension == dimension]
        return found
    assert related(fact("The factory, built in 1998, employs 230 people.", "year"),
                   fact("The 28-year-old factory lost its roof.", "age")) == "agree"
    assert related(fact("Moira Quinlan, head teacher since 2016, will fight on.", "year"),
                   fact("Quinlan, who has led the school for 12 years, was heartbroken.", "duration")) == "conflict"
    assert related(fact("The council met in 2016 to discuss it.", "year"),
                   fact("The bridge has stood for 10 years.", "duration")) is None


def test_years_ago_date_a_start(tagger):
    from datetime import date
    ago = [f for f in extract_facts("a", "The track was relaid 15 years ago.", tagger, published=date(2026, 3, 2))]
    renewed = [f for f in extract_facts("b", "The track was last renewed in 2011.", tagger, published=date(2026, 3, 2))]
    assert [f.text for f in ago] == ["15 years"] and related(ago[0], renewed[0]) == "agree"
    assert not extract_facts("a", "It happened two days ago.", tagger)


def test_years_of_starting_in_one_sense(tagger):
    assert relation_of("Vantry was founded in 1983 in Leamby.", "The chain was founded in 1985.", tagger) == "conflict"
    assert relation_of("The factory, built in 1998, makes packaging.", "The factory was refitted in 2019.",
                       tagger) is None


def test_m_after_a_figure_is_million_before_a_plural_or_after_money(tagger):
    up_to = one("Hackers stole the details of up to 1.2m customers.", tagger, dimension="count")
    assert up_to.high == 1_200_000
    assert related(up_to, one("In all 1.2 million customer records were copied.", tagger,
                              dimension="count")) == "agree"
    assert one("The club paid 4m for him.", tagger).high == pytest.approx(4_120_000)


def test_shares_before_counts_and_qualifiers_out_of_context(tagger):
    two_thirds = one("Two-thirds of patients were seen within the target.", tagger)
    assert (two_thirds.dimension, two_thirds.text) == ("percent", "Two-thirds")
    roughly = one("The maker employs roughly 230 staff.", tagger, dimension="count")
    assert "rough" not in roughly.context and "roughly" not in roughly.context
    posts = one("The trust has 340 vacant nursing posts.", tagger, dimension="count")
    assert related(posts, one("Vacancies had fallen to about 300 nurses at the trust.", tagger,
                              dimension="count")) == "conflict"


def test_a_hyphened_count_counts_its_noun(tagger):
    collection = one("The library will have a 60,000-book collection.", tagger, dimension="count")
    assert collection.low < 60000 < collection.high and "book" in collection.nouns
    assert related(collection, one("The new library will hold 60,000 books.", tagger, dimension="count")) == "agree"


def test_years_before_1900(tagger):
    from datetime import date
    [opened] = extract_facts("a", "The station opened in 1869.", tagger)
    [operating] = extract_facts("b", "The station has been operating for 157 years.", tagger,
                                published=date(2026, 5, 1))
    assert opened.low == 1869 and related(opened, operating) == "agree"


def test_a_brief_groups_facts_that_are_each_alike_not_chains(tagger):
    from datetime import date

    from presslens.compare.brief import compare_facts
    from presslens.records import Article, OffsetMap

    def article(key, outlet, text):
        offsets = OffsetMap()
        offsets.add(0, 0, len(text), len(text))
        return Article(key, outlet, None, None, date(2026, 3, 12), "en", text, text, offsets)
    texts = {"a": "Oyster harvesting on the Avel has been suspended for at least a week after the leak.",
             "b": "Declan Moore, who has fished the Avel for more than 30 years, was shocked.",
             "c": "Declan Moore, who has fished the Avel for three decades, was shocked."}
    labels = {"a": "Harbour Gazette", "b": "Northfield Echo", "c": "Rhine Valley Post"}
    groups = compare_facts([article(k, labels[k], t) for k, t in texts.items()], labels, tagger)
    durations = sorted(sorted(v.text for v in g.values) for g in groups if g.dimension == "duration")
    assert durations == [["at least a week"], ["more than 30 years", "three decades"]]


def test_starts_of_other_people_or_far_apart_are_two_starts():
    from datetime import date

    from presslens import lang

    def fact(text, language=lang.FRENCH):
        [found] = [f for f in extract_facts("a", text, None, language, date(2026, 5, 2)) if f.dimension == "year"
                   or f.began]
        return found
    midwife = fact("Sophie Kerbrat, sage-femme à l'hôpital depuis dix-huit ans, a pris la parole.")
    assert related(midwife, fact("Amélie Charron, aide-soignante au service depuis 2011, la connaît bien.")) is None
    assert related(midwife, fact("Son livre sur les femmes, paru en 2024, racontait déjà tout.")) is None
    assert related(fact("Pipit, founded in 1987, employs 410 people.", lang.DEFAULT),
                   fact("Erik Pipit, the founders' son, has run the company since 2015.", lang.DEFAULT)) is None
