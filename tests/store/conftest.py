"""Fixtures for the tag store: an in-memory store, and one with articles in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from nkdesk.store import TagStore

from .articles import ARTICLE, OTHER


@pytest.fixture
def store() -> Iterator[TagStore]:
    """A fresh in-memory tag file with the default vocabulary."""
    with TagStore.memory(author="tester") as tag_store:
        yield tag_store


@pytest.fixture
def stored(store: TagStore) -> TagStore:
    """An in-memory tag file holding ARTICLE and OTHER."""
    store.add_document(ARTICLE)
    store.add_document(OTHER)
    return store
