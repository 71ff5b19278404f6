"""Dialogue policies of our own (config.yml lists them)."""
