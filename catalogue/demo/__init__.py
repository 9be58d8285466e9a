"""Realistic demo data for the OTOP shop: registry rows and product photos."""
