"""Reading and writing the creator's Settings, kept in the database beside the data they describe."""

import json
from dataclasses import asdict

from companion.core.settings import Settings
from companion.core.tiers import TierThresholds
from companion.store.database import Store


def load_settings(store: Store) -> Settings:
    """The saved settings; a missing or unreadable value falls back to its default."""
    saved = {row["key"]: row["value"] for row in store.query("SELECT key, value FROM setting")}
    defaults = Settings()
    values = {}
    for key, default in asdict(defaults).items():
        if key not in saved:
            continue
        try:
            value = json.loads(saved[key])
        except json.JSONDecodeError:
            continue
        if key == "custom_thresholds" and isinstance(value, dict):
            values[key] = value
        elif key == "target_countries" and isinstance(value, list):
            values[key] = tuple(value)
        elif isinstance(value, type(default)):
            values[key] = value
    try:
        if "custom_thresholds" in values:
            values["custom_thresholds"] = TierThresholds(**values["custom_thresholds"])
        return Settings(**values)
    except (TypeError, ValueError):
        return defaults


def save_settings(store: Store, settings: Settings) -> None:
    rows = [{"key": key, "value": json.dumps(value)} for key, value in asdict(settings).items()]
    with store.transaction():
        store.db["setting"].upsert_all(rows, pk="key")
