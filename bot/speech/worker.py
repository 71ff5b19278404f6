"""The speech worker process: owns the one pyttsx3 engine; reads JSON lines, writes JSON lines.

Started by bot.speech.synthesizer as `python -m bot.speech.worker VOICE`. Each request line is
{"text", "words_per_minute", "path"}; each answer line is {"ok": true} or
{"ok": false, "error": "..."}.
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import wave


def say_to_file(engine, text: str, path: str) -> None:
    """Speaks into a WAV file and returns only once the file is complete.

    pyttsx3's espeak driver synthesises on espeak's own thread (AUDIO_OUTPUT_RETRIEVAL), so
    runAndWait can return before the audio is written; a late callback would then write this
    text into the next request's file. espeak_Synchronize waits until synthesis is done.
    """
    from pyttsx3.drivers import _espeak

    with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to …"
        engine.save_to_file(text, path)
        engine.runAndWait()
        _espeak.dll.espeak_Synchronize()


def start_engine(voice: str):
    """One engine for the worker's life (re-creating engines crashes espeak), warmed up.

    The voice is set once here: setting it again before each utterance made espeak
    sometimes ignore the speaking rate set just after it.
    """
    import pyttsx3

    engine = pyttsx3.init("espeak")
    engine.proxy._driver.setProperty("voice", voice)
    with tempfile.TemporaryDirectory() as scratch:
        say_to_file(engine, "Ready.", os.path.join(scratch, "warm-up.wav"))
    return engine


def set_rate(words_per_minute: int) -> None:
    """Sets espeak's rate directly (pyttsx3's queued setProperty can apply one utterance late)
    and reads it back, because espeak sometimes drops the change."""
    from pyttsx3.drivers import _espeak

    for _ in range(5):
        _espeak.SetParameter(_espeak.RATE, words_per_minute, 0)
        _espeak.dll.espeak_Synchronize()
        if _espeak.dll.espeak_GetParameter(_espeak.RATE, 1) == words_per_minute:
            return
    raise RuntimeError("the speech engine did not take the speaking rate")


def has_audio(path: str) -> bool:
    try:
        with wave.open(path, "rb") as audio:
            return audio.getnframes() > 0
    except (OSError, wave.Error, EOFError):
        return False


def synthesize(engine, text: str, words_per_minute: int, path: str) -> None:
    set_rate(words_per_minute)
    partial = f"{path}.partial"
    for _ in range(2):
        say_to_file(engine, text, partial)
        if has_audio(partial):
            os.replace(partial, path)
            return
    raise RuntimeError("the speech engine wrote no audio")


def main() -> None:
    engine = start_engine(sys.argv[1])
    answers = sys.stdout
    for line in sys.stdin:
        try:
            request = json.loads(line)
            synthesize(engine, request["text"], int(request["words_per_minute"]), request["path"])
            answer = {"ok": True}
        except Exception as error:  # one bad request must not end the worker
            answer = {"ok": False, "error": str(error)}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
