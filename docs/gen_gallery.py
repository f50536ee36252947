"""Write docs/gallery.md from the figures of a verify/figures run (run by `make docs`)."""

import sys
from pathlib import Path

from rmt_meso.claims import discover


def main(figdir: str = "docs/gallery") -> None:
    here = Path(__file__).parent
    lines = ["# Gallery", "", "Figures of the quick preset of `rmt-meso verify`, regenerated with",
             "`rmt-meso figures --out docs/gallery`.", ""]
    for c in discover().values():
        png = Path(figdir).resolve() / "figures" / f"{c.name}.png"
        if png.exists():
            lines += [f"## {c.title}", "", f"![{c.name}]({png.relative_to(here).as_posix()})", ""]
    (here / "gallery.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
