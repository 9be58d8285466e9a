"""Order statuses and the only moves between them (Oscar's status pipeline).

An order never moves backwards: a late or repeated payment message that would need a
move not listed here is ignored (and, where money is involved, noted for staff).
"""

from django.utils.translation import gettext_lazy as _

PENDING_PAYMENT = "Pending payment"  # Stripe: stock held, waiting for the payment
PROCESSING = "Processing"  # paid, or cash on delivery: producers pack and ship
COMPLETE = "Complete"  # every producer's parcel delivered
CANCELLED = "Cancelled"  # payment failed or expired; stock given back
PAYMENT_REVIEW = "Payment review"  # money and order disagree: staff decide

LABELS = {
    PENDING_PAYMENT: _("Awaiting payment"),
    PROCESSING: _("Being prepared"),
    COMPLETE: _("Delivered"),
    CANCELLED: _("Cancelled"),
    PAYMENT_REVIEW: _("Payment under review"),
}

PIPELINE = {
    PENDING_PAYMENT: (PROCESSING, CANCELLED, PAYMENT_REVIEW),
    PROCESSING: (COMPLETE, CANCELLED),
    # Staff settle a review by hand: accept the payment or refund it and cancel.
    PAYMENT_REVIEW: (PROCESSING, CANCELLED),
    # A payment that arrives after its order was cancelled needs a person.
    CANCELLED: (PAYMENT_REVIEW,),
    COMPLETE: (),
}
