"""The creator's settings that belong with their data (tiers, currency, target markets)."""

import re
from dataclasses import dataclass, field, replace

from companion.core.tiers import TierThresholds, default_preset, preset_by_id

CUSTOM_PRESET = "custom"
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class InvalidSetting(ValueError):
    """A setting value the app cannot use; the message names the field."""


@dataclass(frozen=True)
class Settings:
    """The creator's choices on the Settings page: tiers, currency, target countries."""

    tier_preset: str = field(default_factory=lambda: default_preset().id)
    custom_thresholds: TierThresholds = field(default_factory=lambda: default_preset().thresholds)
    currency: str = "USD"
    target_countries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.tier_preset != CUSTOM_PRESET and preset_by_id(self.tier_preset) is None:
            raise InvalidSetting(f"Tier preset: unknown preset {self.tier_preset!r}.")
        if not _CURRENCY.match(self.currency):
            raise InvalidSetting(
                f"Currency: expected a three-letter ISO 4217 code such as USD or EUR, "
                f"got {self.currency!r}."
            )
        for code in self.target_countries:
            if not _COUNTRY.match(code):
                raise InvalidSetting(
                    f"Target countries: expected two-letter ISO 3166 codes such as US or DE, "
                    f"got {code!r}."
                )

    @property
    def thresholds(self) -> TierThresholds:
        """The thresholds in force: the chosen preset's, or the custom ones."""
        preset = preset_by_id(self.tier_preset)
        return preset.thresholds if preset else self.custom_thresholds

    def with_changes(self, **changes: object) -> "Settings":
        return replace(self, **changes)


def parse_country_list(text: str) -> tuple[str, ...]:
    """'us, de GB' → ('US', 'DE', 'GB'); duplicates dropped, order kept."""
    codes = [c.upper() for c in re.split(r"[\s,;]+", text.strip()) if c]
    return tuple(dict.fromkeys(codes))
