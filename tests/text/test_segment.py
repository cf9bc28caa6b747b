"""Tests for nkdesk.text.segment: headlines, sentences and clauses as offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.text.segment import (
    CLAUSE,
    HEADLINE,
    MONTHS,
    SENTENCE,
    TITLES,
    Segment,
    clauses,
    sentences,
)

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
CLAUSE_GAP = set(",;:—–-")


def texts_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def clause_texts(text: str) -> list[str]:
    (sentence,) = sentences(text)
    return [text[c.start : c.end] for c in clauses(text, sentence)]


# ---------------------------------------------------------------------------
# Sentence ends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One two three. Four five six.", ["One two three.", "Four five six."]),
        ("Is it? Yes! It is.", ["Is it?", "Yes!", "It is."]),
        ("It rose. 12 people left.", ["It rose.", "12 people left."]),
        ('It ended. "Why?" he asked.', ["It ended.", '"Why?" he asked.']),
        ("It ended. “Why?” he asked.", ["It ended.", "“Why?” he asked."]),
        ("It ended. (Nobody knew.)", ["It ended.", "(Nobody knew.)"]),
        ("The end.It was not.", ["The end.It was not."]),
        ("He left. and then came back.", ["He left. and then came back."]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("He paused... and spoke.", ["He paused... and spoke."]),
        ("Wait… What happened?", ["Wait…", "What happened?"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ('"Why?" he asked.', ['"Why?" he asked.']),
        ("It rose 1.5 percent. Then it fell.", ["It rose 1.5 percent.", "Then it fell."]),
        ("It cost $3.50 in total. Fine.", ["It cost $3.50 in total.", "Fine."]),
        ("Hello world.\xa0Next one here.", ["Hello world.", "Next one here."]),
        ("Hello world.\u202fNext one here.", ["Hello world.", "Next one here."]),
    ],
)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts_of(text) == expected


@pytest.mark.parametrize("title", sorted(TITLES))
def test_titles_do_not_end_sentences(title: str) -> None:
    text = f"We met {title}. Smith today. He left."
    assert texts_of(text) == [f"We met {title}. Smith today.", "He left."]


@pytest.mark.parametrize("month", sorted(MONTHS))
def test_abbreviated_months_do_not_end_sentences(month: str) -> None:
    text = f"It began on {month}. 31 in the north. Then it spread."
    assert texts_of(text) == [f"It began on {month}. 31 in the north.", "Then it spread."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials in the U.S. Army said so. Then they left.",
            ["Officials in the U.S. Army said so.", "Then they left."],
        ),
        (
            "Then-U. S. Defense Secretary Lloyd Austin spoke. He left.",
            ["Then-U. S. Defense Secretary Lloyd Austin spoke.", "He left."],
        ),
        ("The U.K. Foreign Office agreed. Fine.", ["The U.K. Foreign Office agreed.", "Fine."]),
        ("The U.N. Security Council met. Fine.", ["The U.N. Security Council met.", "Fine."]),
        (
            "Some allies, e.g. Britain, agreed. Fine.",
            ["Some allies, e.g. Britain, agreed.", "Fine."],
        ),
        ("One ally, i.e. France, agreed. Fine.", ["One ally, i.e. France, agreed.", "Fine."]),
        ("John F. Kennedy was shot. It was 1963.", ["John F. Kennedy was shot.", "It was 1963."]),
        ("J. R. R. Tolkien wrote it. Fine.", ["J. R. R. Tolkien wrote it.", "Fine."]),
        ("He lives at No. 10 in London. Fine.", ["He lives at No. 10 in London.", "Fine."]),
        ("He said No. Nobody listened.", ["He said No.", "Nobody listened."]),
        (
            "They bought guns, tanks etc. and more. Fine.",
            ["They bought guns, tanks etc. and more.", "Fine."],
        ),
        (
            "They bought guns, tanks etc. Then they left.",
            ["They bought guns, tanks etc.", "Then they left."],
        ),
        (
            "It starts at 5 p.m. The doors open early.",
            ["It starts at 5 p.m.", "The doors open early."],
        ),
        (
            "Lt. Gen. Smith and Sgt. Jones spoke. Fine.",
            ["Lt. Gen. Smith and Sgt. Jones spoke.", "Fine."],
        ),
    ],
)
def test_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert texts_of(text) == expected


# ---------------------------------------------------------------------------
# Quotations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We came. We saw. We won,” he said. Then he left.",
            ["“We came. We saw. We won,” he said.", "Then he left."],
        ),
        ('"Stop. Now," she said. Fine.', ['"Stop. Now," she said.', "Fine."]),
        (
            "He said: “Go home.” Then he left.",
            ["He said: “Go home.”", "Then he left."],
        ),
        (
            'He said: "Go home." Then he left.',
            ['He said: "Go home."', "Then he left."],
        ),
        (
            "He said: “Go home.’ Then he left.” Fine.",
            ["He said: “Go home.’ Then he left.”", "Fine."],
        ),
    ],
)
def test_quoted_speech_stays_whole(text: str, expected: list[str]) -> None:
    assert texts_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Opened and never closed: split as if there were no quotes.
        ("“He said. Then he left. The end.", ["“He said.", "Then he left.", "The end."]),
        ('"He said. Then he left. The end.', ['"He said.', "Then he left.", "The end."]),
        # A closing glyph used to open a quotation, as broken articles do.
        (
            "” They fight. They win”, he said. ” They are brave”.",
            ["” They fight.", "They win”, he said.", "” They are brave”."],
        ),
    ],
)
def test_unbalanced_quotes_never_swallow_the_line(text: str, expected: list[str]) -> None:
    assert texts_of(text) == expected


def test_unbalanced_quote_does_not_affect_the_next_line() -> None:
    text = "“Open and never closed. Second.\n“Closed. Inside,” he said. Done."
    assert texts_of(text) == [
        "“Open and never closed.",
        "Second.",
        "“Closed. Inside,” he said.",
        "Done.",
    ]


def test_stray_commas_between_sentences() -> None:
    text = "It was a sign of desperation. \xa0, Western estimates rose."
    assert texts_of(text) == ["It was a sign of desperation.", ", Western estimates rose."]


# ---------------------------------------------------------------------------
# Lines, paragraphs and headlines


def test_headlines_and_paragraphs() -> None:
    text = (
        "Troops pulled from front lines\n"
        "\n"
        "The army left. It came back.\n"
        "\n"
        "\xa0\n"
        "Strategic upheavals and reactions\n"
        "Officials stated the following:\n"
        "It ended."
    )
    got = [(text[s.start : s.end], s.kind, s.paragraph) for s in sentences(text)]
    assert got == [
        ("Troops pulled from front lines", HEADLINE, 0),
        ("The army left.", SENTENCE, 1),
        ("It came back.", SENTENCE, 1),
        ("Strategic upheavals and reactions", HEADLINE, 2),
        ("Officials stated the following:", SENTENCE, 3),
        ("It ended.", SENTENCE, 4),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Have They Made A Difference On The Battlefield?", HEADLINE),
        ("So How Bad Are The Casualties?", HEADLINE),
        ("What does the army want from this war?", SENTENCE),
        ("Who Is He? Nobody Knows!", SENTENCE),
        ("“A quoted headline”", HEADLINE),
        ("A short line ending in a quote.”", SENTENCE),
        ("Russian-Korean alliance - mutual interests", HEADLINE),
    ],
)
def test_headline_detection(line: str, kind: str) -> None:
    assert {s.kind for s in sentences(line)} == {kind}


def test_short_headline_with_inner_full_stop_stays_one_headline() -> None:
    text = "War in Europe. Day 300"
    assert [(s.start, s.end, s.kind) for s in sentences(text)] == [(0, len(text), HEADLINE)]


def test_long_line_without_final_stop_is_prose() -> None:
    first = "The long paragraph starts here and goes on with many words about the war."
    second = "It lost its final full stop somewhere on the way from the website to the file"
    text = f"{first} {second}"
    assert [(text[s.start : s.end], s.kind) for s in sentences(text)] == [
        (first, SENTENCE),
        (second, SENTENCE),
    ]


def test_sentences_never_cross_line_breaks() -> None:
    text = "One sentence without end\r\nA second line. Mr.\nSmith arrived.\u2028Done"
    for segment in sentences(text):
        assert not any(c in LINE_BREAKS for c in text[segment.start : segment.end])
    assert texts_of(text) == [
        "One sentence without end",
        "A second line.",
        "Mr.",
        "Smith arrived.",
        "Done",
    ]


def test_segments_are_trimmed_and_offsets_are_code_points() -> None:
    text = "  \xa0😀 Emoji lead. Then 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text.  \n"
    segments = sentences(text)
    assert [text[s.start : s.end] for s in segments] == ["😀 Emoji lead.", "Then 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text."]
    assert segments[0].start == 3


def test_empty_and_blank_texts() -> None:
    assert sentences("") == []
    assert sentences(" \n\xa0\n\t") == []


# ---------------------------------------------------------------------------
# Clauses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army advanced quickly; the enemy retreated in disorder.",
            ["The army advanced quickly", "the enemy retreated in disorder."],
        ),
        (
            "The army gave one reason for it: the enemy retreated in disorder.",
            ["The army gave one reason for it", "the enemy retreated in disorder."],
        ),
        (
            "The meeting of the generals began at 11:00 in the capital city.",
            ["The meeting of the generals began at 11:00 in the capital city."],
        ),
        (
            "The soldiers fought very fiercely, but their lack of coordination hurt them.",
            ["The soldiers fought very fiercely", "but their lack of coordination hurt them."],
        ),
        (
            "Ukraine attacked the Kursk region, which some see as a waste.",
            ["Ukraine attacked the Kursk region", "which some see as a waste."],
        ),
        (
            "The allies of Ukraine were worried, who saw it as escalation.",
            ["The allies of Ukraine were worried", "who saw it as escalation."],
        ),
        (
            "Moscow sends oil to the north, as well as food and modern weapons.",
            ["Moscow sends oil to the north", "as well as food and modern weapons."],
        ),
        (
            "Its forces — some of the most experienced units — seized a lot of territory.",
            ["Its forces — some of the most experienced units", "seized a lot of territory."],
        ),
        (
            "Whether the gamble pays off for them—or further isolates the country—remains open.",
            [
                "Whether the gamble pays off for them",
                "or further isolates the country—remains open.",
            ],
        ),
        (
            "The defence was initially shambolic – which prompted surprise and outrage.",
            ["The defence was initially shambolic", "which prompted surprise and outrage."],
        ),
        (
            "The fighting lasted from 1990 – 2000 in that very remote region.",
            ["The fighting lasted from 1990 – 2000 in that very remote region."],
        ),
        (
            "Officials in Washington and Seoul, who spoke, , which nobody saw, agreed today.",
            ["Officials in Washington and Seoul, who spoke", "which nobody saw, agreed today."],
        ),
    ],
)
def test_clause_splits(text: str, expected: list[str]) -> None:
    assert clause_texts(text) == expected


def test_clauses_never_split_inside_a_quotation() -> None:
    text = "“We hold the line; the enemy, which is tired, will break,” the general said on TV."
    assert clause_texts(text) == [text]


def test_short_clauses_merge_with_a_neighbour() -> None:
    assert clause_texts("Note: the army left the city before the attack began.") == [
        "Note: the army left the city before the attack began."
    ]
    assert clause_texts("The army left the city before dawn; it rained.") == [
        "The army left the city before dawn; it rained."
    ]


def test_unsplit_sentence_is_one_clause() -> None:
    text = "Nothing here splits at all."
    (sentence,) = sentences(text)
    assert clauses(text, sentence) == [Segment(0, len(text), CLAUSE, 0)]


def test_clause_paragraph_follows_the_sentence() -> None:
    text = "First line.\nThe army advanced quickly; the enemy retreated in disorder."
    sentence = sentences(text)[-1]
    assert {c.paragraph for c in clauses(text, sentence)} == {1}


def test_clauses_of_a_sentence_with_edge_separators_still_cover_it() -> None:
    text = "; The army advanced quickly; the enemy retreated in total disorder ;"
    (sentence,) = sentences(text)
    result = clauses(text, sentence)
    assert result[0].start == sentence.start
    assert result[-1].end == sentence.end


# ---------------------------------------------------------------------------
# Properties

_PIECES = st.sampled_from(
    [
        "The", "army", "Mr.", "U.", "S.", "U.S.", "e.g.", "etc.", "No.", "Jan.", "F.", "1.5",
        "11:00", "11, 000", ".", "...", "…", "!", "?", ";", ":", ",", ", but", ", which", " — ",
        "—", " – ", "-", "“", "”", '"', "‘", "’", "(", ")", " ", "  ", "\xa0", "\u202f", "\n",
        "\n\n", "\r\n", "\t", "\u2028", "😀", "x", "Y", "9",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=60).map(" ".join),
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(max_size=200),
)


def check_segments(text: str, segments: list[Segment]) -> None:
    previous_end = -1
    for segment in segments:
        surface = text[segment.start : segment.end]
        assert surface, segment
        assert surface == surface.strip(), segment
        assert segment.start >= previous_end
        previous_end = segment.end


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_sentences_cover_all_text_in_order(text: str) -> None:
    segments = sentences(text)
    check_segments(text, segments)
    covered = [0] * len(text)
    for segment in segments:
        assert not any(c in LINE_BREAKS for c in text[segment.start : segment.end])
        assert segment.kind in (HEADLINE, SENTENCE)
        for i in range(segment.start, segment.end):
            covered[i] += 1
    for char, count in zip(text, covered, strict=True):
        assert count == 1 or (count == 0 and char.isspace())
    paragraphs = [s.paragraph for s in segments]
    assert paragraphs == sorted(paragraphs)
    assert sorted(set(paragraphs)) == list(range(len(set(paragraphs))))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_clauses_cover_their_sentence(text: str) -> None:
    for sentence in sentences(text):
        parts = clauses(text, sentence)
        check_segments(text, parts)
        assert parts[0].start == sentence.start
        assert parts[-1].end == sentence.end
        assert all(c.kind == CLAUSE and c.paragraph == sentence.paragraph for c in parts)
        for left, right in itertools.pairwise(parts):
            gap = text[left.end : right.start]
            assert all(c.isspace() or c in CLAUSE_GAP for c in gap), gap


# ---------------------------------------------------------------------------
# The seed articles


def test_seeds_segment_cleanly(seed_texts: dict[str, str]) -> None:
    assert seed_texts
    headlines = 0
    for text in seed_texts.values():
        segments = sentences(text)
        check_segments(text, segments)
        lines = [line for line in text.split("\n") if line.strip()]
        assert max(s.paragraph for s in segments) == len(lines) - 1
        for segment in segments:
            surface = text[segment.start : segment.end]
            assert "\n" not in surface
            if segment.kind == HEADLINE:
                headlines += 1
                assert surface == lines[segment.paragraph].strip()
                assert len(surface.split()) <= 25
            for clause in clauses(text, segment):
                assert segment.start <= clause.start < clause.end <= segment.end
        # A short line with no final punctuation is always a headline.
        for index, line in enumerate(lines):
            stripped = line.strip().rstrip("”\"’'")
            if stripped[-1] not in ".!?…:" and len(stripped.split()) <= 25:
                assert [s.kind for s in segments if s.paragraph == index] == [HEADLINE]
    assert headlines > 0
