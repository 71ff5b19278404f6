"""Every reply can be heard: real audio, the right length, cached, and never blocking others."""

import asyncio
import io
import time
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile

from bot.speech.ogg import wav_to_ogg_opus
from bot.speech.speakable import speakable, spoken_words
from bot.speech.synthesizer import SpeechError, Synthesizer, wav_seconds
from tests.conftest import answers_only, texts

SIXTY_WORDS = (
    "A direct payment is money the council sets aside for your care and support, after an "
    "assessment of your needs. Instead of the council arranging your care, you use the money to "
    "choose and arrange it yourself. You can employ a personal assistant, pay an agency, or buy "
    "from small local care providers. Keep your receipts and send them to the council regularly."
)


def loudness(path: Path) -> float:
    samples, _ = soundfile.read(str(path), dtype="float32")
    return float(np.sqrt(np.mean(samples**2)))


def run(coroutine, synthesizer=None):
    """Runs a test's coroutine in a loop of its own, then stops the speech worker in that loop."""

    async def then_close():
        try:
            return await coroutine
        finally:
            if synthesizer is not None:
                await synthesizer.aclose()

    return asyncio.run(then_close())


@pytest.fixture
def synthesizer(tmp_path):
    return Synthesizer(tmp_path / "speech")


def test_buttons_are_spoken_as_options_and_links_as_words():
    words = speakable(
        {
            "text": "Email thurrock.first@thurrock.gov.uk or see thurrock.gov.uk 😀",
            "buttons": [{"title": "Main menu"}, {"title": "Talk to a person"}, {"title": "I'm done"}],
        }
    )
    assert "thurrock dot first at thurrock dot gov dot uk" in words
    assert words.endswith("Your options are: Main menu, Talk to a person, or I'm done.")
    assert "😀" not in words and "@" not in words


def test_phone_numbers_are_read_digit_by_digit():
    assert "0 1 3 7 5, 5 1 1, 0 0 0" in spoken_words("Phone 01375 511 000.")
    assert "1 1 6, 1 2 3" in spoken_words("Samaritans: 116 123")


def test_sixty_words_become_real_audio_of_a_fitting_length(synthesizer):
    speech = run(synthesizer.speak(SIXTY_WORDS), synthesizer)
    with wave.open(str(speech.path)) as audio:
        assert audio.getnchannels() == 1 and audio.getframerate() > 8000
    seconds = wav_seconds(speech.path)
    words = len(SIXTY_WORDS.split())
    assert words / 3.5 < seconds < words / 1.5, f"{words} words took {seconds:.1f} s"
    assert loudness(speech.path) > 0.01, "the audio is silent"


def test_slow_speech_is_slower(synthesizer):
    async def both():
        return await synthesizer.speak(SIXTY_WORDS), await synthesizer.speak(SIXTY_WORDS, "slow")

    normal, slow = run(both(), synthesizer)
    assert wav_seconds(slow.path) > wav_seconds(normal.path) * 1.2


def test_a_repeated_answer_comes_from_the_cache(synthesizer):
    async def twice():
        first = await synthesizer.speak(SIXTY_WORDS)
        started = time.monotonic()
        second = await synthesizer.speak(SIXTY_WORDS)
        return first, second, time.monotonic() - started

    first, second, seconds = run(twice(), synthesizer)
    assert not first.cached and second.cached
    assert second.path == first.path and seconds < 0.05


def test_the_least_recently_used_audio_is_evicted_when_the_cache_is_full(synthesizer):
    async def three():
        first = await synthesizer.speak("First answer.")
        second = await synthesizer.speak("Second answer.")
        time.sleep(0.01)
        await synthesizer.speak("First answer.")  # used again: now the most recent
        synthesizer.cache_bytes = first.path.stat().st_size + second.path.stat().st_size - 1
        third = await synthesizer.speak("Third.")
        return first, second, third

    first, second, third = run(three(), synthesizer)
    assert not second.path.exists(), "the least recently used answer should go"
    assert first.path.exists() and third.path.exists()


