"""Compare: how each outlet told one story.

``align`` finds the same quotation in two articles and says how it changed;
``facts`` finds quantities and tells agreeing from conflicting ones; ``brief``
puts a story together outlet by outlet; ``markdown`` renders it; ``trace`` finds every
version of one quotation across the whole archive.
"""

from __future__ import annotations

from functools import lru_cache

from .align import Alignment, QuoteSide, align, align_pairs, fuzzy_baseline
from .brief import Brief, build_brief
from .markdown import brief_markdown
from .trace import QuoteTrace, QuoteVersion, band_keys, trace_quote

__all__ = ["Alignment", "Brief", "QuoteSide", "QuoteTrace", "QuoteVersion", "align", "align_pairs", "band_keys",
           "brief_markdown", "build_brief", "fuzzy_baseline", "models", "story_brief", "tagger", "trace_quote"]


# What the facts need of a spaCy pipeline: parts of speech and lemmas (English tags with a tagger, French with
# a morphologizer; a pipeline has one or the other).
TAGGER_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def models():
    """The sentence encoder and the tagger of the default language (English) the brief uses, loaded once."""
    from .. import lang, nlp
    from ..nlp.embed import shared_encoder

    return shared_encoder(), nlp.load(lang.DEFAULT.code, ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"))


@lru_cache(maxsize=8)
def tagger(code: str):
    """The tagger the facts of articles in language ``code`` are read with (None for a language with no spaCy
    model: the facts then tell nouns by their shape), loaded once."""
    from .. import lang, nlp

    if code == lang.DEFAULT.code:
        return models()[1]
    return nlp.load(code, TAGGER_COMPONENTS) if nlp.has_model(code) else None


def story_brief(material, *, with_models: bool = True) -> Brief:
    """The brief of a story's material, with the shipped models unless ``with_models`` is False: the sentence
    encoder, and for the facts of each article the tagger of its language."""
    if not with_models:
        return build_brief(material, None, None)
    from .. import lang
    from ..nlp.embed import shared_encoder

    codes = {lang.as_language(a.language).code for a in material.articles}
    return build_brief(material, shared_encoder(), {code: tagger(code) for code in codes})
