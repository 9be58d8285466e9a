"""A stand-in for Stripe's servers at the SDK's HTTP boundary, and Stripe-style webhooks.

`FakeStripe` is a `stripe.HTTPClient`: installed as `stripe.default_http_client`, it
answers the SDK's real requests (form-encoded, with the Idempotency-Key header) with
Stripe's recorded JSON (stripe_json/), keeping the sessions it made in memory, the way
Stripe's API behaves for what this shop uses: create (idempotent), retrieve, list,
expire. `signed_event()` builds an event and signs it exactly as Stripe does.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe

RECORDED = Path(__file__).resolve().parent / "stripe_json"
WEBHOOK_SECRET = "whsec_test_otop"
_ids = itertools.count(1)


def recorded(name: str) -> dict:
    return json.loads((RECORDED / f"{name}.json").read_text())


def _nested(pairs: list[tuple[str, str]]) -> dict:
    """Stripe's form encoding (a[b][0][c]=x) back into a nested structure."""
    root: dict = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    """Dicts keyed 0, 1, 2… (Stripe's encoding of arrays) become lists."""
    if not isinstance(node, dict):
        return node
    node = {k: _lists(v) for k, v in node.items()}
    if node and all(k.isdigit() for k in node):
        return [node[k] for k in sorted(node, key=int)]
    return node


