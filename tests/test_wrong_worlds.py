"""The wrong-world mechanism: a claim declares perturbations it must reject, and the report
shows whether it did and how strongly (see rmt_meso.claims._registry)."""

import json

import numpy as np
import pytest

from rmt_meso.claims import Claim, ClaimResult, Context, run_claim
from rmt_meso.compare import Comparison, chi2_test, interval, ks_test, relative, zscore
from rmt_meso.report import RESULTS_SCHEMA, format_table, write_report


def _toy(ctx):
    """Mean of 400 standard normals vs 0; the wrong world shifts the mean by 0.5 (10 sigma)."""
    rng = np.random.default_rng(ctx.seed_for("toy"))
    x = rng.normal(0.5 if "shifted" in ctx.declared and ctx.wrong("shifted") else 0.0, 1.0, 400)
    if "blind" in ctx.declared and ctx.wrong("blind"):
        x = rng.normal(0.01, 1.0, 400)     # too small a shift to be seen: must NOT be rejected
    c = zscore(x.mean(), x.std(ddof=1) / 20, 0.0, label="mean")
    return ClaimResult(value=c.value, error=c.stderr, theory=0.0, comparisons=[c])


def _claim(worlds):
    return Claim("toy", "Toy", "spectral", "statement", _toy, (), worlds)


def test_wrong_world_rejected_with_its_sigma():
    o = run_claim(_claim({"shifted": "mean 0.5"}), Context(), wrong_worlds=True)
    assert o.passed and len(o.worlds) == 1
    w = o.worlds[0]
    assert w.rejected and 6 < w.sigma < 15           # 0.5 / (1/20) = 10 sigma expected
    assert o.all_rejected and o.power == w.sigma


def test_undetectable_world_is_reported_as_not_rejected():
    o = run_claim(_claim({"shifted": "mean 0.5", "blind": "mean 0.01"}), Context(), wrong_worlds=True)
    assert [w.rejected for w in o.worlds] == [True, False]
    assert not o.all_rejected
    assert "PASS*" in format_table([o]) and "NOT rejected by: toy" in format_table([o])


def test_worlds_not_run_unless_asked():
    o = run_claim(_claim({"shifted": "mean 0.5"}), Context())
    assert o.worlds == [] and o.all_rejected


def test_misspelt_world_is_an_error_not_a_silent_no_op():
    def typo(ctx):
        ctx.wrong("shiftd")
        return _toy(ctx)
    o = run_claim(Claim("t", "T", "spectral", "s", typo, (), {"shifted": "mean"}), Context())
    assert o.result is None and "not declared" in o.error
    with pytest.raises(ValueError, match="world must be one of"):
        Context(world="nowhere", declared=("shifted",))


def test_crash_in_a_wrong_world_is_not_a_rejection():
    def crash(ctx):
        if ctx.wrong("boom"):
            raise RuntimeError("boom")
        return _toy(ctx)
    o = run_claim(Claim("t", "T", "spectral", "s", crash, (), {"boom": "crashes"}), Context(),
                  wrong_worlds=True)
    assert o.passed and not o.worlds[0].rejected and "ERROR" in o.worlds[0].summary()


