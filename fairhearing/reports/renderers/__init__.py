"""Renderers: a built Report as Word, PDF, Excel, CSV or JSON. They format; they never count."""
