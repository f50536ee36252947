"""The README's Python example runs, and its commented outputs are what it prints."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs_and_matches_its_comments(capsys):
    block = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("0.5302 ± 0.0011") and "0.5307" in out[0]
    assert out[1].startswith("[PASS]")
    g, g_siemens, fano = (float(x) for x in out[2].split())
    assert round(g, 2) == 1.49 and f"{g_siemens:.2e}" == "1.15e-04" and round(fano, 2) == 0.44
    mean, theory = (float(x) for x in out[3].split())
    assert round(mean, 3) == 2.274 and abs(theory - 25 / 11) < 1e-12
