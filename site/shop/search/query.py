"""Turns what a buyer typed into groups of terms: a document matches a group when it
carries any of the group's terms, and the query when it matches every group.

Each word or synonym phrase of the query becomes a group: the word itself plus the
concepts it means (ไหม -> ไหม, silk; ของฝาก -> souvenir, and the food and household
concepts a souvenir search also covers). A word the index has never seen is then
resolved against the vocabulary: an English typo is corrected
("slik" -> silk), a Thai run that segmentation cut where the documents were not cut is
looked up as a substring of the known terms, and a word still being typed is completed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import analysis, lexicon, spelling, vocabulary

MAX_QUERY_LENGTH = 200


@dataclass
class Group:
    typed: str
    terms: list[str]
    start: int = 0  # the words of the query it covers
    end: int = 0
    corrected_to: list[str] = field(default_factory=list)
    # Another way to match: every one of these term lists (the words segmentation
    # found in a stretch that is also looked up whole, see _whole_stretches).
    parts: list[list[str]] = field(default_factory=list)


@dataclass
class ParsedQuery:
    text: str
    groups: list[Group]
    # Words corrected before matching: {"slik": "silk"}.
    corrected: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def all_terms(self) -> list[str]:
        return list(dict.fromkeys(t for g in self.groups for t in g.terms))

    @property
    def corrected_text(self) -> str:
        return " ".join(self.corrected.get(w, w) for w in self.text.lower().split())


def parse(text: str, *, completing: bool = False) -> ParsedQuery:
    """Parse a query; `completing` treats the last word as unfinished (autocomplete).

    English typos are corrected first and the corrected words parsed again, so that
    "chilli pste" is read as the phrase "chilli paste" (น้ำพริก)."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    parsed = _parse(text, completing=completing)
    corrected = {g.typed: g.corrected_to[0] for g in parsed.groups if g.corrected_to}
    if corrected:
        words = [w for _run, ws in analysis.word_runs(text) for w in ws]
        again = _parse(
            " ".join(corrected.get(w, w) for w in words), completing=completing
        )
        again.text, again.corrected = text, corrected
        parsed = again
    return parsed


def _parse(text: str, *, completing: bool) -> ParsedQuery:
    runs = analysis.word_runs(text)
    if not any(words for _run, words in runs):
        runs = analysis.word_runs(text, keep_stop_words=True)
    words = [w for _run, run_words in runs for w in run_words]
    groups = _groups(words)
    if groups:
        known = _known({t for g in groups for t in g.terms} | {r for r, _w in runs})
        groups = _whole_runs(groups, runs, known)
        if completing:
            groups = _complete_last_run(groups, runs)
        _resolve(groups, known, completing=completing)
    groups = _merge_overlapping(groups)
    for group in groups:
        _add_narrower(group)
    return ParsedQuery(text, groups)


def _known(terms: set[str]) -> set[str]:
    return terms & vocabulary.current().terms


def _groups(words: list[str]) -> list[Group]:
    phrases = {
        start: (end, concepts) for start, end, concepts in analysis.find_phrases(words)
    }
    groups, i = [], 0
    while i < len(words):
        if i in phrases:
            end, concepts = phrases[i]
            own = [words[i]] if end == i + 1 else []
            typed = " ".join(words[i:end])
            groups.append(Group(typed, list(dict.fromkeys(own + concepts)), i, end))
            i = end
        else:
            groups.append(Group(words[i], [words[i]], i, i + 1))
            i += 1
    return groups


def _whole_runs(
    groups: list[Group], runs: list[tuple[str, list[str]]], known: set[str]
) -> list[Group]:
    """A Thai run the query's segmentation split into words the index does not know
    ("ผักตบ" -> ผัก + ตบ; "มัดหมี" -> มัด + หมี) is looked up whole: as part of the
    known terms (ผักตบชวา), or one vowel or tone mark away from one (มัดหมี่). The
    longest such stretch of the run's words wins."""
    start = 0
    for run, words in runs:
        end = start + len(words)
        if len(words) > 1 and not run.isascii():
            groups = _whole_stretches(groups, words, start, end, known)
        start = end
    return groups


