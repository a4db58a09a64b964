from presslens.clean.normalise import build_clean_text
from presslens.records import OffsetMap


def test_offset_map_linear_and_block_segments():
    raw = "Hello   “world”\n\nSecond  para."
    clean, offsets = build_clean_text(raw, [(0, 15), (17, 30)])
    assert clean == 'Hello "world"\n\nSecond para.'
    start = clean.index("world")
    assert offsets.to_raw(start, start + 5) == (raw.index("world"), raw.index("world") + 5)
    # a span over the collapsed whitespace covers the whole raw run
    assert offsets.to_raw(0, 7) == (0, raw.index("“") + 1)
    # a span that crosses the paragraph break covers the raw gap
    s, e = offsets.to_raw(clean.index("world"), clean.index("Second") + 6)
    assert raw[s:e] == "world”\n\nSecond"


def test_offset_map_every_clean_word_points_at_raw_word():
    raw = "  A\u00a0line\u200b with\tthings:  «quoted»\n\n\n and more  "
    clean, offsets = build_clean_text(raw, [(2, 32), (36, 44)])
    for word in clean.split():
        start = clean.index(word)
        s, e = offsets.to_raw(start, start + len(word))
        assert raw[s:e].replace("\u200b", "").translate({0xAB: '"', 0xBB: '"'}) == word


def test_offset_map_json_round_trip():
    offsets = OffsetMap([(0, 0, 5, 5), (5, 5, 1, 3), (6, 8, 4, 4)])
    assert OffsetMap.from_json(offsets.to_json()) == offsets
    assert offsets.to_raw(6, 10) == (8, 12)
    assert offsets.to_raw(5, 6) == (5, 8)
