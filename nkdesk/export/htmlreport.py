"""The HTML report: one self-contained page to read, share or print.

It shows the articles side by side with the analyst's tags and the conflicts
the engine finds highlighted, the engine's claim matrix, the analyst's claims,
the vocabulary, and every annotation with its note. Named ``htmlreport``
rather than ``html`` so that it never shadows the standard library's ``html``.

Self-contained and inert by construction:

- everything is inline (CSS in a ``<style>``), nothing is fetched, no script;
  a Content-Security-Policy in the page forbids scripts, fetches and frames
  all the same, should any markup ever slip through;
- every piece of text from the tag file (articles, quotes, notes, names,
  titles) goes through ``html.escape``, so an article that contains
  ``<script>`` shows those characters; colours are re-checked to be #RRGGBB
  before they go into a style attribute;
- it prints: ``@media print`` puts each article on its own pages at full
  width, keeps table rows and annotations whole across page breaks, keeps
  the highlight colours, and no element has a fixed height.

Footnote-style numbers after each highlighted passage (and ``C1``, ``C2`` after
each conflicting value) link to the lists below, so the page reads on paper
without tooltips.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

from nkdesk import __version__
from nkdesk.analysis.matrix import claim_matrix, independence, quote
from nkdesk.analysis.model import Fact
from nkdesk.analysis.timeline import timeline
from nkdesk.corpus import Document
from nkdesk.export import svgtimeline
from nkdesk.export.output import Progress
from nkdesk.export.svgtimeline import COLOUR_PATTERN, FALLBACK_COLOUR, escaped
from nkdesk.export.tagfile import StoredAnnotations, TagFile, passages_of_claims
from nkdesk.store import Annotation, Tag

if TYPE_CHECKING:
    from nkdesk.analysis import Comparison

# Highlight opacity as a two-digit hex alpha appended to #RRGGBB: light enough
# to read black text through, strong enough to survive a greyscale printer.
HIGHLIGHT_ALPHA = "55"
SUMMARY_QUOTE_CHARS = 90
TITLE_CHARS = 110
HEADER_CHARS = 60
# Side by side, each article gets an equal share of the page's width, but no
# less than 16rem (about 40 characters a line); on a 1600 px screen five fit.
# Beyond this many the row scrolls sideways inside a box one screen high, so
# that its scroll bar is on the screen rather than below the longest article.
FIT_ARTICLES = 5

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --conflict: #c5221f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
       padding: 1.5rem 2rem 3rem; max-width: 120rem; background: #fff; }
h1, h2, h3, nav, table, .meta, .legend, sup, .ann-meta { font-family: system-ui, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; list-style: none;
         font-size: .9rem; }
.articles { display: grid; grid-auto-flow: column; gap: 1.2rem; overflow-x: auto;
            align-items: start;
            grid-auto-columns: minmax(max(16rem, calc((100% - (var(--n) - 1) * 1.2rem)
                                                     / var(--n))), 1fr); }
@media screen { .articles.many { max-height: 88vh; overflow: auto; } }
.article { border: 1px solid var(--rule); border-radius: 6px; padding: .8rem 1rem;
           min-width: 0; }
.article .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.source-meta { color: var(--muted); font-size: .8rem; margin: 0 0 .6rem;
               font-family: system-ui, sans-serif; overflow-wrap: anywhere; }
mark { color: inherit; background: none; border-radius: 2px; }
.conflict { background: #fce8e6; text-decoration: underline wavy var(--conflict);
            text-decoration-thickness: 2px; text-underline-offset: 3px; }
sup { font-size: .65rem; line-height: 0; }
sup a { text-decoration: none; color: var(--muted); }
sup.cref a { color: var(--conflict); font-weight: 600; }
.legend { font-size: .85rem; color: var(--muted); }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px;
          vertical-align: -.1em; border: 1px solid #0003; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left;
         vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f4f6; }
th:first-child, td:first-child { min-width: 11rem; }
td.agree { background: #e6f4ea; }
td.conflict-cell { background: #fce8e6; color: #7a1410; font-weight: 600; }
td.absent { color: var(--muted); background: #fafafa; }
.support { white-space: nowrap; color: var(--muted); }
ol.annotations { padding-left: 2.4rem; }
ol.annotations li { margin: 0 0 .7rem; }
.ann-meta { font-size: .8rem; color: var(--muted); }
.note { white-space: pre-wrap; margin: .2rem 0 0; padding-left: .6rem;
        border-left: 3px solid var(--rule); }
.orphaned { color: var(--conflict); font-size: .8rem; }
.conflicts li { margin-bottom: .5rem; }
figure.timeline { margin: 1rem 0; }
figure.timeline svg { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figure.timeline figcaption { font: .85rem system-ui, sans-serif; color: var(--muted); }
ul.timeline-legend { display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; padding: 0;
                     list-style: none; font: .85rem system-ui, sans-serif; }
svg.shape { vertical-align: -.15em; }
.conflicts q { background: #fce8e6; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav { display: none; }
  .articles { display: block; overflow: visible; }
  .article { border: none; padding: 0; }
  .article + .article { break-before: page; }
  h2 { break-after: avoid; }
  section { break-before: page; }
  section#articles { break-before: auto; }
  tr, li, .article h3, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  mark, .swatch, td, th, .conflict, .conflicts q {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

# No script, no fetch, no frame: the page needs none, so it is allowed none.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def _colour(value: str) -> str:
    return value if COLOUR_PATTERN.fullmatch(value) else FALLBACK_COLOUR


def write(
    data: TagFile, out: BinaryIO, progress: Progress, *, comparison: Comparison | None = None
) -> None:
    """Write the report for ``data``; ``comparison`` is computed if not given (2+ documents)."""
    if comparison is None:
        comparison = analyse(data.documents)
    for part in _report(data, comparison, progress):
        out.write(part.encode("utf-8"))


def analyse(documents: Iterable[Document]) -> Comparison | None:
    """The engine's comparison of the documents, or None when there are fewer than two."""
    from nkdesk.analysis import AnalysisError, compare  # the engine, when a report needs it

    documents = tuple(documents)
    if len(documents) < 2:
        return None
    try:
        return compare(documents)
    except AnalysisError:
        return None


