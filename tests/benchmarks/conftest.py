"""Synthetic corpora for the benchmarks: many articles that share some claims."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from nkdesk.corpus import Document
from nkdesk.store import open_store

# Claims an article may report, each in several wordings, with a figure that
# varies between sources so that conflicts arise too.
CLAIMS = [
    ("About {n} residents were evacuated from the valley on Tuesday, the governor said.",
     "The governor said approximately {n} people had been evacuated from the valley by Tuesday."),
    ("The water level rose by {n} centimetres in two days, according to the hydrology office.",
     "According to the hydrology office, water rose {n} centimetres within two days."),
    ("Rescue teams have not reached the northern villages for about {n} days.",
     "For about {n} days rescue crews have been unable to get to villages in the north."),
    ("The government promised compensation to farmers whose harvest was destroyed.",
     "Farmers whose crops were destroyed will be compensated, the government has promised."),
    ("More than {n} homes were left without electricity after the storm.",
     "The storm cut power to over {n} houses, the utility company said."),
    ("The bridge over the river will stay closed for repairs until the end of June.",
     "Repairs will keep the river bridge closed until late June, officials said."),
]  # fmt: skip
FILLER = [
    "market",
    "prices",
    "season",
    "council",
    "museum",
    "festival",
    "railway",
    "station",
    "library",
    "garden",
    "concert",
    "harbour",
    "airport",
    "stadium",
    "coach",
    "tickets",
    "exhibition",
    "forecast",
    "traffic",
    "committee",
    "budget",
    "school",
    "teachers",
    "parents",
    "hospital",
    "nurses",
    "doctors",
    "shops",
    "restaurants",
    "tourists",
]


def synthetic_corpus(count: int, size: int = 4000, seed: int = 0) -> list[Document]:
    """``count`` articles of about ``size`` characters, sharing claims in varied wording."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        parts = []
        for claim in rng.sample(CLAIMS, 3):
            parts.append(rng.choice(claim).format(n=rng.choice([3000, 5000, 7000])))
        while sum(len(p) + 1 for p in parts) < size:
            words = " ".join(rng.choice(FILLER) for _ in range(rng.randint(10, 25)))
            parts.append(words.capitalize() + f" {rng.randint(2, 999)}.")
        rng.shuffle(parts)
        documents.append(Document.from_text(f"article{number:03}", "\n".join(parts)))
    return documents


@pytest.fixture(scope="session")
def make_corpus():
    """The synthetic_corpus function, for benchmarks that build their own corpora."""
    return synthetic_corpus


# The tag file of the window issue's table: 100,000 annotations over 50 articles.
HUGE_TAGS = 100_000


@pytest.fixture(scope="session")
def huge_tag_file(tmp_path_factory: pytest.TempPathFactory, make_corpus) -> Path:
    """100,000 annotations over 50 articles, made through the API in one operation."""
    path = tmp_path_factory.mktemp("store") / "huge.sqlite"
    documents = make_corpus(50, size=8_000)
    with open_store(path) as store:
        for document in documents:
            store.add_document(document)
        with store.operation("Tag 100,000 passages"):
            for number in range(HUGE_TAGS):
                document = documents[number % len(documents)]
                start = (number * 37) % (len(document.text) - 60)
                store.add_annotation(document.id, start, start + 40, 1 + number % 9)
    return path
