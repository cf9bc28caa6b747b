"""Small articles the export tests tag: characters outside the BMP, markup, formulas."""

from __future__ import annotations

from nkdesk.corpus import Document

AGENCY = Document.from_text(
    "agency",
    "North Korea 🇰🇵 has sent about 12,000 troops to Russia, South Korea's spy agency said.\n"
    "The agency said 1,500 special forces had already arrived in Vladivostok 𝕍.\n",
    path="/articles/agency.txt",
)
WIRE = Document.from_text(
    "wire",
    "Seoul says some 10,000 North Korean soldiers are in Russia.\n"
    "Moscow has denied the reports, calling them fake news.\n",
)
HOSTILE = Document.from_text(
    "hostile",
    'Breaking: <script>document.title="pwned";document.body.insertAdjacentHTML('
    "'beforeend','<p id=injected>ran</p>')</script> & more.\n"
    '=HYPERLINK("http://evil.example","click")\n'
    "+cmd|' /C calc'!A0\n",
    title='<img src=x onerror="document.title=1"> title',
)


def span_of(document: Document, quote: str, occurrence: int = 0) -> tuple[int, int]:
    """The offsets of the n-th occurrence of quote in a document."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(quote, start + 1)
    return start, start + len(quote)
