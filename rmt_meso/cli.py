"""The ``rmt-meso`` command line (also ``python -m rmt_meso``).

``rmt-meso verify`` runs every registered physics claim and writes the report;
``rmt-meso figures`` regenerates the figure gallery.

Every argument is checked before any claim runs (the output folder is created and written
to, claim names are looked up, a ``dask://`` scheduler is contacted with a timeout of
:data:`CONNECT_TIMEOUT` seconds): a usage error exits with status 2 and one line on
standard error, without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

from ._version import __version__

__all__ = ["main", "build_parser", "UsageError", "CONNECT_TIMEOUT"]

#: Seconds to wait for a ``dask://HOST:PORT`` scheduler before giving up.
CONNECT_TIMEOUT = 3.0

_DASK_ADDRESS = re.compile(r"^dask://(?:tcp://)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")


class UsageError(Exception):
    """A bad command-line argument: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``rmt-meso verify: error: ...``) and exit status 2."""

    def error(self, message):
        raise UsageError(f"{self.prog}: error: {message}")


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed must be an integer >= 0; got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"--seed must be an integer >= 0 (a SeedSequence entropy); got {text!r}")
    return value


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--workers must be an integer >= 1; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--workers must be an integer >= 1; got {text!r}")
    return value


def _executor_spec(text: str) -> str:
    if text in ("serial", "processes", "local-dask"):
        return text
    m = _DASK_ADDRESS.match(text)
    if m and 0 < int(m.group(2)) < 65536:
        return text
    raise argparse.ArgumentTypeError(
        f"--executor must be serial, processes, local-dask or dask://HOST:PORT (port 1-65535); got {text!r}")


def _check_out(out: str) -> Path:
    """Create the output folder and prove it writable, before any claim runs."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise UsageError(f"--out {out!r} is an existing file, not a folder; choose another path")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=path, prefix=".rmt-meso-write-test.")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"--out {out!r} cannot be written: {exc.strerror or exc}") from None
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rmt-meso",
        description="Random-matrix theory and mesoscopic transport: verify theory against numerics.")
    parser.add_argument("--version", action="version", version=f"rmt-meso {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    v = sub.add_parser("verify", help="run the physics claims and write the report",
                       description="Run every registered claim on real samples; print a table "
                                   "and write report.md, report.html, results.json and figures. "
                                   "Each finished claim is checkpointed in OUT/checkpoints; Ctrl-C "
                                   "(or SIGTERM) writes a partial report of the finished claims (exit status 130) "
                                   "and --resume finishes the run. Exit status is 0 only if every "
                                   "claim passes.")
    v.add_argument("--preset", choices=["quick", "full"], default="quick",
                   help="quick: minutes on 2 cores (default); full: publication statistics")
    v.add_argument("--only", nargs="+", metavar="NAME", help="run only these claims")
    v.add_argument("--out", default="verify-report", help="output folder (default: verify-report)")
    v.add_argument("--seed", type=_seed, default=20261127, help="root seed >= 0 (default: 20261127)")
    v.add_argument("--executor", type=_executor_spec, default="serial",
                   help="serial (default), processes, local-dask, or dask://HOST:PORT")
    v.add_argument("--workers", type=_workers, default=None, help="workers (>= 1) for processes/local-dask")
    v.add_argument("--resume", action="store_true",
                   help="reuse the checkpoints that an earlier (interrupted) run left in --out "
                        "(OUT/checkpoints/NAME.pkl, one per finished claim) where the preset, seed, "
                        "wrong-worlds setting, version and source are the same, and run only the "
                        "other claims. Without --resume every selected claim runs and its "
                        "checkpoint is overwritten")
    v.add_argument("--list", action="store_true", help="list the claims and exit")
    v.add_argument("--no-progress", action="store_true", help="no progress bars")
    v.add_argument("--no-wrong-worlds", action="store_true",
                   help="skip the wrong worlds (perturbed physics or theory each claim must "
                        "reject); by default they run and the report shows their detection power")

    f = sub.add_parser("figures", help="regenerate the figure gallery (quick preset)")
    f.add_argument("--out", default="figures", help="output folder (default: figures)")
    f.add_argument("--seed", type=_seed, default=20261127)
    f.add_argument("--preset", choices=["quick", "full"], default="quick")
    return parser


def _quiet_ctrl_c():
    """Worker initializer: Ctrl-C (SIGINT to the terminal's process group) ends a worker at
    once and without a traceback; the main process writes the partial report."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """A batch scheduler's SIGTERM (e.g. a job's time limit) ends the run as Ctrl-C does:
    the finished claims are reported (partial, exit status 130) and ``--resume`` goes on."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    try:
        old = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:           # not the main thread (an embedding application): leave it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextlib.contextmanager
def _executor(spec: str, workers: int | None):
    """Yield the executor object for ``spec`` and shut it down afterwards."""
    if spec == "serial":
        yield None
        return
    if spec == "processes":
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers, initializer=_quiet_ctrl_c) as ex:
            yield ex
        return
    if spec == "local-dask" or spec.startswith("dask://"):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise UsageError(f"--executor {spec} needs dask.distributed: pip install 'rmt_meso[dist]'") from exc
        if spec == "local-dask":
            with LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                yield client
        else:
            address = spec[len("dask://"):]
            try:
                client = Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"--executor {spec}: no dask scheduler answered at {address} within "
                                 f"{CONNECT_TIMEOUT:g} s ({type(exc).__name__})") from None
            with client:
                yield client
        return
    raise UsageError(f"--executor must be serial, processes, local-dask or dask://HOST:PORT; got {spec!r}")


