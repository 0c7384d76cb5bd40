"""The domain: dataclasses and pure functions. No Qt, no SQL, no file formats."""
