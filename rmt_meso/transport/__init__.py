"""Quantum transport: leads, recursive Green's functions, S-matrices, cavities, localization."""

__all__: list[str] = []
