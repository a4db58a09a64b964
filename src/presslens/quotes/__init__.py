"""The quotes stage (built in its own issue)."""
