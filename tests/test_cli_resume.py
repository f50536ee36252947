"""`rmt-meso verify` checkpoints each finished claim; Ctrl-C writes a partial report; --resume
reuses the checkpoints of the same settings and source and runs only the rest.

The claims are two test doubles, each in its own module file (so that editing one file
changes only that claim's fingerprint); every call is recorded in ``CALLS``.
"""

import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from rmt_meso.claims import REGISTRY, _checkpoint
from rmt_meso.cli import main
from rmt_meso.report import RESULTS_SCHEMA

CALLS = []          # (claim name, world) of every call of a fake claim

_SOURCE = '''
import os, time
from rmt_meso.claims import ClaimResult, claim
from rmt_meso.compare import zscore
from test_cli_resume import CALLS


@claim(name="{name}", title="fake {name}", section="test", statement="1 = 1 (a test double)",
       wrong_worlds={{"two": "theory: 1 = 2"}})
def _fake(ctx):
    CALLS.append(("{name}", ctx.world))
    if os.environ.get("RESUME_TEST_INTERRUPT") == "{name}":
        raise KeyboardInterrupt
    if os.environ.get("RESUME_TEST_RAISE") == "{name}":
        raise RuntimeError("boom")
    if os.environ.get("RESUME_TEST_SLEEP") == "{name}":
        time.sleep(120)
    theory = 2.0 if ctx.wrong("two") else 1.0
    fig = ctx.plot(_plot)
    return ClaimResult(1.0, 0.01, theory, [zscore(1.0, 0.01, theory, label="one")], figure=fig)


def _plot():
    from rmt_meso.plot import new_figure
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    return fig, ax
'''
NAMES = ("_resume_a", "_resume_b")


def _write_module(folder, name, extra=""):
    (folder / f"{name}.py").write_text(_SOURCE.format(name=name) + extra)


@pytest.fixture
def fakes(tmp_path, monkeypatch):
    """Two registered fake claims; yields the folder of their modules."""
    mods = tmp_path / "mods"
    mods.mkdir()
    for name in NAMES:
        _write_module(mods, name)
    monkeypatch.syspath_prepend(str(mods))
    monkeypatch.setitem(sys.modules, "test_cli_resume", sys.modules[__name__])
    for name in ("RESUME_TEST_INTERRUPT", "RESUME_TEST_RAISE", "RESUME_TEST_SLEEP"):
        monkeypatch.delenv(name, raising=False)
    for name in NAMES:
        importlib.import_module(name)
    CALLS.clear()
    yield mods
    for name in NAMES:
        REGISTRY.pop(name, None)
        sys.modules.pop(name, None)
    CALLS.clear()


def _verify(out, *extra):
    return main(["verify", "--only", *NAMES, "--out", str(out), "--no-progress", *extra])


def _doc(out):
    doc = json.loads((out / "results.json").read_text())
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(doc, RESULTS_SCHEMA)
    return doc


def _verdicts(doc):
    return {c["name"]: (c["passed"], c["value"], [w["rejected"] for w in c["wrong_worlds"]])
            for c in doc["claims"]}


def test_checkpoints_are_written_and_resume_reuses_them(fakes, tmp_path, capsys):
    out = tmp_path / "report"
    assert _verify(out) == 0
    assert CALLS == [("_resume_a", None), ("_resume_a", "two"), ("_resume_b", None), ("_resume_b", "two")]
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["_resume_a.pkl", "_resume_b.pkl"]
    first = _doc(out)
    assert first["partial"] is False and first["summary"]["reused"] == 0
    CALLS.clear()
    capsys.readouterr()

    assert _verify(out, "--resume") == 0
    assert CALLS == [], "a checkpointed claim ran again"
    err = capsys.readouterr().err
    assert "  reused  _resume_a  (PASS, " in err and "s when run)" in err
    doc = _doc(out)
    assert [c["reused"] for c in doc["claims"]] == [True, True]
    assert doc["summary"] == {**first["summary"], "reused": 2}
    assert _verdicts(doc) == _verdicts(first)
    assert (out / "figures" / "_resume_a.png").stat().st_size > 1000   # the pickled figure
    assert "reused from the checkpoints" in (out / "report.md").read_text()
    assert "(reused)" in (out / "report.html").read_text()

    # without --resume, the checkpoints are ignored (and overwritten)
    assert _verify(out) == 0
    assert len(CALLS) == 4 and not any(c["reused"] for c in _doc(out)["claims"])


