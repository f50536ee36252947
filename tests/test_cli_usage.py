"""Usage errors of ``rmt-meso``: every bad argument exits 2 in one line, fast, before any claim runs."""

import subprocess
import sys
import time

import pytest

import rmt_meso.claims._registry as registry
from rmt_meso.cli import main


@pytest.fixture
def no_claim_may_run(monkeypatch):
    """Fail the test if a claim (or a wrong world) is started."""
    def forbidden(*args, **kwargs):
        raise AssertionError("a claim ran although the arguments were bad")
    monkeypatch.setattr(registry, "run_claim", forbidden)
    import rmt_meso.claims as claims
    monkeypatch.setattr(claims, "run_claim", forbidden)


def _file(tmp_path):
    f = tmp_path / "a-file"
    f.write_text("x")
    return str(f)


def _unwritable(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    return str(d / "sub")


CASES = {
    "seed-negative": (["--seed", "-1"], r"--seed must be an integer >= 0 .*got '-1'"),
    "seed-text": (["--seed", "1.5"], r"--seed must be an integer >= 0; got '1.5'"),
    "workers-zero": (["--workers", "0"], r"--workers must be an integer >= 1; got '0'"),
    "workers-negative-dask": (["--workers", "-2", "--executor", "local-dask"],
                              r"--workers must be an integer >= 1; got '-2'"),
    "workers-text": (["--workers", "many"], r"--workers must be an integer >= 1; got 'many'"),
    "executor-name": (["--executor", "threads"], r"--executor must be serial, processes, local-dask or "
                                                 r"dask://HOST:PORT .*got 'threads'"),
    "executor-no-port": (["--executor", "dask://localhost"], r"got 'dask://localhost'"),
    "executor-port-range": (["--executor", "dask://localhost:70000"], r"got 'dask://localhost:70000'"),
    "preset": (["--preset", "medium"], r"argument --preset: invalid choice: 'medium'"),
    "only-unknown": (["--only", "semicircle", "no_such_claim"], r"--only: unknown claim\(s\) \['no_such_claim'\]"),
    "out-is-file": ("FILE", r"--out '.*a-file' is an existing file, not a folder"),
    "out-unwritable": ("RO", r"--out '.*ro/sub' cannot be written: Permission denied"),
    "unknown-option": (["--sed", "3"], r"unrecognized arguments: --sed 3"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_argument_exits_2_in_one_line(name, tmp_path, capsys, no_claim_may_run):
    args, pattern = CASES[name]
    out = tmp_path / "report"
    if args == "FILE":
        args = ["--out", _file(tmp_path)]
    elif args == "RO":
        if sys.platform == "win32" or __import__("os").geteuid() == 0:
            pytest.skip("permissions are not enforced for this user")
        args = ["--out", _unwritable(tmp_path)]
    if "--out" not in args:
        args = args + ["--out", str(out)]
    start = time.perf_counter()
    code = main(["verify", *args])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2, err
    assert elapsed < 5.0, f"usage error took {elapsed:.1f} s"
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    import re
    assert re.search(pattern, lines[0]), lines[0]
    if name not in ("out-is-file",):
        assert not (out / "results.json").exists()


def test_figures_command_validates_too(tmp_path, capsys, no_claim_may_run):
    assert main(["figures", "--seed", "-3", "--out", str(tmp_path)]) == 2
    assert main(["figures", "--out", _file(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "--seed must be" in err[0] and "existing file" in err[1]


@pytest.mark.slow
def test_unreachable_scheduler_fails_fast_with_its_address(tmp_path, capsys, no_claim_may_run):
    pytest.importorskip("distributed")
    start = time.perf_counter()
    code = main(["verify", "--only", "semicircle", "--executor", "dask://127.0.0.1:1",
                 "--out", str(tmp_path / "r")])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1, err
    assert "no dask scheduler answered at 127.0.0.1:1" in err[0]
    assert elapsed < 10.0, f"took {elapsed:.1f} s"   # 3 s connect timeout plus importing distributed


def test_usage_error_in_a_real_process_has_no_traceback(tmp_path):
    out = subprocess.run([sys.executable, "-m", "rmt_meso", "verify", "--workers", "-2", "--executor",
                          "local-dask", "--out", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "rmt-meso verify: error: argument --workers: --workers must be an integer >= 1; got '-2'"]
    assert out.stdout == ""
