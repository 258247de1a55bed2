"""MEP: MEpedia conventions ("Notable studies" lists), one module per code."""

__all__: list[str] = []