@pytest.mark.parametrize("change, why", [
    (["--seed", "7"], "another seed"),
    (["--preset", "full"], "another preset"),
    (["--no-wrong-worlds"], "run with/without wrong worlds"),
])
def test_other_settings_run_again(fakes, tmp_path, capsys, change, why):
    out = tmp_path / "report"
    assert _verify(out) == 0
    CALLS.clear()
    assert _verify(out, "--resume", *change) == 0
    assert {name for name, world in CALLS} == set(NAMES)
    assert f"  stale   _resume_a  ({why}): runs again" in capsys.readouterr().err


def test_a_changed_claim_runs_again_and_only_it(fakes, tmp_path, capsys):
    out = tmp_path / "report"
    assert _verify(out) == 0
    _write_module(fakes, "_resume_a", extra="\n# edited\n")
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert CALLS == [("_resume_a", None), ("_resume_a", "two")]
    err = capsys.readouterr().err
    assert "stale   _resume_a  (the claim's source changed)" in err and "reused  _resume_b" in err


def test_changed_library_source_runs_everything_again(fakes, tmp_path, monkeypatch, capsys):
    out = tmp_path / "report"
    assert _verify(out) == 0
    monkeypatch.setattr(_checkpoint, "_library_source", lambda: "edited")
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert {name for name, world in CALLS} == set(NAMES)
    assert "(the library source changed)" in capsys.readouterr().err


def test_resume_without_checkpoints_runs_everything(fakes, tmp_path, capsys):
    out = tmp_path / "fresh"
    assert _verify(out, "--resume") == 0
    assert len(CALLS) == 4
    assert "--resume: no reusable checkpoint in" in capsys.readouterr().err
    # a damaged checkpoint is not reused, and not fatal
    (out / "checkpoints" / "_resume_a.pkl").write_bytes(b"\x80\x05trunc")
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert CALLS == [("_resume_a", None), ("_resume_a", "two")]
    assert "stale   _resume_a  (unreadable checkpoint (" in capsys.readouterr().err


def test_a_claim_that_raised_runs_again(fakes, tmp_path, monkeypatch, capsys):
    out = tmp_path / "report"
    monkeypatch.setenv("RESUME_TEST_RAISE", "_resume_a")
    assert _verify(out) == 1
    monkeypatch.delenv("RESUME_TEST_RAISE")
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert CALLS == [("_resume_a", None), ("_resume_a", "two")]
    assert "stale   _resume_a  (it raised an exception when run): runs again" in capsys.readouterr().err


def test_ctrl_c_writes_a_partial_report_and_resume_finishes_it(fakes, tmp_path, monkeypatch, capsys):
    reference = tmp_path / "uninterrupted"
    assert _verify(reference) == 0
    out = tmp_path / "report"
    monkeypatch.setenv("RESUME_TEST_INTERRUPT", "_resume_b")
    assert _verify(out) == 130
    captured = capsys.readouterr()
    assert "interrupted: 1 of 2 claim(s) finished" in captured.err
    assert "PARTIAL report (1 of 2 claims): rerun with --resume" in captured.err
    doc = _doc(out)
    assert doc["partial"] is True and doc["not_run"] == ["_resume_b"]
    assert doc["summary"]["total"] == 1 and doc["summary"]["selected"] == 2
    assert [c["name"] for c in doc["claims"]] == ["_resume_a"]
    assert "PARTIAL" in (out / "report.md").read_text() and "PARTIAL" in (out / "report.html").read_text()
    assert not (out / "checkpoints" / "_resume_b.pkl").exists()

    monkeypatch.delenv("RESUME_TEST_INTERRUPT")
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert CALLS == [("_resume_b", None), ("_resume_b", "two")]
    doc = _doc(out)
    assert doc["partial"] is False and doc["not_run"] == []
    assert _verdicts(doc) == _verdicts(_doc(reference))
    assert [c["reused"] for c in doc["claims"]] == [True, False]


