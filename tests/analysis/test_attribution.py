"""Who each passage comes from: chains of attribution, a claim's origins and independence.

The short reports are written for these tests (a flood, a factory fire), unlike
the seeds; the seeds check the issue's own case, the claim the whole corpus
traces to one newspaper.
"""

from __future__ import annotations

import pytest

from nkdesk.analysis.attribution import chain, first_reporter, same_source
from nkdesk.analysis.compare import compare
from nkdesk.analysis.report import to_dict, to_text
from nkdesk.corpus import load_corpus


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The dam gave way after days of rain, regional officials say, the Valley Gazette "
            "reports, quoted by Radio Meridian.",
            ("regional officials", "Valley Gazette", "Radio Meridian"),
        ),
        (
            "According to the Valley Gazette, citing two rescue officials, the river rose "
            "three metres overnight.",
            ("two rescue officials", "Valley Gazette"),
        ),
        (
            "Harbor Wire, citing a hospital spokesperson, reported that nine people were hurt.",
            ("hospital spokesperson", "Harbor Wire"),
        ),
        (
            "According to mayor Ellen Brandt, as cited by the Northern Courier, the bridge will "
            "stay shut.",
            ("mayor Ellen Brandt", "Northern Courier"),
        ),
        (
            "A fire brigade spokesman told the Evening Ledger that the blaze was under control.",
            ("fire brigade spokesman", "Evening Ledger"),
        ),
        (
            "The ministry said on Monday that 40 people had died, the Coastal Post reported.",
            ("ministry", "Coastal Post"),
        ),
        (
            "According to Harbor Wire, local officials said the levee held.",
            ("local officials", "Harbor Wire"),
        ),
        ("Roads were closed, as reported by the Valley Gazette.", ("Valley Gazette",)),
        ("“We lost everything,” writes VG.", ("VG",)),
        ("The water reached the second floor of the school.", ()),
        ("He said the pumps were running again.", ()),
        ("It was also reported that the airport would reopen.", ()),
        # A clause's opening word is no part of the name after it.
        (
            "While Chief of Police Dana Roe said the gunman fled, two men were hurt.",
            ("Chief of Police Dana Roe",),
        ),
        (
            "When Mayor Ellen Brandt said the road would close, drivers complained.",
            ("Mayor Ellen Brandt",),
        ),
    ],
)
def test_the_chain_of_a_sentence_is_read_innermost_first(sentence, expected) -> None:
    assert chain(sentence, 0, len(sentence)) == expected


def test_an_unnamed_group_is_traced_to_the_outlet_that_reported_it() -> None:
    assert first_reporter(("regional officials", "Valley Gazette", "Radio Meridian")) == (
        "Valley Gazette"
    )
    assert first_reporter(("mayor Ellen Brandt", "Northern Courier")) == "mayor Ellen Brandt"
    assert first_reporter(("officials",)) is None


def test_one_source_spelt_several_ways_is_one_source() -> None:
    assert same_source("The Valley Gazette", "Valley Gazette")
    assert same_source("VG", "The Valley Gazette")
    assert same_source("Governor Anna Kowalski", "Anna Kowalsky")
    assert same_source("state news agency TNA", "TNA")
    assert not same_source("North Dakota", "South Dakota")
    assert not same_source("Valley Gazette", "Harbor Wire")


RELAY = (
    "Flood waters destroyed the old stone bridge in Marlow, regional officials say, the "
    "Valley Gazette reports, quoted by Radio Meridian.\n"
    "Rescue teams evacuated 300 residents from the lower town on Sunday night.\n"
)
CITING = (
    "The river burst its banks on Sunday.\n"
    "According to the Valley Gazette, citing regional officials, the flood waters destroyed "
    "the old stone bridge in Marlow.\n"
)
OWN = (
    "The old stone bridge in Marlow was destroyed by flood waters, our reporter saw.\n"
    "Teams evacuated 300 residents from the lower town on Sunday night.\n"
)


def _claim(comparison, words: str, docs: set[str]):
    found = [
        c for c in comparison.clusters
        if set(c.docs) == docs and any(words in comparison.text(m) for m in c.members)
    ]  # fmt: skip
    assert found, [c.label for c in comparison.clusters]
    return found[0]


def test_two_reports_of_one_newspaper_are_one_origin() -> None:
    result = compare({"relay": RELAY, "citing": CITING})
    claim = _claim(result, "bridge", {"relay", "citing"})
    assert claim.origins == ("Valley Gazette",)
    assert claim.independent == 1
    chains = dict(zip((m.doc for m in claim.members), claim.attributions, strict=True))
    assert chains["relay"] == ("regional officials", "Valley Gazette", "Radio Meridian")
    assert chains["citing"] == ("regional officials", "Valley Gazette")


def test_an_article_that_names_no_source_is_its_own_origin() -> None:
    result = compare({"relay": RELAY, "own": OWN}, outlets={"own": "Marlow Herald"})
    claim = _claim(result, "evacuated 300 residents", {"relay", "own"})
    # The relaying article carries its opening's chain on its other sentences.
    assert claim.origins == ("Valley Gazette", "Marlow Herald")
    assert claim.independent == 2


def test_verbatim_copies_that_name_no_source_share_one_origin() -> None:
    story = "A fire broke out at the paint factory in Hollin early on Tuesday morning.\n"
    other = "Police said a fire broke out at the paint factory in Hollin on Tuesday morning.\n"
    result = compare({"wire": story, "copy": story, "other": other})
    claim = _claim(result, "paint factory", {"wire", "copy", "other"})
    assert claim.origins == ("wire", "Police")
    assert claim.independent == 2


def test_the_json_and_the_report_carry_chains_origins_and_independence() -> None:
    result = compare({"relay": RELAY, "citing": CITING})
    data = to_dict(result)
    claims = [c for c in data["clusters"] if len({m["doc"] for m in c["members"]}) == 2]
    assert claims
    assert all(c["independent"] == len(c["origins"]) for c in data["clusters"])
    members = [m for c in claims for m in c["members"]]
    assert {"doc", "start", "end", "attribution"} == set(members[0])
    assert ["regional officials", "Valley Gazette"] in [m["attribution"] for m in members]
    report = to_text(result)
    assert "2 of 2 sources · 1 origin: Valley Gazette" in report
    assert "(regional officials → Valley Gazette → Radio Meridian)" in report


def test_on_the_seeds_a_shared_claim_traces_to_one_newspaper(seed_paths) -> None:
    result = compare(load_corpus(seed_paths).documents)
    shared = [c for c in result.clusters if c.support >= 2]
    single = [c for c in shared if c.origins == ("The New York Times",)]
    assert single and all(c.independent == 1 for c in single)
    long_chains = [a for c in result.clusters for a in c.attributions if len(a) >= 2]
    assert len(long_chains) >= 3
    assert ("Ukrainian and American officials", "The New York Times", "News.bg") in long_chains
    assert ("Ukrainian and American officials", "The New York Times") in long_chains
    assert all(c.independent == len(c.origins) >= 1 for c in result.clusters)
