"""Writing the ``verify`` report: console table, report.md, report.html, results.json, figures."""

from __future__ import annotations

import base64
import html
import io
import json
import math
import os
import platform
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ._io import atomic_write
from ._version import __version__

if TYPE_CHECKING:   # the claims framework imports the report lazily, not the other way round
    from .claims._registry import ClaimOutcome, Context

__all__ = ["format_table", "write_report", "SCHEMA_VERSION", "RESULTS_SCHEMA"]

SCHEMA_VERSION = 1

_NUM = {"type": ["number", "null"]}
_COMPARISON = {
    "type": "object",
    "required": ["kind", "label", "value", "stderr", "theory", "statistic", "pvalue", "threshold", "passed"],
    "properties": {"kind": {"enum": ["zscore", "relative", "absolute", "interval", "ks", "ks_2samp", "chi2"]},
                   "label": {"type": "string"}, "value": _NUM, "stderr": _NUM, "theory": _NUM,
                   "statistic": _NUM, "pvalue": _NUM, "threshold": _NUM, "passed": {"type": "boolean"},
                   "details": {"type": "object"}},
}
#: JSON Schema (draft 2020-12) of ``results.json``.
RESULTS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["schema_version", "created", "preset", "seed", "executor", "versions", "summary", "claims"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "created": {"type": "string"},
        "preset": {"enum": ["quick", "full"]},
        "seed": {"type": "integer", "minimum": 0},
        "executor": {"type": "string"},
        "versions": {"type": "object", "required": ["rmt_meso", "python", "numpy", "scipy"]},
        "summary": {"type": "object", "required": ["total", "passed", "failed"],
                    "properties": {k: {"type": "integer", "minimum": 0}
                                   for k in ("total", "passed", "failed", "selected", "reused")}},
        # an interrupted run: only `total` of the `selected` claims ran; `not_run` names the rest
        "partial": {"type": "boolean"},
        "not_run": {"type": "array", "items": {"type": "string"}},
        "claims": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "title", "section", "statement", "references", "passed", "seconds", "error"],
            "properties": {
                "name": {"type": "string"}, "title": {"type": "string"}, "section": {"type": "string"},
                "statement": {"type": "string"}, "references": {"type": "array", "items": {"type": "string"}},
                "passed": {"type": "boolean"}, "seconds": {"type": "number", "minimum": 0},
                "error": {"type": ["string", "null"]}, "value": _NUM, "stderr": _NUM, "theory": _NUM,
                "unit": {"type": "string"}, "note": {"type": "string"},
                "comparisons": {"type": "array", "minItems": 1, "items": _COMPARISON},
                "figures": {"type": "array", "items": {"type": "string"}},
                "details": {"type": "object"},
                "inequality": {"type": "boolean"},
                # taken from the checkpoint of an earlier run by `verify --resume`
                "reused": {"type": "boolean"},
                "wrong_worlds": {"type": "array", "items": {
                    "type": "object", "required": ["name", "description", "rejected", "sigma", "seconds"],
                    "properties": {"name": {"type": "string"}, "description": {"type": "string"},
                                   "rejected": {"type": "boolean"}, "sigma": _NUM,
                                   "seconds": {"type": "number", "minimum": 0},
                                   "error": {"type": ["string", "null"]},
                                   "comparisons": {"type": "array", "items": _COMPARISON}}}},
            }}},
    },
}


def _fmt(x, digits=4) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    return f"{x:.{digits}g}"


def _power(outcome) -> str:
    """The wrong-world column: how many were rejected, and the weakest detection in sigma."""
    worlds = outcome.worlds
    if not worlds:
        return "—"
    n_rej = sum(w.rejected for w in worlds)
    text = f"{n_rej}/{len(worlds)} rejected"
    sig = [w.sigma for w in worlds if w.rejected]
    if sig and all(math.isfinite(x) for x in sig):
        low = min(sig)
        # deterministic quantities with round-off errors reach absurd sigmas: say "> 1000σ"
        text += f", ≥{low:.1f}σ" if low < 1000 else ", >1000σ"
    return text


def _time(outcome) -> str:
    return f"{outcome.seconds:.1f}s" + (" (reused)" if outcome.reused else "")


