"""Exact theory (SciPy / mpmath / SymPy): the laws the numerics are compared with."""

__all__: list[str] = []
