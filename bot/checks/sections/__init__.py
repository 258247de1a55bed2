"""SEC: heading and section-structure checks, one module per code."""

__all__: list[str] = []
