"""The package logger and the progress bar of long public operations.

``logging.getLogger("rmt_meso")`` carries a :class:`logging.NullHandler`, so the library is
silent unless the application configures logging (the standard convention for libraries,
see the Python "Logging HOWTO", section "Configuring logging for a library").  Library code
never prints; it logs through :data:`logger` (or a child ``rmt_meso.<module>`` logger).

:func:`progress_bar` is the one place that picks a tqdm front end:

* ``enabled=False``: a disabled text bar (:mod:`tqdm.std`), which never imports the notebook
  front end, so no ``TqdmWarning: IProgress not found`` is ever emitted;
* ``enabled=True`` inside a Jupyter kernel with ``ipywidgets`` importable: the widget bar;
* otherwise the text bar on standard error, shown when standard error is a terminal or when
  running in a Jupyter kernel (where tqdm's own ``disable=None`` rule would hide it).
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from tqdm.std import tqdm

__all__ = ["logger", "progress_bar"]

logger = logging.getLogger("rmt_meso")
logger.addHandler(logging.NullHandler())


def _in_jupyter_kernel() -> bool:
    """True when running inside an IPython kernel (Jupyter notebook or lab)."""
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipykernel always ships IPython
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _has_ipywidgets() -> bool:
    return importlib.util.find_spec("ipywidgets") is not None


def progress_bar(total: int | None = None, *, enabled: bool = True, desc: str | None = None,
                 unit: str = "it", initial: int = 0, leave: bool = False) -> tqdm:
    """A tqdm progress bar suited to where the code runs, silent when ``enabled`` is False.

    Parameters
    ----------
    total : int, optional
        Number of steps.
    enabled : bool
        ``False``: a disabled bar that writes nothing and warns about nothing.
    desc, unit, initial, leave
        As for :class:`tqdm.tqdm`.

    Returns
    -------
    tqdm.tqdm
        Use as ``bar.update(n)`` and ``bar.close()`` (or as a context manager).

    Examples
    --------
    >>> with progress_bar(3, enabled=False) as bar:
    ...     _ = bar.update(3)
    >>> bar.disable
    True
    """
    kwargs = dict(total=total, desc=desc, unit=unit, initial=initial, leave=leave)
    if not enabled:
        from tqdm.std import tqdm
        return tqdm(disable=True, **kwargs)
    if _in_jupyter_kernel():
        if _has_ipywidgets():
            from tqdm.notebook import tqdm as notebook_tqdm
            return notebook_tqdm(disable=False, **kwargs)
        from tqdm.std import tqdm
        return tqdm(disable=False, file=sys.stderr, **kwargs)
    from tqdm.std import tqdm
    return tqdm(disable=None, **kwargs)   # shown only when stderr is a terminal
