"""The kiosk's Qt-free parts: configuration, PIN, schedule, watchdog."""
