"""Text analysis shared by indexing and querying: the same function turns a product
title and a buyer's query into terms, so both sides always agree.

Thai is written without spaces, so Thai runs are segmented into words with PyThaiNLP's
dictionary-based `newmm` engine (offline), with the product words and place names of
`lexicon` added to its dictionary. English is lower-cased, folded to ASCII and its
plurals are folded ("bananas" -> "banana"). On top of the words a document carries:

- sub-words: product words inside a Thai compound (ไหม and ผ้า in ผ้าไหมมัดหมี่),
- concepts: a synonym group's ASCII name wherever one of its words or phrases occurs
  (ผ้าไหม, ไหม and "silk" all give the concept ``silk``; "Chiang Mai" gives
  ``chiangmai``), so Thai finds English and English finds Thai.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from pythainlp.corpus.common import thai_words
from pythainlp.tokenize import tcc, word_tokenize
from pythainlp.util import dict_trie

from . import lexicon

MAX_TERM_LENGTH = 64
# A sub-word counts for less than the word it was found in.
SUBWORD_SHARE = 0.6

_RUN = re.compile(r"[\u0e00-\u0e7f]+|[a-z0-9]+(?:['’\-][a-z0-9]+)*")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, NFC, Thai digits as ASCII, accents off Latin letters, no
    zero-width characters; Thai vowel and tone marks in canonical order.

    Kept for the last few thousand texts: a document's texts are normalised twice
    (its words, its hyphenated words), and a query's words again and again."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).lower()
    text = text.translate(_THAI_DIGITS)
    if not text.isascii():
        text = _FOREIGN.sub(_fold_foreign, text)
        if _HAS_THAI.search(text):
            text = _normalise_thai(text)
    return text


# Letters neither ASCII nor Thai: folded to ASCII (é -> e), or a space.
_FOREIGN = re.compile(r"[^\x00-\x7f\u0e00-\u0e7f]+")
_HAS_THAI = re.compile(r"[\u0e00-\u0e7f]")


def _fold_foreign(match: re.Match) -> str:
    return "".join(_fold_latin(ch) for ch in match.group())


def _fold_latin(ch: str) -> str:
    if ch.isascii() or "\u0e00" <= ch <= "\u0e7f":
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii()) or " "


def _compiled_thai_rules():
    """PyThaiNLP's `normalize` rules, each pattern compiled once (it passes them to
    `re.sub` as strings: a pattern-cache lookup for each of some thirty rules on
    every text, most of the cost of indexing a description)."""
    module = importlib.import_module("pythainlp.util.normalize")
    return (
        module,
        [(re.compile(p), r) for p, r in module._REORDER_PAIRS],
        [(re.compile(p), r) for p, r in module._NOREPEAT_PAIRS],
    )


_THAI_MODULE, _REORDER_RULES, _NOREPEAT_RULES = _compiled_thai_rules()


def _normalise_thai(text: str) -> str:
    """pythainlp.util.normalize, step for step (a test compares them)."""
    m = _THAI_MODULE
    text = m.remove_zw(text)
    text = m.remove_dup_spaces(text)
    text = m.remove_spaces_before_marks(text)
    for pattern, replacement in _REORDER_RULES:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _NOREPEAT_RULES:
        text = pattern.sub(replacement, text)
    text = m._RE_TONEMARKS.sub(m._last_char, text)
    return m.remove_dangling(text)


@cache
def dictionary_words() -> frozenset[str]:
    """The segmenter's dictionary: PyThaiNLP's words and the lexicon's."""
    return frozenset(thai_words()) | lexicon.segmenter_words()


@cache
def _thai_dictionary():
    return dict_trie(dictionary_words())


@lru_cache(maxsize=20_000)
def segment_thai(run: str) -> tuple[str, ...]:
    """Words of a run of Thai letters."""
    words = word_tokenize(
        run, custom_dict=_thai_dictionary(), engine="newmm", keep_whitespace=False
    )
    return tuple(w for w in words if w.strip() and w != "ๆ")