def test_synthesis_does_not_block_the_event_loop(synthesizer):
    long_text = " ".join([SIXTY_WORDS] * 15)  # about 900 words

    async def measure():
        await synthesizer.speak("Warm up.")
        gaps, last = [], time.monotonic()
        task = asyncio.create_task(synthesizer.speak(long_text))
        started = time.monotonic()
        while not task.done():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now
        await task
        return max(gaps), time.monotonic() - started

    longest_gap, synthesis_seconds = run(measure(), synthesizer)
    assert synthesis_seconds > 1, "the synthesis was too quick to show anything"
    # Blocking would stall the loop for the whole synthesis; a busy machine can delay a tick a little.
    assert longest_gap < synthesis_seconds / 5, (
        f"the event loop stalled for {longest_gap:.2f} s of a {synthesis_seconds:.2f} s synthesis"
    )


def test_a_hung_synthesis_times_out_and_the_next_one_works(tmp_path):
    impatient = Synthesizer(tmp_path / "speech", timeout_seconds=0.001)

    async def attempt():
        with pytest.raises(SpeechError):
            await impatient.speak(" ".join([SIXTY_WORDS] * 5))
        impatient.timeout_seconds = 10
        return await impatient.speak("After the timeout.")

    assert run(attempt(), impatient).path.exists()


def test_nothing_to_say_is_an_error_not_a_crash(synthesizer):
    with pytest.raises(SpeechError):
        run(synthesizer.speak("   "), synthesizer)


def test_voice_notes_are_ogg_opus_of_the_same_length(synthesizer):
    speech = run(synthesizer.speak(SIXTY_WORDS), synthesizer)
    ogg = wav_to_ogg_opus(speech.path)
    assert ogg.startswith(b"OggS") and b"OpusHead" in ogg[:200]
    decoded, rate = soundfile.read(io.BytesIO(ogg))
    assert abs(len(decoded) / rate - wav_seconds(speech.path)) < 0.2


# ---- the speech channel, on the running assistant


def test_every_reply_comes_with_audio_that_plays(assistant, sender):
    reply = assistant.http.post(
        "/webhooks/speech/webhook", json={"sender": sender, "message": "what is a direct payment"}
    )
    assert reply.status_code == 200
    messages = reply.json()
    assert "direct payment" in texts(messages)
    for message in messages:
        audio = assistant.http.get(message["audio_url"])
        assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
        samples, rate = soundfile.read(io.BytesIO(audio.content))
        assert len(samples) / rate > 1 and float(np.sqrt(np.mean(samples**2))) > 0.01


def test_slow_speech_can_be_asked_for(assistant, sender):
    def seconds(rate):
        *_, message = answers_only(
            assistant.http.post(  # the answer comes last, after any introduction; each rate in a
                # conversation of its own, so both say the same text (asked again, an answer changes)
                "/webhooks/speech/webhook",
                json={"sender": f"{sender}-{rate}", "message": "/dp_support", "rate": rate},
            ).json()
        )
        samples, sample_rate = soundfile.read(io.BytesIO(assistant.http.get(message["audio_url"]).content))
        return len(samples) / sample_rate

    assert seconds("slow") > seconds("normal") * 1.2


def test_unknown_or_path_like_audio_names_are_not_found(assistant):
    for name in ["0" * 64 + ".wav", "..%2F..%2Fetc%2Fpasswd", "abc.wav", "%2e%2e"]:
        assert assistant.http.get(f"/webhooks/speech/audio/{name}").status_code == 404


def test_bad_requests_to_the_speech_channel_get_kind_answers(assistant):
    reply = assistant.http.post("/webhooks/speech/webhook", content=b"{oops")
    assert reply.status_code == 400 and "couldn't read it" in reply.json()[0]["text"]


def test_ten_requests_at_once_are_shared_between_workers_and_all_answered(synthesizer):
    async def ten():
        await synthesizer.speak("Warm up the workers.")
        texts = [f"Answer number {n}. " + SIXTY_WORDS for n in range(8)] + [SIXTY_WORDS] * 2
        return await asyncio.gather(*(synthesizer.speak(t) for t in texts))

    results = run(ten(), synthesizer)
    assert all(result.path.exists() for result in results)
    assert results[-1].path == results[-2].path, "the same answer is made once and shared"
    assert len({result.path for result in results}) == 9
