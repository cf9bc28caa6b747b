"""Small articles the store tests tag, and a helper to find passages in them."""

from __future__ import annotations

from nkdesk.corpus import Document

ARTICLE = Document.from_text(
    "reuters",
    "North Korea has sent about 12,000 troops to Russia, South Korea's spy agency said.\n"
    "The agency said 1,500 special forces had already arrived in Vladivostok.\n"
    "Kyiv said on Friday that 12,000 troops were being trained near the border.\n",
    path="/articles/reuters.txt",
)
OTHER = Document.from_text(
    "bbc",
    "Seoul says some 10,000 North Korean soldiers are in Russia.\n"
    "Moscow has denied the reports, calling them fake news.\n",
)


def span_of(document: Document, quote: str, occurrence: int = 0) -> tuple[int, int]:
    """The offsets of the n-th occurrence of quote in a document."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(quote, start + 1)
    return start, start + len(quote)
