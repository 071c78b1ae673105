from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Synthetic data and benchmarks; no models, nothing a user of the site ever sees."""

    name = "fairhearing.bench"
    label = "bench"
    verbose_name = "Benchmarks"
