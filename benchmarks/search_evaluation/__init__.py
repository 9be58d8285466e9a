"""The search's evaluation set (catalogue + queries + judgements) and its runner:
`manage.py evaluate_search` prints the figures, tests/search checks the target."""