def render(data: TagFile, comparison: Comparison | None, progress: Progress | None = None) -> str:
    """The report as one HTML string."""
    return "".join(_report(data, comparison, progress))


def _in_order(data: TagFile) -> Callable[[Document], list[Annotation]]:
    """A function giving a document's annotations by start, end and id: from the
    database one document at a time, or sorted once when they are in memory."""
    if isinstance(data.annotations, StoredAnnotations):
        stored = data.annotations
        return lambda document: list(stored.of_document(document.id))
    order = {d.id: n for n, d in enumerate(data.documents)}
    by_document: dict[str, list[Annotation]] = defaultdict(list)
    for a in sorted(data.annotations, key=lambda a: (order[a.document], a.start, a.end, a.id)):
        by_document[a.document].append(a)
    return lambda document: by_document.get(document.id, [])


def _report(
    data: TagFile, comparison: Comparison | None, progress: Progress | None = None
) -> Iterator[str]:
    """The report in pieces, one article, claim or document's list at a time.

    Annotations are numbered in document order; the report holds one
    document's annotations at a time, never all of them.
    """
    tags = data.tags_by_id()
    annotations_of = _in_order(data)
    conflict_spans: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    has_conflicts = comparison is not None and bool(comparison.conflicts)
    plotted = timeline(comparison) if comparison is not None else None
    if comparison is not None:
        for n, conflict in enumerate(comparison.conflicts, start=1):
            for fact in (conflict.a, conflict.b):
                conflict_spans[fact.doc].append((fact.start, fact.end, n, conflict.why))

    name = PurePath(data.origin).name if data.origin not in ("", ":memory:") else ""
    title = f"nkdesk report: {name}" if name else "nkdesk report"
    yield "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta name="generator" content="nkdesk {escaped(__version__)}">\n',
            f"<title>{escaped(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            f"<header><h1>{escaped(title)}</h1>\n",
            f'<p class="meta">{len(data.documents)} articles · {len(data.annotations)} tagged '
            f"passages · {len(data.claims)} claims · "
            + (
                f"{len(comparison.conflicts)} conflicts found by the engine"
                if comparison is not None
                else "no comparison (it needs two articles or more)"
            )
            + f" · made {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}</p></header>\n",
            '<nav><ol><li><a href="#articles">Articles</a></li>',
            '<li><a href="#matrix">Claim matrix</a></li>' if comparison is not None else "",
            '<li><a href="#conflicts">Conflicts</a></li>' if has_conflicts else "",
            '<li><a href="#timeline">Timeline</a></li>' if plotted and plotted.claims else "",
            '<li><a href="#claims">Your claims</a></li>' if data.claims else "",
            '<li><a href="#tags">Tags</a></li><li><a href="#annotations">Annotations</a></li>',
            "</ol></nav>\n",
            '<section id="articles"><h2>Articles</h2>\n',
            '<p class="legend">Tagged passages are highlighted in their tag\'s colour and '
            'numbered (see <a href="#annotations">Annotations</a>); values the engine finds in '
            'conflict are underlined in red and marked C1, C2… (see <a href="#conflicts">'
            "Conflicts</a>).</p>\n",
            f'<div class="articles{" many" if len(data.documents) > FIT_ARTICLES else ""}" '
            f'style="--n: {max(1, len(data.documents))}">\n',
        ]
    )
    first = 1
    for document in data.documents:
        annotations = annotations_of(document)
        numbers = {a.id: n for n, a in enumerate(annotations, start=first)}
        first += len(annotations)
        yield _article(document, annotations, tags, numbers, conflict_spans[document.id])
        if progress is not None:
            progress.step(len(annotations))
    yield "</div></section>\n"
    if comparison is not None:
        yield _matrix(comparison, data.documents)
        if has_conflicts:
            yield _conflicts(comparison)
        if plotted and plotted.claims:
            titles = {d.id: d.title or d.id for d in comparison.documents}
            yield svgtimeline.section(plotted, titles, HEADER_CHARS)
    if data.claims:
        yield from _claims(data, tags)
    yield _vocabulary(data.tags, data.annotations)
    yield from _annotation_list(data, annotations_of, tags)
    yield "</body>\n</html>\n"


