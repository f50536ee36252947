"""Spectral statistics of one spectrum or a batch of spectra (sample axis first)."""

__all__: list[str] = []

from .thouless import (ThoulessResult, curvature_conductance, level_curvatures,  # noqa: E402
                       level_window, thouless_conductance)
__all__ += ["ThoulessResult", "curvature_conductance", "level_curvatures", "level_window",
            "thouless_conductance"]
