"""Text as the checkers match it, and the way back to the text as written.

Content can hide a term or a number from a plain comparison without looking
any different to a reader: full-width digits (``１１０１``), a zero-width
space inside a word, traditional or variant characters (``機密★``), upper
case. :func:`normalise` folds all of these, character by character:

- NFKC compatibility forms (full-width letters, digits and punctuation,
  circled numbers, CJK compatibility ideographs);
- format and other invisible characters removed (zero-width space and
  joiners, soft hyphen, BOM, word joiner, variation selectors, fillers);
- traditional and variant characters mapped to simplified, with the
  character tables of OpenCC (``TSCharacters`` and the Taiwan and Hong Kong
  variant tables);
- lower case.

Matching on the folded text must still report where the match is in the
text people wrote (excerpts, locations), so :class:`NormalisedText` keeps an
offset map. Most replacements are one character for one (str.translate, no
offset changes); only deletions and expansions (``㎡`` → ``m2``) are
recorded, as break points, so the common case costs one ``translate`` and
mapping a span back costs a binary search. Separators inside a number are
not removed here (that would glue two numbers written side by side into
one); the personal-data checker joins digit groups itself (docs/gate.md,
"What the checkers see").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

# Invisible characters that are not of category Cf but hide inside words all
# the same: variation selectors, Hangul fillers, the Mongolian vowel separator.
EXTRA_INVISIBLE = (
    [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x180B, 0x180C, 0x180D, 0x180E, 0x17B4, 0x17B5]
)
# Code point ranges that hold every character NFKC, case folding or the
# OpenCC tables change (the BMP, mathematical alphanumerics, enclosed
# alphanumerics, CJK compatibility ideographs, tags, variation selectors).
SCANNED_RANGES = ((0, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F300), (0x2F800, 0x2FA20), (0xE0000, 0xE0080), (0x1BCA0, 0x1BCA4), (0x1D173, 0x1D17B))
OPENCC_TABLES = ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt")
# Stands, in the one-for-one pass, for a character whose replacement has
# another length (a private-use noncharacter, not found in real text).
SENTINEL = "\ufdd0"
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Above this many characters to replace, one str.translate of the whole text
# is cheaper than replacing them one by one.
SLICE_LIMIT = 400


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is what the checkers match; ``original`` is what was written.

    ``_norm_starts[i]`` is where, in ``text``, the *i*-th replacement that is
    not one character for one begins; ``_orig_at[i]`` the original position
    of the replaced character and ``_lengths[i]`` the replacement's length.
    """

    text: str
    original: str
    _norm_starts: tuple[int, ...] = ()
    _orig_at: tuple[int, ...] = ()
    _lengths: tuple[int, ...] = ()

    @property
    def identity_offsets(self) -> bool:
        """Whether positions in ``text`` are positions in ``original``."""
        return not self._norm_starts

    def original_index(self, index: int) -> int:
        """The position in ``original`` of the character at *index* of ``text``
        (``len(text)`` maps to ``len(original)``)."""
        if not self._norm_starts:
            return index
        if index >= len(self.text):
            return len(self.original)
        i = bisect_right(self._norm_starts, index) - 1
        if i < 0:
            return index
        start, at, length = self._norm_starts[i], self._orig_at[i], self._lengths[i]
        if index < start + length:
            return at
        return at + 1 + (index - start - length)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from."""
        if not self._norm_starts:
            return start, end
        if end <= start:
            position = self.original_index(start)
            return position, position
        return self.original_index(start), self.original_index(end - 1) + 1


def _opencc_dictionary(name: str) -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary" / name


def _read_opencc_table(name: str) -> dict[str, str]:
    table = {}
    with open(_opencc_dictionary(name), encoding="utf-8") as handle:
        for line in handle:
            source, _tab, targets = line.rstrip("\n").partition("\t")
            target = targets.split(" ")[0] if targets else ""
            if len(source) == 1 and len(target) == 1 and source != target:
                table[source] = target
    return table


def _is_simplified(char: str) -> bool:
    """Whether *char* is a character of GB 2312, the simplified set: such a
    character is never mapped, even where OpenCC lists it as a variant
    (著, 乾, 么 are ordinary simplified characters)."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_punctuation_only(char: str, folded: str) -> bool:
    """Full-width punctuation, symbols and spaces (，：％…) stay as written:
    they are in nearly every Chinese sentence, mapping them would make every
    page take the slow path, and no term or number depends on them."""
    return all(unicodedata.category(c)[0] in "PSZ" for c in char + folded)


