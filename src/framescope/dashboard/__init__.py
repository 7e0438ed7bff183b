"""The served dashboard: ``state`` (filters and derived data, no Panel), ``views``, ``app``."""
