"""The shop: Oscar apps forked beyond the catalogue (which lives at the top level as `catalogue/`)."""
