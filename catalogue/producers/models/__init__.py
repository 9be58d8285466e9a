"""Producer applications and the listing changes producers propose for staff to approve."""

from .applications import ProducerApplication
from .revisions import ListingRevision, ListingRevisionPhoto

__all__ = ["ListingRevision", "ListingRevisionPhoto", "ProducerApplication"]
