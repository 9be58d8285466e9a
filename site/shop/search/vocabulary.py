"""The indexed vocabulary: every term the engine holds, read from the engine itself
(SQLite FTS5's `fts5vocab`, PostgreSQL's `ts_stat`, or the documents' texts for a
search server), kept in memory, and what a query word is expanded to against it:

- known terms that contain a Thai word at character-cluster boundaries (ผักตบ ->
  ผักตบชวา), always, not only while the word is unknown, so that a product stays
  found however common the word becomes; a term with a meaning of its own in the
  synonyms is left out (ไหม does not find ไหมพรม, yarn);
- the known dictionary sub-words of a Thai word the index has never seen, so a
  compound absent from the synonyms still finds what its parts name;
- known Thai terms one tone mark or vowel away (มัดหมี -> มัดหมี่, ผ้าไหม้ -> ผ้าไหม);
- known terms starting with a word (completion while typing, English prefixes);
- English terms by length, for `spelling`.

The vocabulary is loaded again when the indexer writes a term it did not hold (a
version kept in the cache) or after `SEARCH_VOCABULARY_SECONDS`. One process loads
it and leaves the terms in the shared cache for the others: on PostgreSQL `ts_stat`
reads every entry's vectors (1.1 s of database time at 100,000 products), which each
server process otherwise paid, on some visitor's search, every few minutes.
"""

from __future__ import annotations

import bisect
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from pythainlp.tokenize import tcc

from . import analysis, lexicon

MAX_EXPANSIONS = 40
VERSION_KEY = "search:vocabulary-version"
SHARED_KEY = "search:vocabulary-terms"
# Thai vowels (leading, following, above, below) and tone and other marks: what a
# one-character slip most often hits.
THAI_SLIPS = frozenset(
    [chr(c) for c in range(0x0E30, 0x0E3B)]
    + [chr(c) for c in range(0x0E40, 0x0E45)]
    + [chr(c) for c in range(0x0E47, 0x0E4F)]
)


def _is_thai(word: str) -> bool:
    return bool(word) and "\u0e00" <= word[0] <= "\u0e7f"


def _without_one_slip(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i, ch in enumerate(word) if ch in THAI_SLIPS}


@dataclass
class Vocabulary:
    terms: frozenset[str]
    loaded: float = field(default_factory=time.monotonic)
    version: object = None

    @cached_property
    def sorted_terms(self) -> list[str]:
        return sorted(self.terms)

    @cached_property
    def thai(self) -> list[str]:
        return [t for t in self.sorted_terms if _is_thai(t)]

    @cached_property
    def latin_by_length(self) -> dict[int, list[str]]:
        by_length: dict[int, list[str]] = defaultdict(list)
        for term in self.sorted_terms:
            if term.isascii() and term.isalpha():
                by_length[len(term)].append(term)
        return dict(by_length)

    @cached_property
    def slips(self) -> dict[str, set[str]]:
        """Thai term with one vowel or mark left out -> the terms it comes from."""
        index: dict[str, set[str]] = defaultdict(set)
        for term in self.thai:
            for key in _without_one_slip(term):
                index[key].add(term)
        return dict(index)

    def starting_with(self, word: str) -> list[str]:
        terms = self.sorted_terms
        found = []
        for i in range(bisect.bisect_left(terms, word), len(terms)):
            if not terms[i].startswith(word) or len(found) >= MAX_EXPANSIONS:
                break
            found.append(terms[i])
        return found

    @cached_property
    def _thai_blob(self) -> tuple[str, list[int]]:
        """The Thai terms in one string, one a line, and where each starts."""
        starts, position = [], 0
        for term in self.thai:
            starts.append(position)
            position += len(term) + 1
        return "\n".join(self.thai), starts

    def containing(self, word: str, *, strict: bool = True) -> list[str]:
        """Known Thai terms that hold the word whole (between character clusters),
        without (if strict) those that mean something else than the word does."""
        if len(word) < 2 or not _is_thai(word):
            return []
        blob, starts = self._thai_blob
        own = set(analysis.concepts_of_word(word))
        found: list[str] = []
        at = blob.find(word)
        while at != -1 and len(found) < MAX_EXPANSIONS:
            number = bisect.bisect_right(starts, at) - 1
            term = self.thai[number]
            at = blob.find(word, starts[number] + len(term) + 1)  # the next term
            if term == word or not _at_cluster_bounds(term, word):
                continue
            meaning = set(analysis.concepts_of_word(term))
            if strict and meaning and own and not meaning & own:
                continue  # ไหมพรม (yarn) is not ไหม (silk)
            found.append(term)
        return found

    def parts_of(self, word: str) -> list[str]:
        """What the dictionary words inside a word find: the longest dictionary (or
        known) words inside it, none inside another one found, each as a known
        term or inside known terms (ข้าวหลาม -> ข้าว -> ข้าวหอมมะลิ)."""
        if not _is_thai(word) or len(word) < 4:
            return []
        dictionary = analysis.dictionary_words()
        bounds = sorted(tcc.tcc_pos(word) | {0})
        pieces = set()
        for i, start in enumerate(bounds):
            for end in bounds[i + 1 :]:
                piece = word[start:end]
                if (
                    piece != word
                    and len(piece) >= 3
                    and (piece in self.terms or piece in dictionary)
                    and piece not in lexicon.STOP_WORDS
                ):
                    pieces.add(piece)
        longest = sorted(
            p for p in pieces if not any(p != q and p in q for q in pieces)
        )
        found = []
        for piece in longest:
            if piece in self.terms:
                found.append(piece)
            found += self.containing(piece, strict=False)
        return list(dict.fromkeys(found))[:MAX_EXPANSIONS]

    def one_slip_from(self, word: str) -> list[str]:
        """Known Thai terms one vowel or tone mark away: left out, added, or another
        one in its place."""
        if not _is_thai(word) or len(word) < 2:
            return []
        slips = self.slips
        found = set(slips.get(word, ()))  # the word lacks one
        for key in _without_one_slip(word):
            if key in self.terms:
                found.add(key)  # the word has one too many
            found |= slips.get(key, set())  # another one in its place
        found.discard(word)
        return sorted(found)[:MAX_EXPANSIONS]


