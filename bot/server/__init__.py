"""What the Rasa server loads: channels, NLU components, tracker and lock stores, speed-ups.

Rasa imports this package first whenever it loads anything of ours (credentials.yml names the
channels, endpoints.yml the stores, config.yml the NLU components), whichever command started it
(`python -m bot serve`, `rasa run`, `rasa shell`, a replica). So this is where the one patch to
Rasa's own code is installed: before the server handles a message, and by no channel or store.
"""

from bot.server import rasa_speedups

rasa_speedups.install()
