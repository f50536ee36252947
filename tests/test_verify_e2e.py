"""`rmt-meso verify --preset quick` end to end: files, JSON schema, figures, exit status."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rmt_meso.claims import discover
from rmt_meso.report import RESULTS_SCHEMA

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed")



@pytest.fixture(scope="session")
def quick_report(tmp_path_factory):
    """One ``verify --preset quick`` run for the whole test session, shared by the
    pytest-xdist workers: the first worker runs it under a file lock in the session's common
    temporary directory, the others wait for it and read its outcome (the run takes minutes;
    without the lock every worker that gets one of these tests repeats it)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent                    # shared by every worker of this session
    out, done = root / "verify_e2e_report", root / "verify_e2e_outcome.json"
    with open(root / "verify_e2e.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                out.mkdir(exist_ok=True)
                proc = subprocess.run([sys.executable, "-m", "rmt_meso", "verify", "--preset", "quick",
                                       "--out", str(out)], capture_output=True, text=True, timeout=900)
                done.write_text(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout,
                                            "stderr": proc.stderr}))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    proc = subprocess.CompletedProcess(args=["rmt-meso", "verify"], **json.loads(done.read_text()))
    return out, proc


@pytest.mark.slow
def test_quick_verify_passes_and_writes_everything(quick_report):
    out, proc = quick_report
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in ("report.md", "report.html", "results.json"):
        assert (out / name).stat().st_size > 0
    doc = json.loads((out / "results.json").read_text())
    jsonschema.validate(doc, RESULTS_SCHEMA)
    assert doc["preset"] == "quick" and doc["summary"]["failed"] == 0
    names = {c["name"] for c in doc["claims"]}
    assert names == set(discover()), "every registered claim runs in the quick preset"
    for c in doc["claims"]:
        assert c["figures"], f"claim {c['name']} made no figure"
        for f in c["figures"]:
            assert (out / f).stat().st_size > 1000
    assert "passed, 0 failed" in proc.stdout


@pytest.mark.slow
def test_every_wrong_world_is_rejected(quick_report):
    """A PASS is worth only what a FAIL would have been: each claim run in each of its
    declared wrong worlds (perturbed physics or theory) must FAIL on the quick preset."""
    out, _ = quick_report
    doc = json.loads((out / "results.json").read_text())
    not_rejected = [(c["name"], w["name"], w["error"] or [k["label"] for k in w["comparisons"]])
                    for c in doc["claims"] for w in c["wrong_worlds"] if not w["rejected"]]
    assert not not_rejected, f"wrong worlds that passed or crashed: {not_rejected}"
    declared = {(n, w) for n, c in discover().items() for w in c.wrong_worlds}
    ran = {(c["name"], w["name"]) for c in doc["claims"] for w in c["wrong_worlds"]}
    assert ran == declared


@pytest.mark.slow
def test_report_html_renders_in_chromium(quick_report, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("headless Chromium is not installed (Debian package 'chromium')")
    out, _ = quick_report
    shot = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,3000",
                    f"--screenshot={shot}", (out / "report.html").as_uri()],
                   capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000
    # every embedded figure is a decodable PNG
    import base64
    import re
    html = (out / "report.html").read_text()
    images = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)
    assert len(images) == len(json.loads((out / "results.json").read_text())["claims"])
    for data in images:
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