def _whole_stretches(groups, words, start, end, known):
    vocab = vocabulary.current()
    i = start
    while i < end:
        for j in range(end, i + 1, -1):  # longest first, at least two words
            inside = [g for g in groups if i <= g.start and g.end <= j]
            if len(inside) != j - i:
                continue
            text = "".join(words[i - start : j - start])
            found = ([text] if text in known else []) + vocab.containing(text)
            all_known = all(set(g.terms) & known for g in inside)
            if not all_known:
                found += vocab.one_slip_from(text)
            if not found:
                continue
            group = Group(text, list(dict.fromkeys(found)), i, j)
            if all_known:
                # Known words still match on their own ("ผักตบ อบแห้ง" is ผัก + ตบ),
                # and the stretch whole finds the compounds holding it (ผักตบชวา).
                group.parts = [g.terms for g in inside]
            groups = [g for g in groups if g not in inside]
            groups.append(group)
            groups.sort(key=lambda g: g.start)
            i = j - 1
            break
        i += 1
    return groups


def _complete_last_run(
    groups: list[Group], runs: list[tuple[str, list[str]]]
) -> list[Group]:
    """While typing Thai, the last run is an unfinished word ("ผ้าไห"): complete it
    whole (ผ้าไหม) rather than as the words segmentation makes of it (ผ้า + ไห)."""
    run, words = runs[-1]
    start = sum(len(w) for _r, w in runs[:-1])
    if run.isascii() or len(words) < 2:
        return groups
    found = _starting_with(run)
    if not found:
        return groups
    kept = [g for g in groups if g.end <= start]
    return [*kept, Group(run, found, start, start + len(words))]


def _resolve(groups: list[Group], known: set[str], *, completing: bool) -> None:
    """Expand the query's words against the vocabulary: Thai words by the terms
    that contain them; words the index does not know by spelling (English), by
    their known sub-words and by one-slip neighbours (Thai), or as prefixes."""
    vocab = vocabulary.current()
    for number, group in enumerate(groups):
        word = group.typed
        single = " " not in word and len(group.terms) >= 1
        if completing and number == len(groups) - 1 and single:
            group.terms += _starting_with(word)
        if not single:
            continue
        thai = bool(re.fullmatch(r"[\u0e00-\u0e7f]+", word))
        if thai and len(word) >= 3:
            group.terms += vocab.containing(word)
        if any(t in known for t in group.terms):
            continue
        if word.isascii():
            corrected = spelling.corrections(word) if word.isalpha() else []
            if corrected:
                group.corrected_to = corrected
                group.terms += corrected
                for term in corrected:
                    group.terms += analysis.concepts_of_word(term)
            elif len(word) >= 3:
                group.terms += _starting_with(word)
        elif thai and not analysis.concepts_of_word(word):
            # (A word of the synonyms is a real word: left as it is, like English.)
            # The nearest first: one slip away, then compounds holding the word,
            # then (last resort) what the dictionary words inside it find.
            found = vocab.one_slip_from(word) or vocab.containing(word)
            group.terms += found or vocab.parts_of(word)
    for group in groups:
        group.terms = list(dict.fromkeys(group.terms))


def _add_narrower(group: Group) -> None:
    broader = lexicon.broader_concepts()
    for term in list(group.terms):
        group.terms += [c for c in broader.get(term, ()) if c not in group.terms]


def _starting_with(word: str) -> list[str]:
    return vocabulary.current().starting_with(word)


def _merge_overlapping(groups: list[Group]) -> list[Group]:
    """Groups sharing a term mean the same thing ("silk ไหม"): keep one."""
    merged: list[Group] = []
    for group in groups:
        same = next((m for m in merged if set(m.terms) & set(group.terms)), None)
        if same is None:
            merged.append(group)
        else:
            same.terms = list(dict.fromkeys(same.terms + group.terms))
    return merged
