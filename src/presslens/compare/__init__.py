"""Compare: how each outlet told one story.

``align`` finds the same quotation in two articles and says how it changed;
``facts`` finds quantities and tells agreeing from conflicting ones; ``brief``
puts a story together outlet by outlet; ``markdown`` renders it.
"""

from __future__ import annotations

from functools import lru_cache

from .align import Alignment, QuoteSide, align, align_pairs, fuzzy_baseline
from .brief import Brief, build_brief
from .markdown import brief_markdown

__all__ = ["Alignment", "Brief", "QuoteSide", "align", "align_pairs", "brief_markdown", "build_brief",
           "fuzzy_baseline", "models", "story_brief"]


@lru_cache(maxsize=1)
def models():
    """The sentence encoder and the tagger of the default language (English) the brief uses, loaded once."""
    from .. import lang, nlp
    from ..nlp.embed import shared_encoder

    return shared_encoder(), nlp.load(lang.DEFAULT.code, ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"))


def story_brief(material, *, with_models: bool = True) -> Brief:
    """The brief of a story's material, with the shipped models unless ``with_models`` is False."""
    encoder, tagger = models() if with_models else (None, None)
    return build_brief(material, encoder, tagger)
