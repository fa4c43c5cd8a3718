"""YAML for scenario files and ``--set`` values: safe, and reading ``2e-2`` as a number (YAML 1.2).

PyYAML follows YAML 1.1, where an exponent without a dot (``1e-3``) is text; an analyst who
writes ``--set growth.diagnosis=2e-2`` means a number, so floats follow YAML 1.2's rule here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

YAML12_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class Loader(yaml.SafeLoader):
    """A safe loader (never constructs Python objects) with YAML 1.2 floats.

    The pure-Python loader, not libyaml: its error messages say more, and these files are small.
    """


Loader.add_implicit_resolver("tag:yaml.org,2002:float", YAML12_FLOAT, list("-+0123456789."))


def load(text: str) -> Any:
    """Parse YAML text safely."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 (Loader is a SafeLoader)
