"""Render the package's reStructuredText docstring markup on the MkDocs site.

The docstrings are written for Sphinx/numpydoc: ``:math:`x```, ``.. math::`` blocks and the
cross-reference roles ``:class:``, ``:meth:``, ``:func:``, ``:mod:``, ``:attr:``, ``:data:``.
mkdocstrings renders docstrings as Markdown, where that markup shows up raw.  This griffe
extension rewrites it when the package is loaded for the site (the source files are left as
they are):

* ``:math:`x``` becomes ``\\(x\\)`` and a ``.. math::`` block becomes a ``$$ ... $$`` display,
  both typeset by pymdown-extensions' arithmatex and MathJax;
* a cross-reference role becomes inline code of the name as Sphinx would display it
  (``~a.b.C`` shows ``C``), linked to the object's API entry when the target resolves to an
  object of the package (relative names are looked up in the docstring's class, module and
  parent packages; the link is an optional mkdocs-autorefs reference, plain code if the
  object is not rendered on the site);
* a bracketed token such as ``<r~>`` or ``<g>`` (an average, in plain text) is escaped, so that
  Markdown does not swallow it as an HTML tag.

It is registered in ``mkdocs.yml`` under the python handler's ``extensions``;
:func:`rst_to_markdown` is the conversion itself, tested in ``tests/test_docs_api.py``.
"""

from __future__ import annotations

import re
from typing import Callable

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


def _role_target(target: str) -> str:
    """The object path a role points to: ``~a.b.c`` -> ``a.b.c``, ``title <a.b>`` -> ``a.b``."""
    target = target.strip()
    explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", target)
    if explicit:
        target = explicit.group(2)
    return target.lstrip("~!").removesuffix("()")


def _role(match: re.Match, resolve: Callable[[str], str | None] | None) -> str:
    text = "`" + _role_text(match.group(2)) + "`"
    path = resolve(_role_target(match.group(2))) if resolve is not None else None
    if path is None:
        return text
    return f'<autoref identifier="{path}" optional>{text}</autoref>'


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


def rst_to_markdown(text: str, resolve: Callable[[str], str | None] | None = None) -> str:
    r"""Rewrite the reStructuredText markup of a docstring into the site's Markdown.

    ``resolve(target)`` gives the full path of a cross-reference's target (or ``None``: the
    role stays plain inline code); without it no role is linked.

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
    text = _ROLE.sub(lambda m: _role(m, resolve), text)
    return _escape_angles(text)


def _resolver(obj, root) -> Callable[[str], str | None]:
    """Resolve a role's target as Sphinx would from ``obj``: a full ``rmt_meso...`` path, or a
    name relative to ``obj``'s class, module or parent packages; ``None`` outside the package."""
    scopes = []
    node = obj if obj.is_class or obj.is_module else obj.parent
    while node is not None:
        scopes.append(node.path)
        node = node.parent

    def lookup(path: str):
        if path != root.path and not path.startswith(root.path + "."):
            return None
        try:
            found = root[path[len(root.path) + 1:]] if path != root.path else root
            while found.is_alias:          # re-exports: link to the object's own entry
                found = found.final_target
        except Exception:  # noqa: BLE001 - unresolvable (external alias, typo): no link
            return None
        return found.path

    def resolve(target: str) -> str | None:
        if not re.fullmatch(r"[A-Za-z_][\w.]*", target):
            return None
        for candidate in [target] + [f"{scope}.{target}" for scope in scopes]:
            path = lookup(candidate)
            if path is not None:
                return path
        return None
    return resolve


def _walk(obj, seen: set[int], root) -> None:
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if obj.docstring is not None:
        obj.docstring.value = rst_to_markdown(obj.docstring.value, _resolver(obj, root))
    for member in obj.members.values():
        if not member.is_alias:
            _walk(member, seen, root)


if griffe is not None:

    class RstToMarkdown(griffe.Extension):
        """Griffe extension: convert the docstrings of every loaded package (see module doc)."""

        def on_package(self, *, pkg, **kwargs) -> None:  # noqa: D102  (griffe >= 2)
            _walk(pkg, set(), pkg)

        def on_package_loaded(self, *, pkg, **kwargs) -> None:  # noqa: D102  (griffe 1)
            _walk(pkg, set(), pkg)
