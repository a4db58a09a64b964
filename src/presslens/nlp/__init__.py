"""The nlp stage (built in its own issue)."""
