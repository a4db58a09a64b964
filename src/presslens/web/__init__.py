"""The web stage (built in its own issue)."""
