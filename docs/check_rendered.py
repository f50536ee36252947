"""Open the built site in headless Chromium and check that its maths rendered.

Usage: ``python docs/check_rendered.py [SITE_DIR]`` (default ``site``), after ``mkdocs build``.
``make docs`` runs it.  For every HTML page it loads the page in Chromium (Debian's
``chromium``), lets MathJax run, dumps the DOM and checks that

* no reStructuredText markup, and no TeX between dollars, is left in the visible text (``:math:``, ``.. math::`` and the
  Sphinx roles ``:class:``, ``:meth:``, ``:func:``, ``:mod:``, ``:attr:``, ``:data:``);
* every maths element that arithmatex wrote (``class="arithmatex"``) holds MathJax output
  (``mjx-container``) and none holds a MathJax error (``mjx-merror``);
* no text was taken for an HTML tag (``<r~>`` in a docstring would vanish from the page);
* the API pages full of formulas (spectral, theory, transport, ensembles) have typeset maths.

Exit status 1 lists each failure by page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

RAW_MARKUP = re.compile(r":math:`|\.\. math::|:(?:class|meth|func|mod|attr|data|obj|exc):`"
                        # TeX left between dollars (a notebook's Markdown cell not typeset)
                        r"|\$[^$\n]*[\\^_][^$\n]*\$")
SKIPPED = {"404.html"}
# text that is code, or hidden (the notebooks' copy-to-clipboard buffers, class
# "clipboard-copy-txt", hold the code cells)
SKIP_TEXT = ("script", "style", "pre", "code", "clipboard-copy")
# HTML elements a page may hold (outside <svg>, <math>, and custom elements such as MathJax's mjx-*): any other element is text
# such as "<r~>" or "<g>" that Markdown took for a tag, so the reader never sees it
HTML_TAGS = set("""a abbr address article aside audio b base bdi bdo blockquote body br button canvas
caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd
label legend li link main map mark menu meta meter nav noscript object ol optgroup option output p
param picture pre progress q rp rt ruby s samp script search section select slot small source span
strong style sub summary sup table tbody td template textarea tfoot th thead time title tr track u
ul var video wbr svg math""".split())
# pages that hold many formulas: they must show typeset maths, not merely no raw markup
MATHS_PAGES = {f"api/{page}/index.html" for page in ("spectral", "theory", "transport", "ensembles")}


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_rendered: no chromium found (apt-get install -y chromium)")


def rendered_dom(browser: str, page: Path) -> str:
    """The page's DOM after its scripts ran (virtual time lets MathJax finish typesetting)."""
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--allow-file-access-from-files", "--virtual-time-budget=60000", "--dump-dom",
           page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or "<html" not in done.stdout:
        raise RuntimeError(f"chromium failed on {page} (exit {done.returncode}): "
                           f"{done.stderr[-500:]}")
    return done.stdout


class _Scan(HTMLParser):
    """Visible text, arithmatex elements and whether each holds MathJax output or an error."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.skip = 0                          # inside <script>/<style>/<pre>/<code>
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, is maths element, hides text)
        self.maths: list[dict[str, bool]] = []   # one per arithmatex element
        self.open_maths: list[dict[str, bool]] = []
        self.mathjax_elements = 0
        self.in_svg = 0
        self.unknown_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        skips = tag in SKIP_TEXT or "clipboard-copy-txt" in classes
        if skips:
            self.skip += 1
        if tag in ("svg", "math"):   # SVG icons; MathJax's assistive MathML
            self.in_svg += 1
        elif not self.in_svg and tag not in HTML_TAGS and "-" not in tag:  # custom elements have "-"
            self.unknown_tags.append(tag)
        is_math = "arithmatex" in classes
        if is_math:
            record = {"typeset": False, "error": False}
            self.maths.append(record)
            self.open_maths.append(record)
        if tag == "mjx-container":
            self.mathjax_elements += 1
        for record in self.open_maths:
            if tag == "mjx-container":
                record["typeset"] = True
            if tag == "mjx-merror":
                record["error"] = True
        if tag not in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            self.stack.append((tag, is_math, skips))
        elif skips:
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in ("svg", "math"):
            self.in_svg -= 1
        while self.stack:
            open_tag, is_math, skips = self.stack.pop()
            if skips:
                self.skip -= 1
            if is_math:
                self.open_maths.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def check_page(browser: str, page: Path, site: Path) -> list[str]:
    name = page.relative_to(site).as_posix()
    scan = _Scan()
    scan.feed(rendered_dom(browser, page))
    problems = []
    text = " ".join(scan.text)
    for match in RAW_MARKUP.finditer(text):
        context = text[max(0, match.start() - 60): match.end() + 60].replace("\n", " ")
        problems.append(f"{name}: raw markup {match.group(0)!r} in '... {context} ...'")
    if scan.unknown_tags:
        problems.append(f"{name}: text taken for HTML tags (hidden from the reader): "
                        + ", ".join(f"<{t}>" for t in sorted(set(scan.unknown_tags))))
    untypeset = [m for m in scan.maths if not m["typeset"]]
    if untypeset:
        problems.append(f"{name}: {len(untypeset)} of {len(scan.maths)} maths elements not "
                        "typeset by MathJax")
    errors = [m for m in scan.maths if m["error"]]
    if errors:
        problems.append(f"{name}: {len(errors)} maths elements with a MathJax error")
    if name in MATHS_PAGES and not scan.mathjax_elements:
        problems.append(f"{name}: an API page without any typeset maths")
    print(f"{name}: {len(scan.maths)} maths elements, {scan.mathjax_elements} typeset, "
          f"{len(problems)} problems", flush=True)
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    pages = sorted(p for p in site.rglob("*.html")
                   if p.name not in SKIPPED and "assets" not in p.relative_to(site).parts)
    if not pages:
        print(f"check_rendered: no HTML pages under {site}", file=sys.stderr)
        return 1
    browser = chromium()
    problems = [problem for page in pages for problem in check_page(browser, page, site)]
    for problem in problems:
        print("FAIL", problem, file=sys.stderr)
    print(f"check_rendered: {len(pages)} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