@functools.cache
def _tables() -> tuple[dict[int, str], dict[str, str], re.Pattern, re.Pattern]:
    """(translate table, replacements that change the length, pattern of
    the BMP characters to replace, pattern of all characters to replace),
    built once per process (about 0.1 s)."""
    variants: dict[str, str] = {}
    for name in OPENCC_TABLES[:-1]:
        variants.update(_read_opencc_table(name))
    to_simplified = _read_opencc_table(OPENCC_TABLES[-1])
    invisible = {chr(code) for code in EXTRA_INVISIBLE}

    def simplify(char: str) -> str:
        if char.isascii() or _is_simplified(char):
            return char
        simplified = to_simplified.get(char, char)
        if simplified == char and char in variants:
            # a variant form (偽, 啟): its standard traditional form, then simplified
            standard = variants[char]
            simplified = to_simplified.get(standard, standard)
        return simplified

    def hidden(char: str) -> bool:
        return char in invisible or unicodedata.category(char) == "Cf"

    table: dict[int, str] = {}
    other: dict[str, str] = {}
    for low, high in SCANNED_RANGES:
        for code in range(low, high):
            if 0xD800 <= code < 0xE000:
                continue
            char = chr(code)
            if hidden(char):
                other[char] = ""
                continue
            folded = "".join("" if hidden(c) else simplify(c) for c in unicodedata.normalize("NFKC", char).lower())
            if folded == char or _is_punctuation_only(char, folded):
                continue
            if len(folded) == 1:
                table[code] = folded
            else:
                other[char] = folded
    for char in other:
        table[ord(char)] = SENTINEL
    keys = sorted({chr(code) for code in table})

    def char_class(chars) -> re.Pattern:
        return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")

    return table, other, char_class(c for c in keys if c <= "\uffff"), char_class(keys)


def _tail(translated: str, text: str, other: dict[str, str]) -> NormalisedText:
    """*translated* (one character for one) with the sentinels it holds
    replaced by the length-changing replacements of the original characters."""
    first = translated.find(SENTINEL)
    if first == -1:
        return NormalisedText(translated, text)
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_at: list[int] = []
    lengths: list[int] = []
    position = out_length = 0
    at = first
    while at != -1:
        replacement = other.get(text[at], text[at])  # a sentinel written in the text itself stays
        pieces.append(translated[position:at])
        out_length += at - position
        if len(replacement) != 1:
            norm_starts.append(out_length)
            orig_at.append(at)
            lengths.append(len(replacement))
        pieces.append(replacement)
        out_length += len(replacement)
        position = at + 1
        at = translated.find(SENTINEL, position)
    pieces.append(translated[position:])
    return NormalisedText("".join(pieces), text, tuple(norm_starts), tuple(orig_at), tuple(lengths))


def normalise(text: str) -> NormalisedText:
    """*text* folded for matching, with the map back to *text* (module docstring).

    Cost: an ASCII text is lower-cased; other text is searched once for a
    character to replace (a few microseconds per 100 KB when there is none,
    the usual case for simplified Chinese). A few replacements are made
    one by one; past ``SLICE_LIMIT`` of them (a page in traditional
    characters) one ``str.translate`` handles the whole text.
    """
    if text.isascii():
        lowered = text.lower()  # ASCII only: NFKC changes nothing, lower() keeps the length
        return NormalisedText(lowered, text)
    table, other, bmp_pattern, pattern = _tables()
    if ASTRAL.search(text) is not None:
        bmp_pattern = pattern
    hits = []
    for match in bmp_pattern.finditer(text):
        hits.append(match.start())
        if len(hits) > SLICE_LIMIT:
            return _tail(text.translate(table), text, other)
    if not hits:
        return NormalisedText(text, text)
    pieces: list[str] = []
    position = 0
    for at in hits:
        pieces.append(text[position:at])
        pieces.append(table[ord(text[at])])
        position = at + 1
    pieces.append(text[position:])
    return _tail("".join(pieces), text, other)


def normalise_term(term: str) -> str:
    """A library term or exemption phrase as stored and matched: normalised,
    with surrounding white space and runs of white space inside collapsed."""
    return " ".join(normalise(term).text.split())


def warm_up() -> None:
    """Build the tables now (at startup) rather than on the first check."""
    _tables()
