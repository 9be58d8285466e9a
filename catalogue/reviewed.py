"""Whether a signed-in buyer has reviewed a product: the product page asks it on every
view by a buyer (Oscar's `is_review_permitted`, to offer "Write a review"), as one
prepared statement (`statements.Prepared`): Django composing and compiling
`product.reviews.filter(user=user).exists()` cost more CPU than the query itself."""

from __future__ import annotations

from functools import cache

from oscar.core.loading import get_model

from .statements import Prepared


@cache
def _reviews_by() -> Prepared:
    # No date in it (unlike the OTOP rule's statements): one per process. At most one
    # row: Oscar allows one review per product and user (unique_together).
    ProductReview = get_model("reviews", "ProductReview")
    return Prepared(
        ProductReview._default_manager.order_by().values_list("pk", flat=True),
        "product",
        "user",
    )


def has_reviewed(product_id: int, user_id: int) -> bool:
    return bool(_reviews_by().fetch(product=product_id, user=user_id))
