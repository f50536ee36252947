"""The claims framework, the report writer and the command line."""

import json
import subprocess
import sys

import numpy as np
import pytest

from rmt_meso import __version__
from rmt_meso.claims import REGISTRY, ClaimResult, Context, claim, run_claim
from rmt_meso.cli import main
from rmt_meso.compare import zscore
from rmt_meso.report import write_report


def test_version_and_help():
    out = subprocess.run([sys.executable, "-m", "rmt_meso", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout
    out = subprocess.run([sys.executable, "-m", "rmt_meso", "verify", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "--preset" in out.stdout and "--only" in out.stdout


def test_context_validates_and_seeds_per_claim():
    with pytest.raises(ValueError, match="preset must be one of"):
        Context(preset="medium")
    ctx = Context(seed=3)
    a = ctx.seed_for("x").generate_state(2)
    assert np.array_equal(a, Context(seed=3).seed_for("x").generate_state(2))
    assert not np.array_equal(a, ctx.seed_for("y").generate_state(2))


def test_claimresult_needs_a_check():
    with pytest.raises(ValueError, match="at least one Comparison"):
        ClaimResult(1.0, 0.1, 1.0, [])


@pytest.fixture
def broken_claim():
    @claim(name="_test_broken", title="A deliberately failing claim", section="test",
           statement="1 = 2 (a test double)")
    def _broken(ctx):
        return ClaimResult(2.0, 0.01, 1.0, [zscore(2.0, 0.01, 1.0, label="one equals two")])

    @claim(name="_test_crash", title="A crashing claim", section="test", statement="raises")
    def _crash(ctx):
        raise RuntimeError("boom")

    @claim(name="_test_good", title="A passing claim", section="test", statement="1 = 1")
    def _good(ctx):
        from rmt_meso.plot import new_figure
        fig, ax = new_figure()
        ax.plot([0, 1], [0, 1])
        return ClaimResult(1.0, 0.01, 1.0, [zscore(1.0, 0.01, 1.0)], figure=fig)

    yield
    for name in ("_test_broken", "_test_crash", "_test_good"):
        REGISTRY.pop(name, None)


def test_failing_and_crashing_claims_fail_the_run(broken_claim, tmp_path, capsys):
    code = main(["verify", "--only", "_test_good", "_test_broken", "_test_crash", "--out", str(tmp_path)])
    assert code == 1
    doc = json.loads((tmp_path / "results.json").read_text())
    verdicts = {c["name"]: c["passed"] for c in doc["claims"]}
    assert verdicts == {"_test_good": True, "_test_broken": False, "_test_crash": False}
    crash = next(c for c in doc["claims"] if c["name"] == "_test_crash")
    assert "boom" in crash["error"]
    assert (tmp_path / "figures" / "_test_good.png").stat().st_size > 1000
    assert (tmp_path / "figures" / "_test_good.pdf").exists()
    html = (tmp_path / "report.html").read_text()
    assert "data:image/png;base64," in html and "FAIL" in html
    assert "1 passed, 2 failed" in capsys.readouterr().out


def test_passing_run_exits_zero(broken_claim, tmp_path):
    assert main(["verify", "--only", "_test_good", "--out", str(tmp_path)]) == 0


def test_unknown_claim_is_a_clear_error(tmp_path, capsys):
    assert main(["verify", "--only", "no_such_claim", "--out", str(tmp_path)]) == 2
    assert "unknown claim(s) ['no_such_claim']" in capsys.readouterr().err


def test_run_claim_times_and_catches(broken_claim):
    o = run_claim(REGISTRY["_test_crash"], Context())
    assert not o.passed and "RuntimeError" in o.error and o.seconds >= 0


def test_report_writes_each_figure_once_laid_out_and_keeps_its_engine(tmp_path):
    from rmt_meso.claims import Claim
    from rmt_meso.plot._style import new_figure

    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("a label wide enough to need room")

    def with_figure(ctx):
        return ClaimResult(1.0, 0.1, 1.0, [zscore(1.0, 0.1, 1.0, label="x")], figure=fig)

    engine = fig.get_layout_engine()
    o = run_claim(Claim("_fig", "F", "test", "s", with_figure, (), {}), Context())
    write_report([o], tmp_path, ctx=Context())
    png, pdf = tmp_path / "figures" / "_fig.png", tmp_path / "figures" / "_fig.pdf"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and pdf.read_bytes()[:5] == b"%PDF-"
    assert fig.get_layout_engine() is engine                 # the user's figure is left as it was
    # the PDF used the PNG's constrained layout: the axes were moved off the default subplot box
    assert ax.get_position().x0 != pytest.approx(0.125)
