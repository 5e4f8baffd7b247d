from mythosmud.text import clean


def test_escapes_and_controls_are_removed() -> None:
    assert clean("\x1b[1;31mred\x1b[0m", 100) == "red"
    assert clean("bell\x07 and\x00 nul", 100) == "bell and nul"
    assert clean("\x1b]0;evil title\x07after", 100) == "after"
    assert clean("\x9b31mcsi", 100) == "csi"
    assert clean("left\u202eright\u200b", 100) == "leftright"


def test_whitespace_is_folded_and_length_capped() -> None:
    assert clean("  a \t\n  b  ", 100) == "a b"
    assert clean("x" * 1000, 500) == "x" * 500


def test_ordinary_text_survives() -> None:
    text = "Café — “quoted” text, 1926! 👩‍🔬"
    assert clean(text, 100) == text
