"""SESSION_ENGINE: Django's database sessions, read with one prepared statement.

Every request of a signed-in visitor reads its session row; Django composes and
compiles `Session.objects.get(session_key=..., expire_date__gt=now)` again each time,
which cost more CPU than PostgreSQL spends finding the row by its primary key.
Here the row is found by its key with a statement compiled once
(catalogue.statements.Prepared) and its expiry compared in Python: the same session,
or none, as Django's. Writing, creating and deleting sessions are Django's.
"""

from __future__ import annotations

from functools import cache

from django.contrib.sessions.backends import db
from django.utils import timezone

from catalogue.statements import Prepared


@cache
def _by_key() -> Prepared:
    session = db.SessionStore.get_model_class()  # models load after settings
    return Prepared(session.objects.all(), "session_key")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        # Django's lookup raises no SuspiciousOperation of its own (a malformed key
        # never gets here: SessionBase drops it), so only "not found" remains.
        found = _by_key().fetch(session_key=self.session_key)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