def _row(outcome) -> dict:
    r = outcome.result
    if r is None:
        return {"claim": outcome.claim.name, "value": "error", "theory": "—", "dev": "—",
                "verdict": "FAIL", "power": _power(outcome), "time": _time(outcome)}
    head = r.comparisons[0]
    val = _fmt(r.value) if not (isinstance(r.error, float) and math.isfinite(r.error)) else \
        f"{_fmt(r.value)} ± {_fmt(r.error, 2)}"
    if head.kind == "zscore":
        dev = f"{head.statistic:.2f}σ"
    elif head.kind in ("ks", "ks_2samp", "chi2"):
        dev = f"p={head.pvalue:.2g}"
    elif head.kind in ("relative", "absolute"):
        dev = f"{head.statistic:.1e}"
    elif outcome.claim.inequality:
        dev = "inequality holds" if head.passed else "inequality violated"
    else:
        dev = "in range" if head.passed else "out of range"
    unit = f" {r.unit}" if r.unit else ""
    verdict = "PASS" if r.passed else "FAIL"
    if r.passed and not outcome.all_rejected:
        verdict = "PASS*"   # passes, but a wrong world passes too: the claim cannot tell
    return {"claim": outcome.claim.name, "value": val + unit, "theory": _fmt(r.theory) + unit,
            "dev": dev, "verdict": verdict, "power": _power(outcome), "time": _time(outcome)}


def format_table(outcomes: Sequence[ClaimOutcome]) -> str:
    """A fixed-width text table: claim, numeric ± error, theory, deviation, verdict, time."""
    rows = [_row(o) for o in outcomes]
    cols = [("claim", "claim"), ("value", "numeric ± error"), ("theory", "theory"),
            ("dev", "deviation"), ("verdict", "verdict"), ("power", "wrong worlds"), ("time", "time")]
    widths = {k: max(len(h), *(len(r[k]) for r in rows)) if rows else len(h) for k, h in cols}
    line = "  ".join(h.ljust(widths[k]) for k, h in cols)
    out = [line, "  ".join("-" * widths[k] for k, _ in cols)]
    for r in rows:
        out.append("  ".join(r[k].ljust(widths[k]) for k, _ in cols))
    n_pass = sum(o.passed for o in outcomes)
    n_reused = sum(o.reused for o in outcomes)
    out.append(f"{n_pass} passed, {len(outcomes) - n_pass} failed"
               + (f" ({n_reused} reused from checkpoints)" if n_reused else ""))
    weak = [o.claim.name for o in outcomes if not o.all_rejected]
    if weak:
        out.append(f"wrong worlds NOT rejected by: {', '.join(weak)} (PASS* = cannot tell)")
    return "\n".join(out)




def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name):
        try:
            return version(name)
        except PackageNotFoundError:  # pragma: no cover - a broken installation
            return None
    out = {"rmt_meso": __version__, "python": sys.version.split()[0]}
    out.update({name: installed(name) for name in ("numpy", "scipy", "mpmath", "sympy", "matplotlib")})
    out["platform"] = platform.platform()
    return out


def _save_figure(fig, png: Path, pdf: Path) -> None:
    """Write ``fig`` as PNG (200 dpi) and PDF, each atomically.

    The layout engine (constrained layout) runs once, for the PNG; the PDF reuses that
    layout (positions are stored as fractions of the figure, independent of the dpi), which
    saves a third of the time the report spends on figures.  The engine is restored after.
    """
    engine = fig.get_layout_engine() if hasattr(fig, "get_layout_engine") else None
    try:
        for target, kwargs in ((png, {"format": "png", "dpi": 200}), (pdf, {"format": "pdf"})):
            buf = io.BytesIO()
            fig.savefig(buf, **kwargs)
            atomic_write(target, buf.getvalue())
            if engine is not None:
                fig.set_layout_engine("none")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


