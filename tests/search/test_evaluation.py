"""The evaluation set (benchmarks.search_evaluation): the search meets its target, and
does better than the searches it replaces on the same products."""

import pytest

from benchmarks.search_evaluation.runner import evaluate

pytestmark = pytest.mark.django_db


def test_search_meets_its_recall_target_and_beats_the_old_search():
    ours, haystack, placeholder = evaluate(["otop", "haystack", "placeholder"])

    print(
        f"\nrecall@10: otop {ours.recall:.3f} (held out {ours.held_out_recall:.3f}), "
        f"haystack {haystack.recall:.3f}, placeholder {placeholder.recall:.3f}"
    )
    assert len(ours.outcomes) >= 40
    assert ours.recall >= 0.95
    assert ours.held_out_recall >= 0.9
    assert ours.ineligible == 0
    assert ours.recall > max(haystack.recall, placeholder.recall) + 0.15
    assert haystack.ineligible > 0  # Oscar's default search ignores the OTOP rule
