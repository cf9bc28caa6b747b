"""Characters no reader sees change nothing the engine finds, and offsets stay the original's."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.analysis import Comparison, compare
from nkdesk.analysis.model import Span
from nkdesk.corpus import Document
from nkdesk.text.normalize import visible

A = """North Korean troops pulled back from the Kursk front
North Korean soldiers who fought alongside Russian forces have been pulled back from the front line in Kursk, Ukrainian officials said on Thursday.
About 11,000 North Korean troops were deployed to the region in October, according to South Korea's spy agency.
The soldiers suffered heavy casualties in drone attacks, the agency told lawmakers in Seoul.
Kim Jong Un has not commented on the deployment, which Pyongyang never confirmed.
Colonel Oleksandr Kindratenko said the units had not been seen at the front for three weeks.
"""
B = """Pyongyang withdraws its soldiers from Kursk, Kyiv says
Ukrainian officials said on Thursday that North Korean soldiers who fought alongside Russian forces have been pulled back from the front line in Kursk.
South Korea's spy agency said about 12,000 North Korean troops were deployed to the region in October.
The soldiers suffered heavy casualties in drone attacks, according to the agency's briefing to lawmakers in Seoul.
Pyongyang never confirmed the deployment, and Kim Jong Un has not commented on it.
The units had not been seen at the front for three weeks, Colonel Oleksandr Kindratenko said.
"""
# Zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
SPACES = "\u00a0\u202f"


def plant(text: str, rng: random.Random, share: float = 0.5) -> tuple[str, list[int]]:
    """``text`` with invisible characters inside words and no-break spaces between them.

    Also returns where each of its characters went (one more entry: the end),
    the map a clean offset is checked through.
    """
    out: list[str] = []
    where: list[int] = []
    for char in text:
        if char == " " and rng.random() < share:
            char = rng.choice(SPACES)
        elif char.isalpha() and out and out[-1].isalpha() and rng.random() < share:
            out.extend(rng.choice(INVISIBLE) for _ in range(rng.randint(1, 2)))
        where.append(len(out))
        out.append(char)
    where.append(len(out))
    return "".join(out), where


def moved(span: Span, where: dict[str, list[int]]) -> Span:
    """A clean span where it is in the planted text: invisibles at its edges left out."""
    w = where[span.doc]
    if span.start == span.end:
        return Span(span.doc, w[span.start], w[span.start])
    return Span(span.doc, w[span.start], w[span.end - 1] + 1)


def links(comparison: Comparison) -> list[tuple[str, Span, Span]]:
    return sorted((link.kind, link.a, link.b) for link in comparison.links)


def assert_same_findings(clean: Comparison, dirty: Comparison, where: dict[str, list[int]]) -> None:
    expected = sorted((kind, moved(a, where), moved(b, where)) for kind, a, b in links(clean))
    assert links(dirty) == expected
    assert [moved(f.span, where) for f in clean.facts] == [f.span for f in dirty.facts]
    assert [(f.value, f.referent) for f in clean.facts] == [
        (f.value, f.referent) for f in dirty.facts
    ]
    assert [tuple(moved(m, where) for m in c.members) for c in clean.clusters] == [
        c.members for c in dirty.clusters
    ]
    assert [(c.a.value, c.b.value) for c in clean.conflicts] == [
        (c.a.value, c.b.value) for c in dirty.conflicts
    ]


def assert_offsets_slice_the_original(comparison: Comparison) -> None:
    """Every offset is into the text as given, and slices out what the engine read."""
    texts = {d.id: d.text for d in comparison.documents}
    spans = [s for link in comparison.links for s in (link.a, link.b)]
    spans += [f.span for f in comparison.facts]
    spans += [m for c in comparison.clusters for m in c.members]
    spans += [u.span for u in comparison.units]
    for span in spans:
        text = texts[span.doc]
        assert 0 <= span.start <= span.end <= len(text)
        piece = text[span.start : span.end]
        # No stretch starts or ends on a character no one sees.
        assert piece == "" or (visible(piece[0]).text and visible(piece[-1]).text)
    for fact in comparison.facts:
        assert visible(texts[fact.doc][fact.start : fact.end]).text == fact.text
    for link in comparison.links:
        for op in link.ops:
            assert link.a.start <= op.a_start <= op.a_end <= link.a.end
            assert link.b.start <= op.b_start <= op.b_end <= link.b.end


def test_zero_width_characters_and_no_break_spaces_change_no_link() -> None:
    clean = compare({"a": A, "b": B})
    assert len(clean.shared_links) >= 8 and clean.conflicts
    rng = random.Random(10)
    planted = {doc: plant(text, rng) for doc, text in (("a", A), ("b", B))}
    dirty = compare({doc: text for doc, (text, _) in planted.items()})
    assert dirty.documents[0].text == planted["a"][0]  # the text as given, not as read
    assert_same_findings(clean, dirty, {doc: where for doc, (_, where) in planted.items()})
    assert_offsets_slice_the_original(dirty)


def test_the_seeds_with_invisible_characters_planted_give_the_same_comparison(
    seed_texts: dict[str, str],
) -> None:
    clean = compare(seed_texts)
    rng = random.Random(3)
    planted = {doc: plant(text, rng, share=0.3) for doc, text in seed_texts.items()}
    dirty = compare([Document.from_text(doc, text) for doc, (text, _) in planted.items()])
    assert_same_findings(clean, dirty, {doc: where for doc, (_, where) in planted.items()})
    assert_offsets_slice_the_original(dirty)


def test_a_link_keeps_the_invisible_characters_inside_it_and_those_at_its_edges_out() -> None:
    a = "Officials said 12,000 troops arrived in Kursk on Monday morning, after a long march."
    b = "\u200bOfficials said 12,000 tro\u200bops arrived in Kur\u00adsk on Monday morning.\u2060"
    comparison = compare({"a": a, "b": b})
    quoted = [b[link.b.start : link.b.end] for link in comparison.shared_links]
    whole = max(quoted, key=len)
    assert whole.startswith("Officials") and "tro\u200bops" in whole and "Kur\u00adsk" in whole
    assert whole.endswith("morning.")


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.05, 1.0))
def test_any_planting_of_invisible_characters_finds_the_same(seed: int, share: float) -> None:
    rng = random.Random(seed)
    planted = {doc: plant(text, rng, share) for doc, text in (("a", A), ("b", B))}
    dirty = compare({doc: text for doc, (text, _) in planted.items()})
    assert_same_findings(CLEAN, dirty, {doc: where for doc, (_, where) in planted.items()})
    assert_offsets_slice_the_original(dirty)


CLEAN = compare({"a": A, "b": B})
