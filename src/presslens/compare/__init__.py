"""The compare stage (built in its own issue)."""
