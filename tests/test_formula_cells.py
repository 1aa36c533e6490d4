import pytest

from cooperation.tabular import neutralise_cell, restore_cell

HOSTILE = ["=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\rx", "'=already", "''+twice"]
HARMLESS = ["", "Cap-Haïtien", "912", "a=b", "'quoted'", "it's"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_cells_start_with_an_apostrophe(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_cells_are_unchanged(text):
    assert neutralise_cell(text) == text


@pytest.mark.parametrize("text", HOSTILE + HARMLESS)
def test_restoring_a_neutralised_cell_gives_the_original(text):
    assert restore_cell(neutralise_cell(text)) == text
