"""Write references.bib from data/register.yaml: every source of the register, and nothing else.

Run after editing the register: ``python tools/sync_references.py``. A test fails while the two differ.
"""

from __future__ import annotations

from infantile_spasms_market.inputs.register import load_register
from infantile_spasms_market.outputs.citing import render
from infantile_spasms_market.paths import PROJECT_ROOT


def main() -> None:
    (PROJECT_ROOT / "references.bib").write_text(render(load_register()), encoding="utf-8")


if __name__ == "__main__":
    main()
