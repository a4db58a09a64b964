"""The stories stage (built in its own issue)."""
