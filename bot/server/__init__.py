"""What the Rasa server loads: channels, NLU components, tracker and lock stores, speed-ups.

Rasa imports this package first whenever it loads anything of ours (credentials.yml names the
channels, endpoints.yml the stores, config.yml the NLU components), whichever command started it
(`python -m bot serve`, `rasa run`, `rasa shell`, a replica). So this is where our two patches to
Rasa's own code are installed: before the server handles a message, and by no channel or store.
"""

from bot.server import rasa_speedups, typed_buttons

rasa_speedups.install()
typed_buttons.install()
