"""The public forms' question pages (see base.py for what every page shares)."""
