"""What the Rasa server loads: channels, NLU components, tracker and lock stores, speed-ups.

Rasa imports this package first whenever it loads anything of ours (credentials.yml names the
channels, endpoints.yml the stores, config.yml the NLU components), whichever command started it
(`python -m bot serve`, `rasa run`, `rasa shell`, a replica). So this is where our two patches to
Rasa's own code are installed: before the server handles a message, and by no channel or store.

It is also where the numerical libraries (NumPy's and SciPy's OpenBLAS, scikit-learn's OpenMP) are
kept to one thread each: a resident's message is a handful of numbers to multiply, their second
threads cost more than they saved, and, spinning while they waited for work, took nearly as much
CPU as the server's own thread (issue 30: 122-128 ms of the Rasa server's CPU a message with them,
70 without, 20 residents at once; docs/benchmark.md). TensorFlow's threads are its own.
"""

from threadpoolctl import threadpool_limits

from bot.server import rasa_speedups, typed_buttons

threadpool_limits(limits=1)
rasa_speedups.install()
typed_buttons.install()
