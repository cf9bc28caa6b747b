"""nkdesk: compare several news reports of one event, side by side.

The public API is small and free of Qt:

>>> from nkdesk import load_corpus, compare
>>> corpus = load_corpus(["seeds/"])          # doctest: +SKIP
>>> comparison = compare(corpus.documents)     # doctest: +SKIP
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkdesk.analysis import compare
    from nkdesk.corpus import Corpus, CorpusError, Document, load_corpus

__all__ = ["Corpus", "CorpusError", "Document", "__version__", "compare", "load_corpus"]


def __getattr__(name: str):
    # compare() pulls in the whole analysis package; importing it lazily keeps
    # `nkdesk --version` and the Pygments plugin quick to start. The corpus
    # loader is lazy too: `nkdesk` starts its comparison's process
    # (nkdesk.ui.head_start) before it imports anything it does not need.
    if name == "compare":
        from nkdesk.analysis import compare

        return compare
    if name in ("corpus", "Corpus", "CorpusError", "Document", "load_corpus"):
        from nkdesk import corpus

        return corpus if name == "corpus" else getattr(corpus, name)
    raise AttributeError(f"module 'nkdesk' has no attribute {name!r}")
