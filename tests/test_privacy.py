"""Privacy in words a resident can check: the notice page and the chat say what the code does."""

from urllib.request import urlopen

from bot.settings import settings
from tests.conftest import texts


def test_the_chat_says_how_long_it_keeps_things_who_can_see_them_and_how_to_delete_them(assistant, sender):
    for question in ("how long do you keep my information", "who can see what I type here"):
        answer = texts(assistant.say(sender, question))
        assert f"{settings().retention_days} days" in answer, (question, answer)
        assert "Council staff" in answer and "forget me" in answer and "/chat/privacy" in answer


def test_the_privacy_notice_page_states_the_retention_period_and_is_linked_from_the_chat(assistant):
    page = urlopen(f"{assistant.base_url}/chat/privacy").read().decode()
    assert f"deleted {settings().retention_days} days after your" in page
    assert "forget me" in page and "Thurrock Council runs this chat" in page
    assert 'href="/chat/privacy"' in urlopen(f"{assistant.base_url}/chat").read().decode()
