"""Reading the demo's hand-written data files in `resources/demo/`."""

from typing import Any

from companion.core.resources import load_json

DATA_FOLDER = "demo"


def demo_data(name: str) -> Any:
    """A file of `resources/demo/`, parsed once per process, e.g. `demo_data("deals.json")`."""
    return load_json(f"{DATA_FOLDER}/{name}")


def without_notes(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields, leaving out the `_about`/`_note` keys that explain it to a reader."""
    return {key: value for key, value in entry.items() if not key.startswith("_")}
