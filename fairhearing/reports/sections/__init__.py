"""The report's sections, in reading order. Each is a pure read returning a ``Section``."""
