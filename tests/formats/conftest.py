"""The Connecticut 2021 card record, for the renderer tests."""

import pytest

from gapcli.query.cards import card_record
from gapcli.states import by_code


@pytest.fixture
def ct_record(catalog):
    card = catalog.card(by_code("CT"), 2021)
    return card_record(card, catalog.framework(2021))
