"""NLU components of our own, registered with Rasa's default recipe."""
