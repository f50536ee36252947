"""Write docs/claims.md from the claims registry (run by `make docs`)."""

from pathlib import Path

from rmt_meso.claims import discover


def _text(s: str) -> str:
    """Plain text for Markdown: "<g>" or "<r~>" (averages) must not be taken for HTML tags."""
    return s.replace("<", "&lt;")


def main() -> None:
    claims = discover()
    lines = ["# The verify report: claims, theory and references", "",
             "`rmt-meso verify` runs each claim below on real samples and compares it with exact",
             "theory (see `rmt-meso verify --help`). This page is generated from the claim registry.", ""]
    sections = {}
    for c in claims.values():
        sections.setdefault(c.section, []).append(c)
    for section in sections:  # registry order (rmt_meso.claims.SECTIONS)
        lines += [f"## {section.capitalize()}", ""]
        for c in sections[section]:
            lines += [f"### {c.title}", "", f"`{c.name}`", "", _text(c.statement), ""]
            if c.references:
                lines += ["References:", ""] + [f"- {_text(r)}" for r in c.references] + [""]
    Path(__file__).with_name("claims.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