def test_report_json_carries_the_worlds(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    o = run_claim(_claim({"shifted": "mean 0.5"}), Context(), wrong_worlds=True)
    doc = write_report([o], tmp_path, ctx=Context())
    jsonschema.validate(doc, RESULTS_SCHEMA)
    ww = json.loads((tmp_path / "results.json").read_text())["claims"][0]["wrong_worlds"]
    assert ww[0]["name"] == "shifted" and ww[0]["rejected"] and ww[0]["sigma"] > 6
    assert "wrong worlds" in (tmp_path / "report.md").read_text()


def test_sigma_equivalent_scales():
    z = zscore(1.0, 0.1, 0.0)
    assert z.sigma_equivalent == pytest.approx(10.0)
    assert zscore(-1.0, 0.1, 0.0).sigma_equivalent == pytest.approx(10.0)
    # a p-value maps to the two-sided normal deviate with the same tail probability
    c = Comparison("ks", 0.1, float("nan"), float("nan"), 0.1, 2 * 0.0013498980316301, 1e-4, False)
    assert c.sigma_equivalent == pytest.approx(3.0, rel=1e-6)
    assert interval(5.0, 0.0, 4.0, stderr=0.5).sigma_equivalent == pytest.approx(2.0)
    assert interval(3.0, 0.0, 4.0, stderr=0.5).sigma_equivalent == 0.0
    assert np.isnan(relative(1.0, 1.1, rtol=0.01).sigma_equivalent)
    rng = np.random.default_rng(0)
    assert ks_test(rng.normal(size=2000) + 1, "norm").sigma_equivalent > 10
    assert chi2_test([100, 0], [50, 50]).sigma_equivalent > 5


def test_memo_reuses_seeded_results_only():
    """Context.memo returns the earlier result for the same function, arguments and seed
    sequence (a theory-only wrong world re-runs without re-sampling), recomputes for another
    seed, and never memoises a call that consumes a Generator."""
    calls = []

    def draw(rng, n, scale=1.0):
        calls.append(1)
        return scale * np.random.default_rng(rng).random(n)

    ctx = Context()
    a = ctx.memo(draw, ctx.seed_for("m"), 3)
    b = Context(world=None).memo(draw, ctx.seed_for("m"), 3)
    assert a is b and len(calls) == 1
    c = ctx.memo(draw, ctx.seed_for("m"), 3, scale=2.0)
    d = ctx.memo(draw, ctx.seed_for("other"), 3)
    e = ctx.memo(draw, ctx.seed_for("m").spawn(1)[0], 3)
    assert len(calls) == 4 and np.allclose(c, 2 * a) and not np.allclose(d, a) and not np.allclose(e, a)
    g = np.random.default_rng(0)
    ctx.memo(draw, g, 3)
    ctx.memo(draw, g, 3)
    assert len(calls) == 6
    r1 = ctx.sweep(draw, None, 4, rng=ctx.seed_for("s"), memo=True)
    r2 = ctx.sweep(draw, None, 4, rng=ctx.seed_for("s"), memo=True)
    assert r1 is r2
    assert np.array_equal(ctx.sweep(draw, None, 4, rng=ctx.seed_for("s")).samples, r1.samples)


def test_claimresult_from_comparisons_puts_the_headline_first():
    a, b = zscore(1.0, 0.5, 0.0, label="a"), zscore(3.0, 1.0, 2.0, label="b")
    r = ClaimResult.from_comparisons([a, b], head=1, unit="x")
    assert r.comparisons == [b, a] and (r.value, r.error, r.theory, r.unit) == (3.0, 1.0, 2.0, "x")
    assert ClaimResult.from_comparisons([a, b], head=a, theory=7.0).theory == 7.0
    with pytest.raises(ValueError, match="at least one Comparison"):
        ClaimResult.from_comparisons([])


def test_report_files_readable_by_collaborators(tmp_path):
    import os
    import stat
    old = os.umask(0o022)
    try:
        o = run_claim(_claim({"shifted": "mean 0.5"}), Context())
        write_report([o], tmp_path, ctx=Context())
    finally:
        os.umask(old)
    for name in ("results.json", "report.md", "report.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


def test_plot_is_skipped_in_a_wrong_world():
    def draw(x):
        return ("figure", x)
    assert Context().plot(draw, 1) == "figure"
    assert Context(world="w", declared=("w",)).plot(draw, 1) is None


def test_every_registered_claim_declares_a_wrong_world_and_few_inequalities():
    from rmt_meso.claims import discover
    claims = discover()
    assert [n for n, c in claims.items() if not c.wrong_worlds] == []
    assert sum(c.inequality for c in claims.values()) <= 3
