"""A producer's parcels: accept, ship with a tracking number, mark delivered (only its own)."""
