"""Name normalisation shared by the gazetteer loader and the matcher."""

from __future__ import annotations

import re
import unicodedata

# ʿayn, hamza and every quote-like mark transliterations use; they are dropped, not spaced.
_MARKS = dict.fromkeys(map(ord, "ʿʾʻʼ’‘`´'ʹʺ′\u02bf\u02be"), None)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./,]+")
# Arabic-script letter variants that spellings mix freely.
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")


def normalize_name(name: str) -> str:
    """Return the comparison key of a place name: case, accents, marks and separators folded."""
    text = unicodedata.normalize("NFKC", name).translate(_MARKS)
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC)
    decomposed = unicodedata.normalize("NFKD", text)
    # Drop combining marks from Latin letters (Ḩ -> H) but keep Cyrillic й/ї readable as и/і.
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", text.casefold())
    return text.strip()
