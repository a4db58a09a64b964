"""The quote methods by name, in one table that settings (``PRESSLENS_QUOTES``), the CLI's ``--method`` and
``QuoteExtractor`` all read. As with spaCy's registry, a method is declared once, with ``@register(name)`` on
its factory; ``get(name)`` gives it and ``names()`` lists them, in the order they were registered.

A factory makes the tagger that a ``QuoteExtractor`` runs, from ``(model_dir, threads)``: the trained
``QuoteTagger`` (``model``), or None when the rules find every quote (``rules``). ``off`` finds no quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .tagger import MODEL_FILE, QuoteTagger

__all__ = ["BASELINE", "QuoteMethod", "get", "names", "register"]

TaggerFactory = Callable[[Path, int | None], QuoteTagger | None]
BASELINE = "rules"  # what ``eval quotes --baseline`` scores beside the chosen method


@dataclass(frozen=True, slots=True)
class QuoteMethod:
    """A registered method: its name, the factory of its tagger, and whether it finds quotes at all."""

    name: str
    tagger: TaggerFactory
    finds_quotes: bool = True


_METHODS: dict[str, QuoteMethod] = {}


def register(name: str, *, finds_quotes: bool = True) -> Callable[[TaggerFactory], TaggerFactory]:
    """Decorator: register ``factory`` as the tagger factory of the method ``name``."""
    def decorate(factory: TaggerFactory) -> TaggerFactory:
        _METHODS[name] = QuoteMethod(name, factory, finds_quotes)
        return factory

    return decorate


def names(*, finding: bool = False) -> tuple[str, ...]:
    """The registered names; with ``finding``, only the methods that find quotes (not ``off``)."""
    return tuple(name for name, method in _METHODS.items() if method.finds_quotes or not finding)


def get(name: str, *, variable: str = "method", finding: bool = True) -> QuoteMethod:
    """The method ``name``; E004 naming ``variable`` and the choices (``names(finding=finding)``) if none."""
    allowed = names(finding=finding)
    if name not in allowed:
        raise ConfigError("E004", variable=variable, value=name, allowed=", ".join(allowed))
    return _METHODS[name]


@register("model")
def trained_tagger(model_dir: Path, threads: int | None) -> QuoteTagger:
    """The fine-tuned tagger in ``model_dir`` (E003 when its model file is missing)."""
    if not (Path(model_dir) / MODEL_FILE).exists():
        raise ConfigError("E003", what="quote tagger model", path=str(model_dir))
    return QuoteTagger(model_dir, threads)


@register(BASELINE)
def no_tagger(model_dir: Path, threads: int | None) -> None:
    """No tagger: the rules find every quote."""
    return None


register("off", finds_quotes=False)(no_tagger)  # no quotes at all: the stage is skipped
