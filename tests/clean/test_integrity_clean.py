"""Clean integrity: sentence ends in every script, so Chinese and Japanese prose is not taken for boilerplate."""

from __future__ import annotations

import pytest

from presslens.clean import clean_document, is_boilerplate
from presslens.clean.boilerplate import ends_like_a_sentence
from presslens.ingest import read_bytes
from presslens.records import RawDoc
from presslens.settings import Settings

CHINESE = (
    "港口大桥因裂缝封闭维修\n\n"
    "市政府周一宣布，港口大桥将封闭三周进行维修。\n\n"
    "工程师在例行检查中发现了一条裂缝。市长表示：「安全第一。」\n\n"
    "居民们对此表示担忧！他们问道：什么时候才能重新开放？\n\n"
    "分享\n"
)
JAPANESE = (
    "東京の橋、ひび割れで閉鎖\n\n"
    "東京都は月曜日、港の橋を三週間閉鎖すると発表した。\n\n"
    "技術者が定期点検中にひびを見つけた。知事は「安全が第一だ」と述べた。\n"
)


def _article(text: str, name: str):
    (doc,) = read_bytes(text.encode("utf-8"), name, Settings())
    assert isinstance(doc, RawDoc)
    return doc, clean_document(doc, Settings())


def test_integrity_chinese_article_keeps_its_title_and_paragraphs():
    doc, article = _article(CHINESE, "zh.txt")
    assert doc.title == article.title == "港口大桥因裂缝封闭维修"
    assert article.clean_text.split("\n\n") == [
        "市政府周一宣布，港口大桥将封闭三周进行维修。",
        "工程师在例行检查中发现了一条裂缝。市长表示：「安全第一。」",
        "居民们对此表示担忧！他们问道：什么时候才能重新开放？",
    ]
    assert [span.text for span in article.removed] == ["分享"]


def test_integrity_japanese_article_keeps_its_title_and_paragraphs():
    doc, article = _article(JAPANESE, "ja.txt")
    assert doc.title == "東京の橋、ひび割れで閉鎖"
    assert article.clean_text.count("\n\n") == 1 and article.removed == []
    assert article.clean_text.endswith("と述べた。")


@pytest.mark.parametrize("line", [
    "市政府周一宣布，港口大桥将封闭三周进行维修。", "他说：「我们会尽快修好。」", "本当ですか？", "大変だ！",
    "市长说：“我们会尽快修好。”", "（完）。", "قال رئيس البلدية إن الجسر سيغلق؟", "पुल सोमवार को बंद होगा।",
])
def test_integrity_sentence_ends_in_other_scripts_are_prose(line: str):
    assert ends_like_a_sentence(line)
    assert is_boilerplate(line) is None


@pytest.mark.parametrize("line", ["港口大桥因裂缝封闭维修", "市长称", "（图）"])
def test_integrity_cjk_lines_without_a_sentence_end_are_still_unpunctuated(line: str):
    assert is_boilerplate(line) == "unpunctuated line"
