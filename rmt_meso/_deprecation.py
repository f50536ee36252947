"""One place for deprecations: renamed public names keep working for one release.

Every renamed function, argument, attribute or calling form warns with a
:class:`DeprecationWarning` that names the old spelling, the new one and the release that
removes the old one, and then does exactly what the new spelling does.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from typing import Any, Callable, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

__all__ = ["REMOVED_IN", "warn_deprecated", "deprecated_alias", "deprecated_attribute", "renamed_arguments",
           "positional_to_keyword", "spin_degenerate_to_degeneracy"]

#: The release that removes every name deprecated in this one.
REMOVED_IN = "0.3.0"


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new`` (removed in :data:`REMOVED_IN`)."""
    warnings.warn(f"{old} is deprecated and will be removed in rmt_meso {REMOVED_IN}; "
                  f"use {new} instead", DeprecationWarning, stacklevel=stacklevel)


def deprecated_alias(func, old: str, new: str | None = None):
    """A wrapper of ``func`` under its old name ``old`` that warns on every call."""
    new = new or func.__qualname__

    @functools.wraps(func)
    def alias(*args, **kwargs):
        warn_deprecated(old, new)
        return func(*args, **kwargs)

    alias.__doc__ = f"Deprecated alias of :func:`{new}` (removed in {REMOVED_IN})."
    alias.__name__ = alias.__qualname__ = old.rsplit(".", 1)[-1].rstrip("()")
    return alias


def renamed_arguments(**renames):
    """Decorator: accept the old keyword names ``old=new`` with a warning.

    Passing both the old and the new name raises ``TypeError``.
    """
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__qualname__}() got both {new!r} and its "
                                        f"deprecated name {old!r}; pass only {new!r}")
                    warn_deprecated(f"{func.__qualname__}({old}=...)",
                                    f"{func.__qualname__}({new}=...)")
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)
        return wrapper
    return decorate


def positional_to_keyword(*names: str) -> Callable[[_F], _F]:
    """Decorator: positional arguments past the last positional parameter that an older
    signature accepted become the keyword-only ``names`` (in order), with a warning.

    Used where ``rng`` became keyword-only: ``ens.eigvals(10, 1)`` still means
    ``ens.eigvals(10, rng=1)`` for one release.
    """
    def decorate(func: _F) -> _F:
        params = inspect.signature(func).parameters.values()
        npos = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if len(args) > npos:
                extra = args[npos:]
                if len(extra) > len(names):
                    raise TypeError(f"{func.__qualname__}() takes at most {npos + len(names)} "
                                    f"positional arguments; got {len(args)}")
                for name, value in zip(names, extra):
                    if name in kwargs:
                        raise TypeError(f"{func.__qualname__}() got {name!r} both "
                                        "positionally and as a keyword")
                    kwargs[name] = value
                used = ", ".join(f"{n}=..." for n in names[:len(extra)])
                warn_deprecated(f"passing {', '.join(names[:len(extra)])} positionally to "
                                f"{func.__qualname__}()", f"the keyword form ({used})")
                args = args[:npos]
            return func(*args, **kwargs)
        return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature
    return decorate


def deprecated_attribute(new: str, old: str) -> property:
    """A read-only property under the old name ``old`` that returns attribute ``new``."""
    def get(self: Any) -> Any:
        warn_deprecated(f"{type(self).__name__}.{old}", f"{type(self).__name__}.{new}")
        return getattr(self, new)
    return property(get, doc=f"Deprecated name of :attr:`{new}` (removed in {REMOVED_IN}).")


def spin_degenerate_to_degeneracy(func):
    """Decorator: the old boolean ``spin_degenerate=`` becomes ``spin_degeneracy=2`` (True) or
    ``1`` (False), with a warning."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if "spin_degenerate" in kwargs:
            if "spin_degeneracy" in kwargs:
                raise TypeError(f"{func.__qualname__}() got both 'spin_degeneracy' and its "
                                "deprecated form 'spin_degenerate'; pass only spin_degeneracy")
            old = kwargs.pop("spin_degenerate")
            if not isinstance(old, bool):
                raise TypeError(f"spin_degenerate must be a bool; got {old!r}")
            warn_deprecated(f"{func.__qualname__}(spin_degenerate={old})",
                            f"{func.__qualname__}(spin_degeneracy={2 if old else 1})")
            kwargs["spin_degeneracy"] = 2 if old else 1
        return func(*args, **kwargs)
    return wrapper
