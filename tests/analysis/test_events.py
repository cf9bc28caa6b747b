"""Event links: sentences of two sources that report one event in other words.

The cases are short local reports written for these tests, unlike the seeds
and unlike the GVC stories the weights were fitted on.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nkdesk.analysis import compare
from nkdesk.analysis.events import EVENT_LINKS_PER_SENTENCE
from nkdesk.analysis.model import Link

SHOOTING_A = (
    "Man shot dead outside Elm Street bar\n\n"
    "A 27-year-old man was shot and killed outside a bar on Elm Street early Sunday. "
    "Police said the shooting happened at about 2:15 a.m. after an argument inside. "
    "Marcus Webb died at the scene. "
    "No arrests have been made, and detectives asked witnesses to come forward."
)
SHOOTING_B = (
    "Police investigate deadly Elm Street shooting\n\n"
    "Gunfire erupted near the Rusty Anchor on Elm Street around 2:15 a.m. Sunday, "
    "leaving Marcus Webb, 27, fatally wounded. "
    "Officers found Webb on the sidewalk with several gunshot wounds. "
    "Investigators have not identified a suspect."
)


def event_links(texts: dict[str, str]) -> list[Link]:
    return [link for link in compare(texts).links if link.kind == "event"]


def quoted(texts: dict[str, str], link: Link) -> tuple[str, str]:
    return (
        texts[link.a.doc][link.a.start : link.a.end],
        texts[link.b.doc][link.b.start : link.b.end],
    )


def test_two_reports_of_a_shooting_link_the_sentences_that_tell_it_in_other_words() -> None:
    texts = {"a": SHOOTING_A, "b": SHOOTING_B}
    found = [quoted(texts, link) for link in event_links(texts)]
    assert any("shooting happened at about 2:15" in a and "Gunfire erupted" in b for a, b in found)
    assert any("Marcus Webb died" in a and "fatally wounded" in b for a, b in found)
    # The appeal for witnesses and the unnamed suspect report no shooting.
    assert not any("witnesses" in a or "suspect" in b for a, b in found)


def test_an_event_link_says_what_the_two_sentences_share() -> None:
    texts = {"a": SHOOTING_A, "b": SHOOTING_B}
    whys = [link.why for link in event_links(texts)]
    assert whys and all(why.startswith("same event: ") for why in whys)
    assert any("webb" in why for why in whys)


def test_a_sentence_pair_shared_as_a_passage_is_not_linked_again_as_an_event() -> None:
    texts = {"a": SHOOTING_A, "b": SHOOTING_A.replace("Elm Street bar", "a bar")}
    comparison = compare(texts)
    passages = [(x.a, x.b) for x in comparison.shared_links if not x.why.startswith("same ")]
    assert passages
    for link in event_links(texts):
        assert not any(link.a.overlaps(a) and link.b.overlaps(b) for a, b in passages)


def test_two_reports_of_deaths_in_a_war_are_not_one_event_by_the_deaths_alone() -> None:
    # The story is a deployment; the two deaths are of two different battles.
    texts = {
        "a": "Alliance sends 3,000 more troops east\n\nThe deployment was announced on Monday. "
        "A soldier wounded in the hills later died in hospital, his unit said.",
        "b": "3,000 troops deployed to the eastern border\n\nThe first units arrive this week. "
        "Dozens of fighters have been killed or wounded since the spring offensive began.",
    }
    linked = [quoted(texts, link) for link in compare(texts).links]
    assert any("3,000" in a and "3,000" in b for a, b in linked)  # the story's own event
    found = [quoted(texts, link) for link in event_links(texts)]
    assert not any("soldier" in a and "Dozens" in b for a, b in found)


def test_reports_of_different_kinds_of_event_are_never_linked() -> None:
    texts = {
        "a": "A house fire on Oak Road injured two firefighters on Tuesday night.",
        "b": "Two men were arrested on Oak Road on Tuesday night after a burglary.",
    }
    assert not [link for link in event_links(texts) if "fire" in link.why and "arrest" in link.why]


_SENTENCES = [
    "Marcus Webb, 27, was shot outside a bar on Elm Street.",
    "The shooting happened at about 2:15 a.m. on Sunday.",
    "Webb died at the scene, police said.",
    "A man was killed in a shooting on Elm Street early Sunday.",
    "Officers found a 27-year-old man with gunshot wounds.",
    "Police have made no arrests in the killing.",
    "Gunfire was heard near the bar at 2:15 a.m.",
]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6),
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6),
)
def test_event_links_do_not_depend_on_which_report_comes_first(a: list[str], b: list[str]) -> None:
    one, other = " ".join(a), " ".join(b)
    forward = {frozenset((link.a, link.b)) for link in event_links({"a": one, "b": other})}
    backward = {frozenset((link.a, link.b)) for link in event_links({"b": other, "a": one})}
    assert forward == backward


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=7))
def test_each_event_link_is_among_the_best_partners_of_one_of_its_sentences(b: list[str]) -> None:
    texts = {"a": _SENTENCES[0] + " " + _SENTENCES[3], "b": " ".join(b)}
    links = event_links(texts)
    for link in links:
        better_for_a = [x for x in links if x.a == link.a and x.score > link.score]
        better_for_b = [x for x in links if x.b == link.b and x.score > link.score]
        assert min(len(better_for_a), len(better_for_b)) < EVENT_LINKS_PER_SENTENCE