def test_a_figure_that_does_not_pickle_is_kept_rendered(fakes, tmp_path):
    from rmt_meso.claims import Context, run_claim

    c = REGISTRY["_resume_a"]
    o = run_claim(c, Context(), wrong_worlds=True)
    o.result.figure.unpicklable = lambda: None
    k = _checkpoint.key(c, preset="quick", seed=20261127, wrong_worlds=True)
    _checkpoint.save(tmp_path, o, k)
    back, why = _checkpoint.load(tmp_path, c, k)
    assert why == "" and back.reused and back.passed and back.all_rejected
    assert isinstance(back.result.figure, _checkpoint._Rendered)
    back.result.figure.savefig(tmp_path / "f.png", dpi=200)
    back.result.figure.savefig(tmp_path / "f.pdf")
    assert (tmp_path / "f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "f.pdf").read_bytes()[:5] == b"%PDF-"


def _run_until_first_checkpoint(mods, out):
    """Start ``verify`` in a process whose second claim sleeps; return it once the first
    claim's checkpoint exists."""
    code = ("import sys; sys.path[:0] = [{mods!r}, {tests!r}]; import _resume_a, _resume_b; "
            "from rmt_meso.cli import main; sys.exit(main({argv!r}))").format(
        mods=str(mods), tests=os.path.dirname(__file__),
        argv=["verify", "--only", *NAMES, "--out", str(out), "--no-progress"])
    env = {**os.environ, "RESUME_TEST_SLEEP": "_resume_b", "MPLBACKEND": "Agg"}
    # SIGINT as a terminal delivers it: a child inherits an ignored SIGINT from pytest-xdist's
    # workers, and Python then installs no KeyboardInterrupt handler; restore the default
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not (out / "checkpoints" / "_resume_a.pkl").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no checkpoint within 120 s: " + proc.communicate()[1][-2000:])
        time.sleep(0.2)
    time.sleep(0.5)                     # inside the sleeping second claim
    return proc


def test_sigkill_keeps_the_checkpoints_of_finished_claims(fakes, tmp_path):
    out = tmp_path / "report"
    proc = _run_until_first_checkpoint(fakes, out)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert not (out / "results.json").exists()
    assert [p.name for p in (out / "checkpoints").iterdir()] == ["_resume_a.pkl"]   # no temporaries
    CALLS.clear()
    assert _verify(out, "--resume") == 0
    assert CALLS == [("_resume_b", None), ("_resume_b", "two")]
    assert [c["reused"] for c in _doc(out)["claims"]] == [True, False]


def test_a_real_sigint_exits_130_without_a_traceback(fakes, tmp_path):
    out = tmp_path / "report"
    proc = _run_until_first_checkpoint(fakes, out)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr[-2000:]
    assert "Traceback" not in stderr
    assert "rerun with --resume" in stderr and "report written to" in stdout
    assert _doc(out)["not_run"] == ["_resume_b"]


def test_sigterm_writes_the_partial_report_like_ctrl_c(fakes, tmp_path):
    """A batch scheduler's SIGTERM: the finished claim is reported and --resume can go on."""
    out = tmp_path / "report"
    proc = _run_until_first_checkpoint(fakes, out)
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr[-2000:]
    assert "rerun with --resume" in stderr and "report written to" in stdout
    assert _doc(out)["not_run"] == ["_resume_b"]
