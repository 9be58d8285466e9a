"""Corrects English typos against the index's own vocabulary (`vocabulary`) ("slik" -> silk): the
nearest known terms by Damerau-Levenshtein distance (one edit for short words, two
for long ones)."""

from __future__ import annotations

from . import lexicon, vocabulary


def _vocabulary() -> dict[int, list[str]]:
    """Latin terms by length."""
    return vocabulary.current().latin_by_length


def max_edits(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 6 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up (limit + 1) beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def corrections(word: str) -> list[str]:
    """The known terms nearest to an unknown English word, best first.

    A word of the synonyms is a real word and is never corrected ("massage" is not
    "sausage" because no product mentions massage). Among the nearest terms, those
    that keep the first letter (typos rarely hit it) and product words of the
    synonyms ("hony" -> honey rather than the place name Hong) come first."""
    limit = max_edits(word)
    if not limit or not word.isalpha() or word in lexicon.lexicon_words():
        return []
    vocabulary = _vocabulary()
    best, found = limit + 1, []
    for length in range(len(word) - limit, len(word) + limit + 1):
        for term in vocabulary.get(length, ()):
            d = distance(word, term, min(limit, best))
            if d < best:
                best, found = d, [term]
            elif d == best and d <= limit:
                found.append(term)
    if best > limit:
        return []
    words = lexicon.lexicon_words(places=False)
    return sorted(
        found,
        key=lambda t: (t[0] != word[0], t not in words, abs(len(t) - len(word)), t),
    )
