"""Where the data files in `resources/` are found, in a source checkout and when installed."""

import json
from functools import cache
from pathlib import Path
from typing import Any

_CHECKOUT_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    """The path of a file in `resources/`, e.g. `resource_path("tiers.json")`."""
    if _CHECKOUT_RESOURCES.is_dir():
        return _CHECKOUT_RESOURCES / name
    from importlib import resources  # only installed copies need it; it costs start-up ≈4 ms

    return Path(str(resources.files("companion.resources").joinpath(name)))


@cache
def load_json(name: str) -> Any:
    """A JSON resource, parsed once per process."""
    return json.loads(resource_path(name).read_text(encoding="utf-8"))
