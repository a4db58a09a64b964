"""The entities stage (built in its own issue)."""
