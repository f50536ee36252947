"""Spectral statistics of one spectrum or a batch of spectra (sample axis first)."""

__all__: list[str] = []
