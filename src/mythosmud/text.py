"""Cleaning untrusted player text: no control characters, no escape sequences, bounded length."""

from __future__ import annotations

import re
import unicodedata

# CSI/OSC/other ESC sequences first, so their parameters do not survive as visible junk.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_SPACES = re.compile(r"\s+")
# Bidirectional overrides and invisible characters that can disguise text.
_FORMAT_KEEP = {"\u200d"}  # zero-width joiner, used inside emoji


def clean(text: str, limit: int) -> str:
    """One line of printable text: escapes and control/format characters removed, whitespace
    folded, cut to `limit` characters."""
    text = text[: limit * 4]  # nothing past this could survive the cut below
    if text.isprintable():  # the common case: no escapes, controls or format characters
        return " ".join(text.split())[:limit]
    text = _ESCAPES.sub("", text)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r":
            kept.append(" ")
        elif (
            category == "Cc"
            or (category == "Cf" and ch not in _FORMAT_KEEP)
            or category in ("Cs", "Co", "Cn")
        ):
            continue
        else:
            kept.append(ch)
    return _SPACES.sub(" ", "".join(kept)).strip()[:limit]
