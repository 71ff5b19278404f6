"""Thurrock Front Door: channels, NLU safety net and staff tools around a Rasa assistant."""