def _article(
    document: Document,
    annotations: list[Annotation],
    tags: dict[int, Tag],
    numbers: dict[int, int],
    conflicts: list[tuple[int, int, int, str]],
) -> str:
    """One article's text, cut at every boundary of a tag or conflict, each piece marked."""
    text = document.text
    placed = [a for a in annotations if not a.orphaned]
    cuts = {0, len(text)}
    for a in placed:
        cuts.update((a.start, a.end))
    for start, end, _, _ in conflicts:
        cuts.update((start, end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    starts_at: dict[int, list[Annotation]] = defaultdict(list)
    ends_at: dict[int, list[Annotation]] = defaultdict(list)
    for a in placed:
        starts_at[a.start].append(a)
        ends_at[a.end].append(a)
    conflict_starts: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    conflict_ends: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for item in conflicts:
        conflict_starts[item[0]].append(item)
        conflict_ends[item[1]].append(item)

    active: dict[int, Annotation] = {}
    active_conflicts: dict[int, str] = {}
    out = [
        f'<article class="article" id="doc-{escaped(document.id)}">',
        f"<h3>{escaped(quote(document.title or document.id, TITLE_CHARS))}</h3>",
        # The file's name, not its path: a path says where nkdesk or the
        # analyst's home is installed, which the reader needs not know.
        f'<p class="source-meta">{escaped(PurePath(document.path).name or document.id)}'
        f" · sha256 {document.sha256[:12]}…</p>",
        _source_details(document),
        '<div class="text">',
    ]
    for here, after in pairwise(bounds):
        for a in ends_at.get(here, ()):
            active.pop(a.id, None)
        for item in conflict_ends.get(here, ()):
            active_conflicts.pop(item[2], None)
        # Numbers go right after the passage they belong to.
        out.append(_refs(ends_at.get(here, ()), conflict_ends.get(here, ()), tags, numbers))
        for a in starts_at.get(here, ()):
            active[a.id] = a
        for item in conflict_starts.get(here, ()):
            active_conflicts[item[2]] = item[3]
        piece = escaped(text[here:after])
        if active or active_conflicts:
            piece = _mark(piece, list(active.values()), active_conflicts, tags)
        out.append(piece)
    end = len(text)
    out.append(_refs(ends_at.get(end, ()), conflict_ends.get(end, ()), tags, numbers))
    out.append("</div></article>\n")
    return "".join(out)


def _source_details(document: Document) -> str:
    """The article's outlet, date, author, first publisher and address, as one line."""
    source = document.source
    parts = [escaped(p) for p in (source.outlet, source.published) if p]
    if source.author:
        parts.append(f"by {escaped(source.author)}")
    if source.origin:
        parts.append(f"first published by {escaped(source.origin)}")
    if source.url:
        # As text, not a link: the report links only within itself (and a
        # javascript: address from a file must never become one).
        parts.append(f"<code>{escaped(source.url)}</code>")
    return f'<p class="source-details">{" · ".join(parts)}</p>' if parts else ""


def _refs(
    ended: Iterable[Annotation],
    conflicts_ended: Iterable[tuple[int, int, int, str]],
    tags: dict[int, Tag],
    numbers: dict[int, int],
) -> str:
    """The numbers of the passages and conflicts that end here, as one superscript each."""
    out = ""
    passages = sorted(ended, key=lambda a: numbers[a.id])
    if passages:
        links = ",".join(
            f'<a href="#a{numbers[a.id]}" title="{escaped(tags[a.tag].name)}">{numbers[a.id]}</a>'
            for a in passages
        )
        out += f"<sup>{links}</sup>"
    conflicts = sorted({item[2] for item in conflicts_ended})
    if conflicts:
        links = ",".join(f'<a href="#c{n}">C{n}</a>' for n in conflicts)
        out += f'<sup class="cref">{links}</sup>'
    return out


def _mark(
    piece: str, active: list[Annotation], conflicts: dict[int, str], tags: dict[int, Tag]
) -> str:
    attributes = []
    if active:
        colours = list(dict.fromkeys(_colour(tags[a.tag].colour) for a in active))
        if len(colours) == 1:
            background = colours[0] + HIGHLIGHT_ALPHA
        else:
            # Overlapping tags show as horizontal stripes, one per colour.
            step = 100 / len(colours)
            stops = ", ".join(
                f"{c}{HIGHLIGHT_ALPHA} {i * step:.0f}% {(i + 1) * step:.0f}%"
                for i, c in enumerate(colours)
            )
            background = f"linear-gradient({stops})"
        attributes.append(f'style="background: {background}"')
        names = ", ".join(dict.fromkeys(tags[a.tag].name for a in active))
        tip = names
    else:
        tip = ""
    if conflicts:
        attributes.append('class="conflict"')
        tip = "; ".join(filter(None, [tip, *conflicts.values()]))
    attributes.append(f'title="{escaped(tip)}"')
    return f"<mark {' '.join(attributes)}>{piece}</mark>"


def _matrix(comparison: Comparison, documents: tuple[Document, ...]) -> str:
    matrix = claim_matrix(comparison)
    titles = {d.id: d.title or d.id for d in documents}
    out = [
        '<section id="matrix"><h2>Claim matrix</h2>\n',
        '<p class="legend">What each source says about each claim the engine found in '
        "several sources: green where no other source contradicts it, red where one does, "
        "grey where the source does not report it.</p>\n",
        '<table><thead><tr><th>Claim</th><th class="support">Sources</th>',
    ]
    out.extend(f"<th>{escaped(quote(titles.get(s, s), HEADER_CHARS))}</th>" for s in matrix.sources)
    out.append("</tr></thead><tbody>\n")
    for row in matrix.rows:
        support = independence(row.cluster, len(matrix.sources), titles)
        out.append(
            f'<tr><td>{escaped(row.cluster.label)}</td><td class="support">{escaped(support)}</td>'
        )
        for cell in row.cells:
            css = {"conflict": "conflict-cell"}.get(cell.state, cell.state)
            out.append(f'<td class="{css}">{escaped(cell.text) if cell.text else "—"}</td>')
        out.append("</tr>\n")
    out.append("</tbody></table></section>\n")
    return "".join(out)


def _conflicts(comparison: Comparison) -> str:
    titles = {d.id: quote(d.title or d.id, HEADER_CHARS) for d in comparison.documents}
    out = ['<section id="conflicts"><h2>Conflicts</h2>\n<ol class="conflicts">\n']
    for n, conflict in enumerate(comparison.conflicts, start=1):
        a, b = conflict.a, conflict.b
        out.append(
            f'<li id="c{n}"><strong>C{n}</strong> '
            f"{escaped(titles.get(a.doc, a.doc))}: <q>{escaped(_fact_text(comparison, a))}</q> "
            f"vs {escaped(titles.get(b.doc, b.doc))}: <q>{escaped(_fact_text(comparison, b))}</q>"
            f'<div class="ann-meta">{escaped(conflict.why)}</div></li>\n'
        )
    out.append("</ol></section>\n")
    return "".join(out)


def _fact_text(comparison: Comparison, fact: Fact) -> str:
    return fact.text or comparison.text(fact.span)


def _claims(data: TagFile, tags: dict[int, Tag]) -> Iterator[str]:
    documents = list(data.documents)
    passages_of = passages_of_claims(data)
    out = [
        '<section id="claims"><h2>Your claims</h2>\n',
        "<table><thead><tr><th>Claim</th>",
        *(
            f"<th>{escaped(quote(d.title or d.id, HEADER_CHARS))}"
            + (
                f'<div class="ann-meta">{escaped(d.source.label())}</div>'
                if d.source.label()
                else ""
            )
            + "</th>"
            for d in documents
        ),
        "</tr></thead><tbody>\n",
    ]
    for claim in data.claims:
        by_document: dict[str, list[Annotation]] = defaultdict(list)
        for a in passages_of(claim.id):
            by_document[a.document].append(a)
        note = f'<div class="note">{escaped(claim.note)}</div>' if claim.note else ""
        out.append(f"<tr><td><strong>{escaped(claim.label)}</strong>{note}</td>")
        for d in documents:
            passages = by_document.get(d.id, [])
            if not passages:
                out.append('<td class="absent">—</td>')
                continue
            lines = []
            for a in passages:
                facts = " · ".join(
                    escaped(x) for x in (a.stance, a.value, a.speaker and f"per {a.speaker}") if x
                )
                lines.append(
                    f"<div>“{escaped(quote(a.quote))}”"
                    + (f' <span class="ann-meta">{facts}</span>' if facts else "")
                    + "</div>"
                )
            out.append(f"<td>{''.join(lines)}</td>")
        out.append("</tr>\n")
        yield "".join(out)
        out.clear()
    out.append("</tbody></table></section>\n")
    yield "".join(out)


def _vocabulary(tag_list: tuple[Tag, ...], annotations: Iterable[Annotation]) -> str:
    counts: dict[int, int] = defaultdict(int)
    for a in annotations:
        counts[a.tag] += 1
    out = [
        '<section id="tags"><h2>Tags</h2>\n<table><thead><tr><th>Tag</th><th>Key</th>'
        "<th>Used</th><th>Description</th></tr></thead><tbody>\n"
    ]
    for tag in tag_list:
        out.append(
            f'<tr><td><span class="swatch" style="background: {_colour(tag.colour)}"></span> '
            f"{escaped(tag.name)}</td><td>{tag.hotkey or ''}</td><td>{counts[tag.id]}</td>"
            f"<td>{escaped(tag.description)}</td></tr>\n"
        )
    out.append("</tbody></table></section>\n")
    return "".join(out)


def _annotation_list(
    data: TagFile, annotations_of: Callable[[Document], list[Annotation]], tags: dict[int, Tag]
) -> Iterator[str]:
    claims = data.claims_by_id()
    yield '<section id="annotations"><h2>Annotations</h2>\n'
    number = 1
    for document in data.documents:
        annotations = annotations_of(document)
        if not annotations:
            continue
        out = [
            f"<h3>{escaped(quote(document.title or document.id, TITLE_CHARS))}</h3>\n"
            f'<ol class="annotations" start="{number}">\n'
        ]
        for a in annotations:
            tag = tags[a.tag]
            details = [
                f'<span class="swatch" style="background: {_colour(tag.colour)}"></span> '
                f"{escaped(tag.name)}"
            ]
            if a.claim is not None:
                details.append(f"claim: {escaped(claims[a.claim].label)}")
            details.extend(
                escaped(x)
                for x in (
                    a.stance,
                    a.value and f"value: {a.value}",
                    a.speaker and f"speaker: {a.speaker}",
                )
                if x
            )
            made = " · ".join(
                filter(None, [escaped(a.author), escaped(a.modified[:16].replace("T", " "))])
            )
            orphaned = (
                ' <span class="orphaned">(orphaned: no longer found in the text)</span>'
                if a.orphaned
                else ""
            )
            note = f'<div class="note">{escaped(a.note)}</div>' if a.note else ""
            out.append(
                f'<li id="a{number}">“{escaped(quote(a.quote, SUMMARY_QUOTE_CHARS))}”{orphaned}'
                f'<div class="ann-meta">{" · ".join(details)} · {made}</div>{note}</li>\n'
            )
            number += 1
        out.append("</ol>\n")
        yield "".join(out)
    if not data.annotations:
        yield "<p>No passages are tagged yet.</p>\n"
    yield "</section>\n"