def write_report(outcomes: Sequence[ClaimOutcome], out_dir: str | os.PathLike, *, ctx: Context,
                 executor_label: str = "serial", selected: Sequence[str] | None = None) -> dict:
    """Write figures (PNG + PDF), ``results.json``, ``report.md`` and ``report.html``.

    ``selected`` names the claims the run was asked for (default: those of ``outcomes``);
    when some of them have no outcome (an interrupted run) the report is marked partial.
    Returns the JSON document.  Every file is written atomically, so an interrupted run
    never leaves a truncated report behind.
    """
    ran = {o.claim.name for o in outcomes}
    not_run = [n for n in (selected or ()) if n not in ran]
    out = Path(out_dir)
    figdir = out / "figures"
    figdir.mkdir(parents=True, exist_ok=True)
    claims_json, figures = [], {}
    for o in outcomes:
        entry = {"name": o.claim.name, "title": o.claim.title, "section": o.claim.section,
                 "statement": o.claim.statement, "references": list(o.claim.references),
                 "passed": o.passed, "seconds": round(o.seconds, 3), "error": o.error or None}
        r = o.result
        if r is not None:
            entry.update({
                "value": None if not math.isfinite(r.value) else float(r.value),
                "stderr": None if not math.isfinite(r.error) else float(r.error),
                "theory": None if not math.isfinite(r.theory) else float(r.theory),
                "unit": r.unit, "note": r.note,
                "comparisons": [c.to_dict() for c in r.comparisons],
                "details": json.loads(json.dumps(r.details, default=float)),
            })
            if r.figure is not None:
                png, pdf = figdir / f"{o.claim.name}.png", figdir / f"{o.claim.name}.pdf"
                _save_figure(r.figure, png, pdf)
                figures[o.claim.name] = png
                entry["figures"] = [str(png.relative_to(out)), str(pdf.relative_to(out))]
        entry["inequality"] = o.claim.inequality
        entry["reused"] = o.reused
        entry["wrong_worlds"] = [
            {"name": w.name, "description": w.description, "rejected": w.rejected,
             "sigma": w.sigma if math.isfinite(w.sigma) else None, "seconds": round(w.seconds, 3),
             "error": w.error or None,
             "comparisons": [c.to_dict() for c in w.result.comparisons] if w.result is not None else []}
            for w in o.worlds]
        claims_json.append(entry)
    doc = {
        "schema_version": SCHEMA_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "preset": ctx.preset, "seed": ctx.seed, "executor": executor_label,
        "versions": _versions(),
        "summary": {"total": len(outcomes), "passed": sum(o.passed for o in outcomes),
                    "failed": sum(not o.passed for o in outcomes),
                    "selected": len(outcomes) + len(not_run),
                    "reused": sum(bool(entry["reused"]) for entry in claims_json)},
        "partial": bool(not_run), "not_run": not_run,
        "claims": claims_json,
    }
    atomic_write(out / "results.json", json.dumps(doc, indent=2, allow_nan=False).encode())
    atomic_write(out / "report.md", _markdown(outcomes, doc).encode())
    atomic_write(out / "report.html", _html(outcomes, doc, figures).encode())
    return doc


def _comparison_lines(o) -> list[str]:
    if o.result is None:
        return ["error: " + o.error.strip().splitlines()[-1]] if o.error else []
    return [c.summary() for c in o.result.comparisons]


def _status(doc) -> list[str]:
    """Sentences on a partial run and on reused claims (none for a complete fresh run)."""
    s, out = doc["summary"], []
    if doc["partial"]:
        out.append(f"PARTIAL: the run was interrupted after {s['total']} of the {s['selected']} selected "
                   f"claims; not run: {', '.join(doc['not_run'])}. Rerun with --resume to finish.")
    if s["reused"]:
        names = [c["name"] for c in doc["claims"] if c["reused"]]
        out.append(f"{s['reused']} claim(s) reused from the checkpoints of an earlier run "
                   f"(--resume): {', '.join(names)}.")
    return out


