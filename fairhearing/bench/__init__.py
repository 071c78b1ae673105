"""Benchmarking: synthetic caseloads and the server-time benchmark behind ``make bench``."""
