"""Creator Companion: an offline desktop companion for creators who run their channels as a business."""

__version__ = "0.1.0"
APP_NAME = "Creator Companion"
APP_ID = "creator-companion"
