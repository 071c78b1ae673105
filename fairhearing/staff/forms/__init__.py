"""Forms of the staff pages, one module per feature."""