def stem(word: str) -> str:
    """Fold English plurals: bananas -> banana, chillies -> chilly, boxes -> box."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_runs(
    text: str, *, keep_stop_words: bool = False
) -> list[tuple[str, list[str]]]:
    """Each run of Thai letters or of English letters and digits, with its words."""
    return [
        (run, list(_run_words(run, keep_stop_words)))
        for run in _RUN.findall(normalise(text))
    ]


_APOSTROPHE_OR_HYPHEN = re.compile(r"['’\-]")


@lru_cache(maxsize=100_000)
def _run_words(run: str, keep_stop_words: bool) -> tuple[str, ...]:
    """The words of one run (runs repeat from text to text: a rebuild splits and
    stems the same English words a million times otherwise)."""
    if "\u0e00" <= run[0] <= "\u0e7f":
        pieces = list(segment_thai(run))
    else:
        pieces = [stem(p) for p in _APOSTROPHE_OR_HYPHEN.split(run)]
        pieces = [p for p in pieces if len(p) > 1 or p.isdigit()]
    words = [p[:MAX_TERM_LENGTH] for p in pieces]
    if not keep_stop_words:
        words = [w for w in words if w not in lexicon.STOP_WORDS]
    return tuple(words)


def _words(text: str, *, keep_stop_words: bool = False) -> list[str]:
    return [
        w
        for _run, words in word_runs(text, keep_stop_words=keep_stop_words)
        for w in words
    ]


def tokenise(text: str) -> list[str]:
    """The words of a text, as both documents and queries are split."""
    return _words(text)


def joined_words(text: str) -> list[str]:
    """Hyphenated English written as one word: hand-woven -> handwoven."""
    return [
        re.sub(r"['’\-]", "", run)
        for run in re.findall(r"[a-z0-9]+(?:[’'\-][a-z0-9]+)+", normalise(text))
    ]


@lru_cache(maxsize=50_000)
def subwords(word: str) -> tuple[str, ...]:
    """Product words found inside a longer Thai word, at character-cluster
    boundaries (so ไหม is found in ผ้าไหม, never half a syllable)."""
    if len(word) < 4 or not ("\u0e00" <= word[0] <= "\u0e7f"):
        return ()
    heads = lexicon.compound_heads()
    bounds = sorted(tcc.tcc_pos(word) | {0})
    found = []
    for i, start in enumerate(bounds):
        for end in bounds[i + 1 :]:
            piece = word[start:end]
            if piece != word and piece in heads:
                found.append(piece)
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    concept: str


@cache
def _phrases() -> dict[str, list[Phrase]]:
    """Synonym phrases, analysed like any text, by their first word (longest first)."""
    by_first: dict[str, list[Phrase]] = defaultdict(list)
    for concept, members in lexicon.synonym_groups().items():
        for member in members:
            words = tuple(tokenise(member))
            if words:
                by_first[words[0]].append(Phrase(words, concept))
    for phrases in by_first.values():
        phrases.sort(key=lambda p: -len(p.words))
    return dict(by_first)


def concepts_of_word(word: str) -> list[str]:
    """Concepts a single word means on its own (ไหม -> silk)."""
    return [p.concept for p in _phrases().get(word, ()) if len(p.words) == 1]


def find_phrases(
    words: list[str], *, overlapping: bool = False
) -> list[tuple[int, int, list[str]]]:
    """(start, end, concepts) for the synonym phrases in a run of words. A query
    takes the longest phrase and moves past it; a document keeps every match."""
    found = []
    i = 0
    while i < len(words):
        matches: dict[tuple[str, ...], list[str]] = {}
        for phrase in _phrases().get(words[i], ()):
            if tuple(words[i : i + len(phrase.words)]) == phrase.words:
                matches.setdefault(phrase.words, []).append(phrase.concept)
        if not matches:
            i += 1
            continue
        if not overlapping:
            longest = max(matches, key=len)
            found.append((i, i + len(longest), matches[longest]))
            i += len(longest)
            continue
        for phrase_words, concepts in matches.items():
            found.append((i, i + len(phrase_words), concepts))
        i += 1
    return found


@lru_cache(maxsize=50_000)
def text_terms(text: str, compounds: bool = True) -> tuple[tuple[str, float], ...]:
    """The terms of one text and how much each counts (1, or less for a sub-word).
    Names of places are not split and carry no product concepts (`compounds=False`:
    สมุทรสงคราม is not คราม, indigo; ตาก the province is not ตาก, dried), and words
    that have a meaning of their own in the synonyms are not split either (ไหมพรม,
    yarn, is not ไหม, silk)."""
    words = tokenise(text)
    share: dict[str, float] = {}

    def add(term: str, value: float) -> None:
        share[term] = max(share.get(term, 0), value)

    for word in words:
        add(word, 1)
        if not compounds or concepts_of_word(word):
            continue
        for part in subwords(word):
            add(part, SUBWORD_SHARE)
            for concept in concepts_of_word(part):
                add(concept, SUBWORD_SHARE)
    for joined in joined_words(text):
        add(joined, 1)
        for concept in concepts_of_word(joined):
            add(concept, 1)
    places = lexicon.place_concepts()
    for _start, _end, concepts in find_phrases(words, overlapping=True):
        for concept in concepts:
            if compounds or concept in places:
                add(concept, 1)
    return tuple(share.items())


# The document texts (SearchDocument.TEXT_FIELDS), strongest first, and which one a
# source field of a given weight (documents.py) writes to.
FIELDS = ("title_terms", "name_terms", "context_terms", "detail_terms")


def field_of(weight: float) -> int:
    """The position in FIELDS of a source field's weight: titles, then names
    (variants, categories, producers), then context (places, related names), then
    descriptions."""
    if weight >= 10:
        return 0
    if weight >= 4:
        return 1
    if weight >= 2:
        return 2
    return 3


def document_fields(fields: Iterable[tuple]) -> dict[str, str]:
    """The four texts of a document: each term once (space-separated), in the
    strongest field it occurs in; a sub-word counts one field lower than the word it
    was found in (ไหม in a title ผ้าไหม is a name-level match). A field is (weight,
    text) or (weight, text, compounds) where compounds=False keeps names whole.

    Writing a term once means repeating it adds nothing, and a term already in the
    title is not counted again from the description: the engine's length
    normalisation and field weights then rank relevance, not repetition."""
    best: dict[str, int] = {}
    for weight, text, *options in fields:
        if not text:
            continue
        level = field_of(weight)
        for term, share in text_terms(text, *options):
            at = level if share >= 1 else min(level + 1, len(FIELDS) - 1)
            if at < best.get(term, len(FIELDS)):
                best[term] = at
    texts: list[list[str]] = [[] for _ in FIELDS]
    for term in sorted(best):
        texts[best[term]].append(term)
    return {name: " ".join(terms) for name, terms in zip(FIELDS, texts, strict=True)}


def document_terms(fields: Iterable[tuple]) -> set[str]:
    """Every term a document is found by."""
    return {t for text in document_fields(fields).values() for t in text.split()}
