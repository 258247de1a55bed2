"""REF: reference and citation checks, one module per code."""

__all__: list[str] = []