def _markdown(outcomes, doc) -> str:
    lines = ["# rmt_meso verify report", "",
             f"preset **{doc['preset']}**, seed {doc['seed']}, executor {doc['executor']}, "
             f"rmt_meso {doc['versions']['rmt_meso']}, {doc['created']}", "",
             f"**{doc['summary']['passed']} passed, {doc['summary']['failed']} failed**", "",
             *[x for t in _status(doc) for x in (f"**{t}**", "")],
             "| claim | numeric ± error | theory | deviation | verdict | wrong worlds | time |",
             "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        r = _row(o)
        lines.append(f"| [{r['claim']}](#{r['claim']}) | {r['value']} | {r['theory']} | {r['dev']} "
                     f"| {r['verdict']} | {r['power']} | {r['time']} |")
    for o in outcomes:
        c = o.claim
        lines += ["", f"## {c.title}", f'<a id="{c.name}"></a>', "", c.statement, ""]
        lines += [f"- {s}" for s in _comparison_lines(o)]
        if o.worlds:
            lines += ["", "Wrong worlds (each must be rejected):"]
            lines += [f"- {w.summary()}" for w in o.worlds]
        if o.result is not None and o.result.note:
            lines += ["", o.result.note]
        if o.result is not None and o.result.figure is not None:
            lines += ["", f"![{c.name}](figures/{c.name}.png)"]
        if c.references:
            lines += ["", "References: " + "; ".join(c.references)]
    return "\n".join(lines) + "\n"


def _html(outcomes, doc, figures) -> str:
    esc = html.escape
    rows = []
    for o in outcomes:
        r = _row(o)
        cls = "pass" if r["verdict"] == "PASS" else "fail"
        rows.append(f"<tr class='{cls}'><td><a href='#{esc(r['claim'])}'>{esc(r['claim'])}</a></td>"
                    f"<td>{esc(r['value'])}</td><td>{esc(r['theory'])}</td><td>{esc(r['dev'])}</td>"
                    f"<td class='verdict'>{r['verdict']}</td><td>{esc(r['power'])}</td>"
                    f"<td>{esc(r['time'])}</td></tr>")
    sections = []
    for o in outcomes:
        c = o.claim
        checks = "".join(f"<li><code>{esc(s)}</code></li>" for s in _comparison_lines(o))
        if o.worlds:
            checks += ("<li>Wrong worlds (each must be rejected):<ul>"
                       + "".join(f"<li><code>{esc(w.summary())}</code></li>" for w in o.worlds)
                       + "</ul></li>")
        img = ""
        if c.name in figures:
            data = base64.b64encode(Path(figures[c.name]).read_bytes()).decode()
            img = f"<img alt='{esc(c.name)}' src='data:image/png;base64,{data}'>"
        note = f"<p>{esc(o.result.note)}</p>" if o.result is not None and o.result.note else ""
        refs = f"<p class='refs'>References: {esc('; '.join(c.references))}</p>" if c.references else ""
        verdict = "PASS" if o.passed else "FAIL"
        sections.append(f"<section id='{esc(c.name)}'><h2>{esc(c.title)} "
                        f"<span class='{verdict.lower()}'>{verdict}</span></h2>"
                        f"<p>{esc(c.statement)}</p><ul>{checks}</ul>{note}{img}{refs}</section>")
    s = doc["summary"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>rmt_meso verify report</title>
<style>
body {{ font-family: Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; }}
tr.fail td.verdict, span.fail {{ color: #b00020; font-weight: bold; }}
tr.pass td.verdict, span.pass {{ color: #007a3d; font-weight: bold; }}
img {{ max-width: 100%; height: auto; display: block; margin: 1rem 0; }}
section {{ border-top: 1px solid #ccc; margin-top: 2rem; }}
code {{ font-size: 0.85rem; }} .refs {{ font-size: 0.85rem; color: #555; }}
</style></head><body>
<h1>rmt_meso verify report</h1>
<p>preset <b>{esc(doc['preset'])}</b>, seed {doc['seed']}, executor {esc(doc['executor'])},
rmt_meso {esc(doc['versions']['rmt_meso'])}, {esc(doc['created'])}</p>
<p><b>{s['passed']} passed, {s['failed']} failed</b></p>
{''.join(f"<p class='status'><b>{esc(t)}</b></p>" for t in _status(doc))}
<table><thead><tr><th>claim</th><th>numeric ± error</th><th>theory</th><th>deviation</th><th>verdict</th><th>wrong worlds</th><th>time</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
{''.join(sections)}
</body></html>
"""