def _select(registry, only):
    if not only:
        return list(registry.values())
    unknown = [n for n in only if n not in registry]
    if unknown:
        raise UsageError(f"--only: unknown claim(s) {unknown}; known: {sorted(registry)}")
    return [registry[n] for n in only]


def _reuse(claims, out, keys):
    """Split ``claims`` into checkpointed outcomes to reuse and claims to run (``--resume``)."""
    from .claims import _checkpoint

    reused, todo = {}, []
    for c in claims:
        o, why = _checkpoint.load(out, c, keys[c.name])
        if o is not None:
            reused[c.name] = o
            verdict = "PASS" if o.passed else "FAIL"
            print(f"  reused  {c.name}  ({verdict}, {o.seconds:.1f}s when run)", file=sys.stderr, flush=True)
        else:
            todo.append(c)
            if why:
                print(f"  stale   {c.name}  ({why}): runs again", file=sys.stderr, flush=True)
    if not reused:
        print(f"--resume: no reusable checkpoint in {str(out)!r}; running all {len(claims)} claim(s)",
              file=sys.stderr, flush=True)
    return reused, todo


def _run(args, *, write: bool = True) -> int:
    from ._blas import single_threaded_blas
    from .claims import Context, _checkpoint, discover, run_claim
    from .report import format_table, write_report

    registry = discover()
    if getattr(args, "list", False):
        width = max((len(n) for n in registry), default=0)
        for name, c in registry.items():
            print(f"{name.ljust(width)}  [{c.section}] {c.title}")
        return 0
    claims = _select(registry, getattr(args, "only", None))
    spec = getattr(args, "executor", "serial")
    if write:
        _check_out(args.out)
    progress = not getattr(args, "no_progress", True) and sys.stderr.isatty()
    worlds = not getattr(args, "no_wrong_worlds", True)
    # checkpoints for `verify` only (not the `figures` gallery)
    checkpoints = write and getattr(args, "command", "verify") == "verify"
    keys = {c.name: _checkpoint.key(c, preset=args.preset, seed=args.seed, wrong_worlds=worlds)
            for c in claims} if checkpoints else {}
    done, todo = _reuse(claims, args.out, keys) if checkpoints and getattr(args, "resume", False) \
        else ({}, claims)
    interrupted = False
    # one BLAS thread: the claims solve many small problems (see rmt_meso._blas)
    with single_threaded_blas(), _sigterm_as_interrupt(), \
            _executor(spec, getattr(args, "workers", None)) as ex:
        ctx = Context(preset=args.preset, seed=args.seed, executor=ex, progress=progress)

        def tell(w):
            print(f"      wrong world {w.summary()}  ({w.seconds:.1f}s)", file=sys.stderr, flush=True)

        try:
            for c in todo:
                o = run_claim(c, ctx, wrong_worlds=worlds, on_world=tell)
                done[c.name] = o
                verdict = "PASS" if o.passed else "FAIL"
                print(f"  {verdict}  {c.name}  ({o.seconds:.1f}s)", file=sys.stderr, flush=True)
                if checkpoints:
                    try:
                        _checkpoint.save(args.out, o, keys[c.name])
                    except Exception as exc:    # a lost checkpoint must not lose the run
                        print(f"rmt-meso: warning: no checkpoint for {c.name}: {exc!r}", file=sys.stderr)
        except KeyboardInterrupt:
            interrupted = True
    outcomes = [done[c.name] for c in claims if c.name in done]   # in report order
    if interrupted:
        print(f"\ninterrupted: {len(outcomes)} of {len(claims)} claim(s) finished; writing a partial "
              f"report", file=sys.stderr, flush=True)
    print(format_table(outcomes))
    try:
        write_report(outcomes, args.out, ctx=ctx, executor_label=spec, selected=[c.name for c in claims])
    except OSError as exc:       # the folder was writable before the claims ran
        print(f"rmt-meso: error: could not write the report to {args.out!r}: {exc}", file=sys.stderr)
        return 1
    for o in outcomes:
        if o.error:
            print(f"\nclaim {o.claim.name} raised:\n{o.error}", file=sys.stderr)
    print(f"report written to {Path(args.out).resolve()}")
    if interrupted:
        rerun = "rerun with --resume (same --out, --preset, --seed) to run the rest" if checkpoints \
            else "rerun to finish"
        print(f"PARTIAL report ({len(outcomes)} of {len(claims)} claims): {rerun}", file=sys.stderr)
        return 130
    # a wrong world that passes is a defect of the claim, whatever its own verdict
    return 0 if all(o.passed and o.all_rejected for o in outcomes) else 1


def main(argv=None) -> int:
    """Run the command line; returns the exit status (2 for a usage error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        if args.command in ("verify", "figures"):
            from .plot import use_file_backend
            use_file_backend()
            return _run(args)
        raise UsageError(f"rmt-meso: error: unknown command {args.command!r}")  # pragma: no cover
    except UsageError as exc:
        msg = str(exc)
        print(msg if msg.startswith("rmt-meso") else f"rmt-meso: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