def _at_cluster_bounds(term: str, word: str) -> bool:
    bounds = tcc.tcc_pos(term) | {0}
    start = term.find(word)
    while start != -1:
        if start in bounds and start + len(word) in bounds:
            return True
        start = term.find(word, start + 1)
    return False


_current: Vocabulary | None = None


def current() -> Vocabulary:
    global _current
    version = cache.get(VERSION_KEY)
    seconds = getattr(settings, "SEARCH_VOCABULARY_SECONDS", 300)
    if (
        _current is None
        or _current.version != version
        or time.monotonic() - _current.loaded > seconds
    ):
        terms, age = _shared_terms(version, seconds)
        _current = Vocabulary(terms, loaded=time.monotonic() - age, version=version)
    return _current


def _shared_terms(version, seconds: int) -> tuple[frozenset[str], float]:
    """The terms of this vocabulary version and their age in seconds: as another
    process loaded them, while that is under `seconds` old, else from the engine."""
    shared = cache.get(SHARED_KEY)
    if shared is not None:
        shared_version, stamp, terms = shared
        age = time.time() - stamp
        if shared_version == version and 0 <= age < seconds:
            return terms, age
    terms = frozenset(_load())
    if seconds > 0:
        cache.set(SHARED_KEY, (version, time.time(), terms), seconds)
    return terms, 0.0


def changed(terms: set[str] | None = None) -> None:
    """The indexer wrote documents: a term the vocabulary lacks makes every process
    load it again."""
    if terms is not None and _current is not None and terms <= _current.terms:
        return
    cache.set(VERSION_KEY, time.time_ns(), None)
    forget()


def forget() -> None:
    global _current
    _current = None


def _load() -> set[str]:
    from .models import SearchDocument

    if connection.vendor == "sqlite" and _fts_table():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.otop_search_vocabulary "
                "USING fts5vocab(main, wagtailsearch_indexentry_fts, 'row')"
            )
            cursor.execute("SELECT term FROM temp.otop_search_vocabulary")
            return {row[0] for row in cursor.fetchall()}
    if connection.vendor == "postgresql" and _database_backend():
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(SearchDocument).pk
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM ts_stat('SELECT title || body FROM "
                f"wagtailsearch_indexentry WHERE content_type_id = {int(content_type)}')"
            )
            return {row[0] for row in cursor.fetchall()}
    terms: set[str] = set()
    texts = SearchDocument.objects.values_list(
        "title_terms", "name_terms", "context_terms", "detail_terms"
    )
    for row in texts.iterator(chunk_size=2_000):
        for text in row:
            terms.update(text.split())
    return terms


def _fts_table() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'"
        )
        return cursor.fetchone() is not None and _database_backend()


def _database_backend() -> bool:
    from .backend import current, is_database

    return is_database(current())
