"""CIT: citation-template checks (CS1 parameters, dates, identifiers), one module per code."""

__all__: list[str] = []
