"""Real platform exports and generic CSV files turned into core records; format detection."""
