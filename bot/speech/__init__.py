"""Text to speech: what to say for a reply, making the audio in a worker, and caching it."""
