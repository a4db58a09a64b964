"""The api stage (built in its own issue)."""
