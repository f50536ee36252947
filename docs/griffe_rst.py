"""Render the package's reStructuredText docstring markup on the MkDocs site.

The docstrings are written for Sphinx/numpydoc: ``:math:`x```, ``.. math::`` blocks and the
cross-reference roles ``:class:``, ``:meth:``, ``:func:``, ``:mod:``, ``:attr:``, ``:data:``.
mkdocstrings renders docstrings as Markdown, where that markup shows up raw.  This griffe
extension rewrites it when the package is loaded for the site (the source files are left as
they are):

* ``:math:`x``` becomes ``\\(x\\)`` and a ``.. math::`` block becomes a ``$$ ... $$`` display,
  both typeset by pymdown-extensions' arithmatex and MathJax;
* a cross-reference role becomes inline code of the name as Sphinx would display it
  (``~a.b.C`` shows ``C``);
* a bracketed token such as ``<r~>`` or ``<g>`` (an average, in plain text) is escaped, so that
  Markdown does not swallow it as an HTML tag.

It is registered in ``mkdocs.yml`` under the python handler's ``extensions``;
:func:`rst_to_markdown` is the conversion itself, tested in ``tests/test_docs_api.py``.
"""

from __future__ import annotations

import re

try:  # the extension needs griffe; the conversion alone (used by the tests) does not
    import griffe
except ImportError:  # pragma: no cover - only without the docs extra
    griffe = None

_ROLE = re.compile(r":(?:py:)?(class|meth|func|mod|attr|data|obj|exc|const):`([^`]+)`")
_MATH_ROLE = re.compile(r":math:`([^`]*)`")
_MATH_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+math::[ \t]*(?P<rest>.*)$")


def _role_text(target: str) -> str:
    """What Sphinx displays for a role's target: ``~a.b.c`` -> ``c``, ``title <a.b>`` -> ``title``."""
    target = target.strip()
    explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", target)
    if explicit:
        return explicit.group(1)
    if target.startswith("~"):
        return target[1:].rsplit(".", 1)[-1]
    return target.lstrip("!")


def _display_blocks(lines: list[str]) -> list[str]:
    """Replace every ``.. math::`` directive by a ``$$`` display at the directive's indent."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _MATH_DIRECTIVE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match.group("indent")
        body = [match.group("rest")] if match.group("rest").strip() else []
        i += 1
        # the directive's content: every following line that is blank or indented deeper
        while i < len(lines) and (not lines[i].strip()
                                  or len(lines[i]) - len(lines[i].lstrip()) > len(indent)):
            body.append(lines[i].strip())
            i += 1
        while body and not body[-1]:
            body.pop()
        while body and not body[0]:
            body.pop(0)
        # blank lines separate equations in a Sphinx math block; a $$ display holds one
        # paragraph, so each equation gets its own display
        equations: list[list[str]] = [[]]
        for line in body:
            if line:
                equations[-1].append(line)
            elif equations[-1]:
                equations.append([])
        if out and out[-1].strip():
            out.append("")
        for eq in equations:
            if eq:
                out.extend([indent + "$$", *(indent + line for line in eq), indent + "$$", ""])
        # the blank line after the block (if any) is already in the output
        if i < len(lines) and not lines[i].strip():
            i += 1
    return out


_PROTECTED = re.compile(r"(``.+?``|`[^`]+`|\\\(.+?\\\)|\$\$.*?\$\$)", re.DOTALL)
_ANGLE = re.compile(r"<(?![a-z]+://|/)(?=[^\s<>]+>)")


def _escape_angles(text: str) -> str:
    """Escape ``<`` of a bracketed token (``<r~>``, ``<g>``) that Markdown would take for an
    HTML tag, outside code, maths, doctest lines and fenced blocks."""
    out, fenced, doctest = [], False, False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        if stripped.startswith(">>>"):
            doctest = True
        elif not stripped:
            doctest = False
        if fenced or doctest or stripped.startswith("```"):
            out.append(line)
            continue
        parts = _PROTECTED.split(line)
        out.append("".join(part if k % 2 else _ANGLE.sub("&lt;", part)
                           for k, part in enumerate(parts)))
    return "\n".join(out)


def rst_to_markdown(text: str) -> str:
    r"""Rewrite the reStructuredText markup of a docstring into the site's Markdown.

    >>> rst_to_markdown("a :math:`\\beta = 1` law, see :func:`~rmt_meso.theory.cavity.mean_g`")
    'a \\(\\beta = 1\\) law, see `mean_g`'
    >>> print(rst_to_markdown("Law\n\n.. math:: x^2\n   + y\n\nafter"))
    Law
    <BLANKLINE>
    $$
    x^2
    + y
    $$
    <BLANKLINE>
    after
    """
    if not text:
        return text
    text = "\n".join(_display_blocks(text.split("\n")))
    text = _MATH_ROLE.sub(lambda m: r"\(" + m.group(1) + r"\)", text)
    text = _ROLE.sub(lambda m: "`" + _role_text(m.group(2)) + "`", text)
    return _escape_angles(text)


def _walk(obj, seen: set[int]) -> None:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if obj.docstring is not None:
        obj.docstring.value = rst_to_markdown(obj.docstring.value)
    for member in obj.members.values():
        if not member.is_alias:
            _walk(member, seen)


if griffe is not None:

    class RstToMarkdown(griffe.Extension):
        """Griffe extension: convert the docstrings of every loaded package (see module doc)."""

        def on_package(self, *, pkg, **kwargs) -> None:  # noqa: D102  (griffe >= 2)
            _walk(pkg, set())

        def on_package_loaded(self, *, pkg, **kwargs) -> None:  # noqa: D102  (griffe 1)
            _walk(pkg, set())
