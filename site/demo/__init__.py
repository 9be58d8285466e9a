"""Realistic demo data for the OTOP shop (`manage.py load_demo`): registry rows and
Pillow-drawn product photos, village pages and their landscapes. Nothing in the site
imports this package; only the command and the tests do."""
