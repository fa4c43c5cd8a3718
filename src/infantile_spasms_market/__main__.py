"""``python -m infantile_spasms_market``: the book's one entry point."""

from .cli import main

raise SystemExit(main())
