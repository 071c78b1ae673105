"""Renderers: a composed letter to a Word document or a PDF. They format; they never look anything up."""
