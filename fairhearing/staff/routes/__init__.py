"""URL patterns of the staff pages, one module per feature, joined in staff/urls.py."""
