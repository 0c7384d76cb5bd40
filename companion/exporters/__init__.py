"""Files the app writes for others: the media kit PDF, CSV, iCalendar."""
