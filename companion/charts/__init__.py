"""matplotlib Figures built without pyplot, shared by the window and the PDF."""
