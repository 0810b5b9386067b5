"""The Qt shell: small widgets composed by the main window."""
