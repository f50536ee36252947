"""The shipped matplotlib style and the figure factory used by every plot function.

matplotlib reads rcParams when an artist is created, so a plot function applies the style
for its whole body: decorate it with :func:`styled` and create its figure with
:func:`new_figure`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from pathlib import Path

from .._validate import check_choice

_F = TypeVar("_F", bound=Callable[..., Any])

__all__ = ["STYLE_PATH", "style", "styled", "new_figure", "use_file_backend", "WIDTHS", "COLORS"]

STYLE_PATH = Path(__file__).with_name("rmt_meso.mplstyle")
#: figure widths in inches: one column / two columns of a two-column journal page (APS).
WIDTHS = {"single": 3.4, "double": 7.0}
#: Okabe–Ito colour-blind-safe palette, in the style's cycle order.
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def use_file_backend() -> None:
    """Select matplotlib's non-interactive Agg backend (files only; for batch runs)."""
    import matplotlib
    matplotlib.use("Agg")


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying ``rmt_meso.mplstyle`` (use it around your own plotting too)."""
    import matplotlib.pyplot as plt
    with plt.style.context(str(STYLE_PATH)):
        yield


def styled(func: _F) -> _F:
    """Decorator: run a plot function with the rmt_meso style applied."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature


def new_figure(width: str = "single", aspect: float = 0.75, nrows: int = 1, ncols: int = 1,
               **kwargs: Any) -> tuple[Any, Any]:
    """Create a ``(Figure, Axes)`` pair sized for a journal column.

    Uses :class:`matplotlib.figure.Figure` directly, not pyplot, so the many figures of a
    ``verify`` run are garbage collected and never displayed by accident.  ``aspect`` is
    height/width of the whole figure.
    """
    check_choice("width", width, WIDTHS)
    from matplotlib.figure import Figure
    w = WIDTHS[width]
    fig = Figure(figsize=(w, w * aspect), layout="constrained")
    axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes
