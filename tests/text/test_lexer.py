"""Tests for nkdesk.text.lexer: golden token files, the token contract, invariants."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexers import get_lexer_by_name
from pygments.token import (
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from nkdesk.text.lexer import (
    _REGIONS_PAIR_RE,
    _RUN_RE,
    PLAIN_NAME,
    PLAIN_WORD,
    NewsClaimsLexer,
    TokenType,
    _capitalised_matches,
    claim_spans,
)

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOLDEN_CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))
SEED_CASES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _read_exactly(path: Path) -> str:
    # Not read_text(): universal newlines would change the text under test.
    return path.read_bytes().decode("utf-8")


def _format_tokens(text: str) -> str:
    return "".join(f"{ttype}\t{value!r}\n" for ttype, value in NewsClaimsLexer().get_tokens(text))


def _check_golden(text: str, expected_path: Path, regen: bool) -> None:
    actual = _format_tokens(text)
    if regen:
        expected_path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} is missing; run pytest with --regen-golden")
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden_cases(case: str, regen_golden: bool) -> None:
    text = _read_exactly(GOLDEN / f"{case}.txt")
    _check_golden(text, GOLDEN / f"{case}.tokens", regen_golden)


@pytest.mark.parametrize("seed", SEED_CASES)
def test_golden_seeds(seed: str, regen_golden: bool) -> None:
    text = _read_exactly(SEEDS / seed)
    _check_golden(text, GOLDEN / f"seed-{Path(seed).stem}.tokens", regen_golden)


def test_golden_token_files_have_inputs() -> None:
    cases = set(GOLDEN_CASES) | {f"seed-{Path(s).stem}" for s in SEED_CASES}
    stale = {p.stem for p in GOLDEN.glob("*.tokens")} - cases
    assert not stale, f"golden token files without an input: {sorted(stale)}"


def test_golden_files_parse_back_to_their_input() -> None:
    for tokens_file in GOLDEN.glob("*.tokens"):
        values = [
            ast.literal_eval(line.split("\t", 1)[1])
            for line in tokens_file.read_text(encoding="utf-8").splitlines()
        ]
        if tokens_file.stem.startswith("seed-"):
            source = SEEDS / f"{tokens_file.stem.removeprefix('seed-')}.txt"
        else:
            source = GOLDEN / f"{tokens_file.stem}.txt"
        assert "".join(values) == _read_exactly(source), tokens_file.name


def _tokens(text: str) -> list[tuple[TokenType, str]]:
    return [(t, v) for _, t, v in NewsClaimsLexer().get_tokens_unprocessed(text)]


def _claims(text: str) -> list[tuple[TokenType, str]]:
    return [(t, text[s:e]) for s, e, t in claim_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "approximately 12,000 North Korean troops",
            [
                (Keyword.Qualifier, "approximately"),
                (Number, "12,000"),
                (Name.Place.Demonym, "North Korean"),
            ],
        ),
        ("More than 11, 000 in all", [(Keyword.Qualifier, "More than"), (Number, "11, 000")]),
        ("the 11, 000-12, 000 deployed", [(Number, "11, 000-12, 000")]),
        ("between 11,000 and 12,000 men", [(Number, "between 11,000 and 12,000")]),
        ("up to 50 per cent", [(Keyword.Qualifier, "up to"), (Number, "50 per cent")]),
        ("1, 2 and 3", [(Number, "1"), (Number, "2"), (Number, "3")]),
        ("the 1, 100-kilometer line", [(Number, "1, 100")]),
        ("on December 26", [(Literal.Date, "December 26")]),
        ("On December 26, 100 soldiers", [(Literal.Date, "December 26"), (Number, "100")]),
        ("since mid-October", [(Literal.Date, "mid-October")]),
        ("in 2022 and the 2022-23 season", [(Literal.Date, "2022"), (Number, "2022-23")]),
        ("last year", [(Literal.Date, "last year")]),
        ("three months", [(Literal.Date.Duration, "three months")]),
        (
            "about two weeks",
            [(Keyword.Qualifier, "about"), (Literal.Date.Duration, "two weeks")],
        ),
        ("in just the past week", [(Literal.Date.Duration, "the past week")]),
        ("For decades", [(Literal.Date.Duration, "decades")]),
        ("two months ago", [(Literal.Date, "two months ago")]),
        (
            "according to the agency",
            [(Keyword.Attribution, "according to")],
        ),
        (
            "The Times reports it",
            [(Name.Organization, "The Times"), (Keyword.Attribution, "reports")],
        ),
        ("Initial reports said", [(Keyword.Attribution, "said")]),
        (
            "He cited KCNA and RFE/RL.",
            [(Name.Organization, "KCNA"), (Name.Organization, "RFE/RL")],
        ),
        ("GDP grew in the U.S.", [(Name.Place, "U.S.")]),
        ("RUSSIA LAUNCHES DRONES AT KYIV\n", [(Name.Place, "RUSSIA"), (Name.Place, "KYIV")]),
        ("the Kursk region", [(Name.Place, "Kursk region")]),
        ("However, Ukraine agreed.", [(Name.Place, "Ukraine")]),
        ("The deployment began.", []),
        ("It was Ukraine’s call.", [(Name.Place, "Ukraine")]),
    ],
)
def test_claims_in_crafted_sentences(text: str, expected: list[tuple[TokenType, str]]) -> None:
    assert _claims(text) == expected


def test_titles_make_people() -> None:
    text = "Ukrainian Army Commander-in-Chief General Oleksandr Syrsky spoke."
    assert _claims(text) == [
        (Name.Organization, "Ukrainian Army"),
        (Name.Person, "Commander-in-Chief General Oleksandr Syrsky"),
    ]
    text = "White House spokesperson John Kirby stated it."
    assert _claims(text)[:2] == [(Name.Organization, "White House"), (Name.Person, "John Kirby")]


def test_a_person_introduced_once_stays_a_person() -> None:
    text = "North Korean leader Kim Jong-un sent troops. Later, Kim Jong-un and Kim returned."
    people = [value for ttype, value in _claims(text) if ttype is Name.Person]
    assert people == ["Kim Jong-un", "Kim Jong-un", "Kim"]


def test_the_first_of_two_regions_is_a_place() -> None:
    text = "Shelling hit the Zorvask and Melnytsia regions.\nLater, Zorvask said nothing."
    places = [value for ttype, value in _claims(text) if ttype is Name.Place]
    assert places == ["Zorvask", "Melnytsia regions", "Zorvask"]


def test_subject_of_said_is_a_person_but_a_sentence_initial_common_noun_is_not() -> None:
    text = "The report, Kirby said, was wrong. Officials said more. Analysts warned."
    assert _claims(text) == [
        (Name.Person, "Kirby"),
        (Keyword.Attribution, "said"),
        (Keyword.Attribution, "said"),
        (Keyword.Attribution, "warned"),
    ]


def test_nationalities_are_demonyms_not_people() -> None:
    ttypes = dict((v, t) for t, v in _claims("North Korean soldiers met Ukrainian troops."))
    assert ttypes == {"North Korean": Name.Place.Demonym, "Ukrainian": Name.Place.Demonym}
    assert Name.Place.Demonym in Name.Place


def test_sentence_initial_function_words_are_not_names() -> None:
    for word in ("However", "The", "According", "This", "It", "When", "Since"):
        tokens = _tokens(f"First. {word} something happened.")
        assert (Text, word) in tokens, word


def test_headline_capitals_are_not_names() -> None:
    assert _claims("Human Toll and Prisoner Incident\nThe toll rose.") == []
    assert _claims("So How Bad Are North Korean Casualties?\n") == [
        (Name.Place.Demonym, "North Korean")
    ]


def test_quotations_keep_to_their_line() -> None:
    text = "He said “it is over\nand done” later."
    assert all(ttype is not String for ttype, _ in _tokens(text))
    assert _claims("“We confirmed it,” the agency said.")[0] == (String, "“We confirmed it,”")


def test_broken_quotes_do_not_swallow_the_paragraph() -> None:
    text = (
        "” They are quite brave, of course”. Then he left, and Ukraine’s army moved as” planned”."
    )
    strings = [value for ttype, value in _tokens(text) if ttype is String]
    assert strings == ["” They are quite brave, of course”"]


def test_apostrophes_are_not_quotes() -> None:
    assert all(
        ttype is not String for ttype, _ in _tokens("Ukraine’s army didn’t move, it’s said.")
    )
    assert (String, "‘Ukraine’s army’") in _tokens("a ‘Ukraine’s army’ slogan")


def test_claim_spans_merge_touching_tokens_of_one_type() -> None:
    text = "“a” “b” and 5"
    assert claim_spans(text) == [(0, 3, String), (4, 7, String), (12, 13, Number)]
    merged = "”x”“y”"
    assert [(s, e) for s, e, t in claim_spans(merged) if t is String] == [(0, 6)]


def test_default_options_preserve_the_input() -> None:
    lexer = NewsClaimsLexer()
    assert (lexer.stripnl, lexer.ensurenl, lexer.stripall) == (False, False, False)
    text = "\n\n  Kim said 5.\t\u00a0"
    assert "".join(v for _, v in lexer.get_tokens(text)) == text


def test_registered_with_pygments() -> None:
    lexer = get_lexer_by_name("newsclaims")
    assert isinstance(lexer, NewsClaimsLexer)
    assert lexer.name == "News claims"
    assert NewsClaimsLexer.mimetypes == ["text/x-newsclaims"]


class _WithoutShortcuts(NewsClaimsLexer):
    """The lexer minus its two fast paths, to prove they change no token."""

    tokens = {  # noqa: RUF012
        "root": [
            rule
            for rule in NewsClaimsLexer.tokens["root"]
            if not (isinstance(rule, tuple) and rule[0] in (PLAIN_WORD, PLAIN_NAME))
        ],
        **{k: v for k, v in NewsClaimsLexer.tokens.items() if k != "root"},
    }


def test_the_shortcuts_change_no_token_on_the_seeds(seed_texts: dict[str, str]) -> None:
    assert len(_WithoutShortcuts.tokens["root"]) == len(NewsClaimsLexer.tokens["root"]) - 2
    for text in [*seed_texts.values(), *(_read_exactly(GOLDEN / f"{c}.txt") for c in GOLDEN_CASES)]:
        fast = list(NewsClaimsLexer().get_tokens_unprocessed(text))
        assert fast == list(_WithoutShortcuts().get_tokens_unprocessed(text))


def _match_spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_capitalised_matches_are_finditers_on_the_seeds(seed_texts: dict[str, str]) -> None:
    texts = [*seed_texts.values(), "the Donetsk and Luhansk regions, U.S. and U.K. provinces"]
    for text in texts:
        for pattern in (_RUN_RE, _REGIONS_PAIR_RE):
            expected = _match_spans(pattern.finditer(text))
            assert _match_spans(_capitalised_matches(pattern, text)) == expected


PROSE = st.sampled_from(
    [
        "the", "The", "a", "About", "about", "more than", "over", "3", "11, 000", "12,000",
        "-", "–", "to", "and", "between", "three", "months", "weeks", "ago", "past", "last",
        "December", "26", "mid-", "in", "2022", "said", "according to", "Kim", "Jong-un",
        "General", "President", "leader", "Kursk", "region", "North Korea", "North Korean",
        "KCNA", "RFE/RL", "U.S.", "Times", "reports", "“", "”", '"', "‘", "’", "'", "s",
        "didn’t", ".", ",", ":", " ", " ", " ", "\u00a0", "\n", "\t", "%", "per cent",
        "However", "Officials", "\U0001f600", "\U00010400",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PROSE, st.text(max_size=3))).map("".join))


@given(TEXTS)
@settings(max_examples=300)
def test_tokens_join_back_into_the_input(text: str) -> None:
    tokens = list(NewsClaimsLexer().get_tokens_unprocessed(text))
    assert "".join(v for _, _, v in tokens) == text
    position = 0
    for start, ttype, value in tokens:
        assert start == position and value and ttype is not Error
        position += len(value)


@given(TEXTS.filter(lambda t: "\r" not in t and not t.startswith("\ufeff")))
@settings(max_examples=150)
def test_get_tokens_preserves_text_pygments_does_not_normalise(text: str) -> None:
    assert "".join(v for _, v in NewsClaimsLexer().get_tokens(text)) == text


@given(TEXTS)
@settings(max_examples=150)
def test_the_shortcuts_change_no_token(text: str) -> None:
    fast = list(NewsClaimsLexer().get_tokens_unprocessed(text))
    assert fast == list(_WithoutShortcuts().get_tokens_unprocessed(text))


@given(TEXTS)
@settings(max_examples=150)
def test_capitalised_matches_are_finditers(text: str) -> None:
    for pattern in (_RUN_RE, _REGIONS_PAIR_RE):
        expected = _match_spans(pattern.finditer(text))
        assert _match_spans(_capitalised_matches(pattern, text)) == expected


@given(TEXTS)
@settings(max_examples=150)
def test_claim_spans_slice_back_to_their_tokens(text: str) -> None:
    spans = claim_spans(text)
    previous_end = 0
    for start, end, ttype in spans:
        assert previous_end <= start < end <= len(text)
        assert ttype not in Text and ttype is not Punctuation and ttype is not Whitespace
        previous_end = end


def test_a_megabyte_completes(seed_texts: dict[str, str]) -> None:
    article = "\n".join(seed_texts.values())
    big = article * (1_000_000 // len(article) + 1)
    spans = claim_spans(big)
    assert len(spans) > 1_000_000 // len(article) * len(claim_spans(article)) * 0.9


PYGMENTIZE = Path(sys.executable).parent / "pygmentize"


@pytest.mark.skipif(not PYGMENTIZE.exists(), reason="the venv has no pygmentize script")
def test_pygmentize_finds_the_lexer_by_name(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    copy = tmp_path / "article.txt"
    shutil.copyfile(seed, copy)
    result = subprocess.run(
        [str(PYGMENTIZE), "-l", "newsclaims", "-f", "raw", str(copy)],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.decode("utf-8").splitlines()
    values = [ast.literal_eval(line.split("\t", 1)[1]) for line in lines]
    assert "".join(values) == _read_exactly(seed)
    assert any(line.startswith("Token.Name.Person\t") for line in lines)


def test_claim_spans_read_twice_are_the_same_and_apart() -> None:
    # The engine and the window both read an article's spans in one analysis;
    # the second read is kept from the first, and neither can change the other's.
    text = "About 11,000 North Korean troops arrived in Kursk in November, officials said."
    first = claim_spans(text)
    first.clear()
    again = claim_spans(text)
    assert again and again == claim_spans(text)
    assert [text[s:e] for s, e, _ in again][:2] == ["About", "11,000"]
