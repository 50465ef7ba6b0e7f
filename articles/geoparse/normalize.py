"""Name normalisation shared by the gazetteer loader and the matcher."""

from __future__ import annotations

import re
import unicodedata

# ʿayn, hamza and every quote-like mark transliterations use; they are dropped, not spaced.
_MARKS = dict.fromkeys(map(ord, "ʿʾʻʼ’‘`´'ʹʺ′\u02bf\u02be"), None)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./,]+")
# Arabic-script letter variants that spellings mix freely.
_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
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


# Arabic article forms ("al-", "ash-", "ez-", …) that transliterations write, drop or assimilate.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "adh",
        "ag",
        "ah",
        "aj",
        "ak",
        "an",
        "ar",
        "as",
        "ash",
        "at",
        "ath",
        "az",
        "ed",
        "ez",
        "es",
        "esh",
        "et",
        "en",
        "er",
    ]
)
# First words of Arabic (and a few other) place names spelled several ways; one spelling each.
_TOKEN_VARIANTS = {
    **dict.fromkeys(("tal", "tall", "tell", "tel", "til"), "tal"),
    **dict.fromkeys(("ain", "ayn", "ein", "ayin", "aïn", "en"), "ayn"),
    **dict.fromkeys(("deir", "dayr", "der", "dair", "dier", "deyr"), "dayr"),
    **dict.fromkeys(("abu", "abou", "abo"), "abu"),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jbel", "djebel"), "jabal"),
    **dict.fromkeys(("kafr", "kfar", "kefr", "kafar"), "kafr"),
    **dict.fromkeys(("khirbet", "khirbat", "khirbit"), "khirbat"),
    **dict.fromkeys(("sheikh", "shaykh", "sheik", "shaikh", "shekh", "shaikh"), "shaykh"),
    **dict.fromkeys(("umm", "um", "oum", "om"), "umm"),
    **dict.fromkeys(("saint", "st", "sainte", "ste"), "st"),
    **dict.fromkeys(("mount", "mt"), "mt"),
    **dict.fromkeys(("ras", "raas", "rass"), "ras"),
    **dict.fromkeys(("bir", "beer", "bi'r"), "bir"),
}
# Letter spellings that vary between transliteration schemes; applied in order.
_LETTER_RULES = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ck", "k"),
    ("ph", "f"),
    ("q", "k"),
    ("dh", "d"),
    ("kh", "h"),
    ("gh", "g"),
    ("sch", "sh"),
    ("w", "v"),
)
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_FINAL_VOWEL = re.compile(r"[aeiouy]$")


def fold_token(token: str) -> str:
    """Return the spelling-variant key of one normalised name token ("" for an article)."""
    if token in ARTICLES:
        return ""
    if token in _TOKEN_VARIANTS:
        return _TOKEN_VARIANTS[token]
    for old, new in _LETTER_RULES:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)
    token = _FINAL_H.sub("", token)
    # Hasakah / Hasakeh / Hasaka and Raqqa / Raqqah end up alike.
    if len(token) > 4:
        token = _FINAL_VOWEL.sub("", token)
    return token


def fold_name(normalized: str) -> str:
    """Return the spelling-variant key of a normalised name (articles, Tal/Tall, Deir/Dayr…).

    The key ignores spaces, so "Deir ez-Zor", "Dayr az Zawr" and "Deirezzor" meet; a name that is
    only an article keeps it.
    """
    tokens = normalized.split()
    folded = [fold_token(token) for token in tokens]
    key = "".join(folded)
    return key or "".join(tokens)
