"""Staff pages, one module per feature."""
