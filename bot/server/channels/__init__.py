"""Rasa input channels: REST with a length cap (and, later, web page, speech)."""