class FakeStripe(stripe.HTTPClient):
    name = "fake-stripe"

    def __init__(self) -> None:
        super().__init__()
        self.sessions: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.requests: list[dict] = []
        self._replies: dict[str, tuple[dict, str, int]] = {}
        self._lock = threading.Lock()
        self.outage = False  # True: every request fails as Stripe's 500 would

    # What tests read

    def created_sessions(self) -> list[dict]:
        return [
            r
            for r in self.requests
            if r["method"] == "post" and r["path"] == "/v1/checkout/sessions"
        ]

    # What the buyer does on Stripe's page

    def pay(self, session_id: str, payment_status: str = "paid", **changes) -> dict:
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status=payment_status,
            payment_intent=f"pi_test_{next(_ids):08d}",
            customer_details={
                "email": session.get("customer_email"),
                "name": "ผู้ซื้อ ทดสอบ",
            },
            **changes,
        )
        return copy.deepcopy(session)

    def refund_at_stripe(self, payment_intent: str, amount: int) -> dict:
        """Staff refund a payment in Stripe's Dashboard (not through the shop)."""
        with self._lock:
            return self._refund({"payment_intent": payment_intent, "amount": amount})[0]

    def charge(self, payment_intent: str) -> dict:
        """The payment's charge as Stripe shows it now (a `charge.refunded` object)."""
        session = next(
            s
            for s in self.sessions.values()
            if s.get("payment_intent") == payment_intent
        )
        refunded = sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == payment_intent
        )
        charge = recorded("charge")
        charge.update(
            id=f"ch_{payment_intent[3:]}",
            amount=session["amount_total"],
            amount_captured=session["amount_total"],
            amount_refunded=refunded,
            refunded=refunded == session["amount_total"],
            payment_intent=payment_intent,
        )
        return charge

    def expire(self, session_id: str) -> dict:
        self.sessions[session_id]["status"] = "expired"
        return copy.deepcopy(self.sessions[session_id])

    # The SDK's side

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        params = _nested(parse_qsl(post_data or parts.query, keep_blank_values=True))
        with self._lock:
            self.requests.append(
                {
                    "method": method,
                    "path": parts.path,
                    "params": params,
                    "idempotency_key": (headers or {}).get("Idempotency-Key"),
                    "authorization": (headers or {}).get("Authorization"),
                }
            )
            if self.outage:
                return self._reply(recorded("error_api"), 500)
            key = (headers or {}).get("Idempotency-Key") if method == "post" else None
            if key and key in self._replies:
                body, fingerprint, status = self._replies[key]
                if fingerprint != json.dumps(params, sort_keys=True):
                    error = recorded("error_idempotency")
                    error["error"]["message"] = error["error"]["message"].replace(
                        "KEY", key
                    )
                    return self._reply(error, 400)
                return self._reply(body, status, replayed=True)
            body, status = self._route(method, parts.path, params)
            if key:
                self._replies[key] = (body, json.dumps(params, sort_keys=True), status)
            return self._reply(body, status)

    def _route(self, method: str, path: str, params: dict) -> tuple[dict, int]:
        segments = path.strip("/").split("/")  # v1, checkout, sessions, [id], [expire]
        if segments == ["v1", "refunds"] and method == "post":
            return self._refund(params)
        if segments[:3] != ["v1", "checkout", "sessions"]:
            return {
                "error": {
                    "type": "invalid_request_error",
                    "message": f"no route {path}",
                }
            }, 404
        if method == "post" and len(segments) == 3:
            return self._create(params), 200
        if method == "get" and len(segments) == 3:
            return self._list(params), 200
        session = self.sessions.get(segments[3])
        if session is None:
            return {
                "error": {
                    "type": "invalid_request_error",
                    "code": "resource_missing",
                    "message": f"No such checkout.session: '{segments[3]}'",
                }
            }, 404
        if method == "get":
            return copy.deepcopy(session), 200
        if method == "post" and segments[4:] == ["expire"]:
            if session["status"] != "open":
                return recorded("error_session_not_open"), 400
            session["status"] = "expired"
            return copy.deepcopy(session), 200
        return {
            "error": {"type": "invalid_request_error", "message": "unsupported"}
        }, 400

    def _create(self, params: dict) -> dict:
        session = recorded("checkout_session")
        session_id = f"cs_test_{next(_ids):06d}{'x' * 50}"
        amount = sum(
            int(item["price_data"]["unit_amount"]) * int(item["quantity"])
            for item in params["line_items"]
        )
        session.update(
            id=session_id,
            amount_subtotal=amount,
            amount_total=amount,
            currency=params["currency"],
            client_reference_id=params.get("client_reference_id"),
            customer_email=params.get("customer_email"),
            metadata=params.get("metadata", {}),
            payment_method_types=params["payment_method_types"],
            expires_at=int(params["expires_at"]),
            created=int(time.time()),
            success_url=params["success_url"],
            cancel_url=params["cancel_url"],
            url=f"https://checkout.stripe.com/c/pay/{session_id}#fid",
        )
        self.sessions[session_id] = session
        return copy.deepcopy(session)

    def _refund(self, params: dict) -> tuple[dict, int]:
        """Stripe's refund of (part of) a PaymentIntent's charge; never more than is
        left on it."""
        payment_intent = params.get("payment_intent")
        session = next(
            (
                s
                for s in self.sessions.values()
                if payment_intent and s.get("payment_intent") == payment_intent
            ),
            None,
        )
        if session is None:
            return {
                "error": {
                    "type": "invalid_request_error",
                    "code": "resource_missing",
                    "message": f"No such payment_intent: '{payment_intent}'",
                }
            }, 404
        amount = int(params.get("amount") or session["amount_total"])
        refunded = sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == payment_intent
        )
        if refunded + amount > session["amount_total"]:
            return {
                "error": {
                    "type": "invalid_request_error",
                    "code": "charge_already_refunded",
                    "message": "Refund amount is greater than unrefunded amount.",
                }
            }, 400
        refund = recorded("refund")
        refund.update(
            id=f"re_test_{next(_ids):08d}",
            amount=amount,
            currency=session["currency"],
            payment_intent=payment_intent,
            charge=f"ch_{payment_intent[3:]}",
            metadata=params.get("metadata", {}),
            reason=params.get("reason"),
            created=int(time.time()),
        )
        self.refunds[refund["id"]] = refund
        return copy.deepcopy(refund), 200

    def _list(self, params: dict) -> dict:
        since = int(params.get("created", {}).get("gte", 0))
        data = [
            copy.deepcopy(s) for s in self.sessions.values() if s["created"] >= since
        ]
        return {
            "object": "list",
            "data": data,
            "has_more": False,
            "url": "/v1/checkout/sessions",
        }

    def _reply(self, body: dict, status: int, replayed: bool = False):
        headers = {
            "Request-Id": f"req_fake_{next(_ids)}",
            "Content-Type": "application/json",
        }
        if replayed:
            headers["Idempotent-Replayed"] = "true"
        return json.dumps(body), status, headers

    def close(self) -> None:
        pass


def sign(
    payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None
) -> str:
    """The Stripe-Signature header: t=<unix time>,v1=HMAC-SHA256(secret, "<t>.<body>")."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_payload(event_type: str, session: dict, event_id: str | None = None) -> str:
    event = recorded("event")
    event.update(
        id=event_id or f"evt_test_{next(_ids):010d}",
        type=event_type,
        created=int(time.time()),
        data={"object": session},
    )
    return json.dumps(event, ensure_ascii=False)


@contextmanager
def stripe_replaced() -> Iterator[FakeStripe]:
    """Stripe's servers, replaced at the SDK's HTTP boundary."""
    previous = stripe.default_http_client
    fake = FakeStripe()
    stripe.default_http_client = fake
    try:
        yield fake
    finally:
        stripe.default_http_client = previous


@pytest.fixture
def fake_stripe():
    with stripe_replaced() as fake:
        yield fake
