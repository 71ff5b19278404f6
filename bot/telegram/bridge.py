"""Telegram bridge: relays each chat to the assistant and sends back every reply.

`python -m bot telegram` runs one python-telegram-bot Application. Each message goes to the
assistant's own channel for the bridge (`/webhooks/telegram/webhook`, which only takes requests
with TELEGRAM_BRIDGE_SECRET) as sender `telegram:<chat id>`; buttons become an inline keyboard;
with /speak on, replies also come as OGG/Opus voice notes. Only private chats are answered: in a
group every member would share one conversation and see each other's details, so groups get a
polite refusal. Updates from different chats are handled at once, each chat's in order.

Environment: TELEGRAM_BOT_TOKEN and TELEGRAM_BRIDGE_SECRET (required), TELEGRAM_API_URL (another
Bot API server, such as a local one or a test stand-in; default Telegram's), ASSISTANT_URL
(default http://localhost:5005), TELEGRAM_WEBHOOK_URL and TELEGRAM_SECRET_TOKEN (webhook mode).
"""

import asyncio
import logging
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Awaitable, Dict, List, Optional
from urllib.parse import urlparse

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.content import channel_messages
from bot.settings import Settings
from bot.settings import settings as read_settings
from bot.speech.ogg import wav_to_ogg_opus

logger = logging.getLogger(__name__)
TELEGRAM_MAX_CHARS = 4096
# Commands and the assistant payload each one sends.
COMMAND_PAYLOADS = {
    "start": "/greet",
    "help": "/show_menu",
    "menu": "/show_menu",
    "forget": "/forget_me",
}


class PerChatOrder(BaseUpdateProcessor):
    """Different chats at once; one chat's updates one after another, in order."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: Dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = getattr(update, "effective_chat", None)
        if chat is None:
            await coroutine
            return
        async with self._locks[chat.id]:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class Assistant:
    """The assistant's channel for this bridge, over HTTP, with the shared secret."""

    def __init__(self, base_url: str, secret: str) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url, timeout=30, headers={"Authorization": f"Bearer {secret}"}
        )
        self.messages = channel_messages()

    async def ask(self, chat_id: int, text: str, speak: bool) -> List[Dict[str, Any]]:
        body = {"sender": f"telegram:{chat_id}", "message": text[:TELEGRAM_MAX_CHARS], "speak": speak}
        for attempt in range(3):  # network errors retried, gently
            try:
                reply = await self.http.post("/webhooks/telegram/webhook", json=body)
                if reply.status_code < 500:
                    return reply.json()
            except (httpx.HTTPError, ValueError):
                logger.warning("The assistant did not answer (attempt %d)", attempt + 1)
            await asyncio.sleep(0.5 * 2**attempt)
        return [{"text": self.messages["unavailable"]}]

    async def audio(self, url: str) -> Optional[bytes]:
        try:
            reply = await self.http.get(url)
            return reply.content if reply.status_code == 200 else None
        except httpx.HTTPError:
            return None


def keyboard(message: Dict[str, Any]) -> Optional[InlineKeyboardMarkup]:
    buttons = message.get("buttons") or []
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b["title"], callback_data=b["payload"][:64])] for b in buttons]
    )


async def relay(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Sends `text` to the assistant for this chat and every reply back to the chat."""
    assistant: Assistant = context.bot_data["assistant"]
    chat_id = update.effective_chat.id
    speak = context.chat_data.get("speak", False)
    for message in await assistant.ask(chat_id, text, speak):
        if message.get("text"):
            await context.bot.send_message(chat_id, message["text"], reply_markup=keyboard(message))
        if speak and message.get("audio_url"):
            await send_voice(context, chat_id, assistant, message["audio_url"])


async def send_voice(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, assistant: Assistant, url: str
) -> None:
    wav = await assistant.audio(url)
    if not wav:
        return
    with tempfile.NamedTemporaryFile(suffix=".wav") as file:
        file.write(wav)
        file.flush()
        ogg = await asyncio.to_thread(wav_to_ogg_opus, Path(file.name))
    await context.bot.send_voice(chat_id, ogg)


async def private_chats_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: anything from a group or channel gets a polite refusal only."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query:
        await update.callback_query.answer()
    if update.effective_message or update.callback_query:
        await context.bot.send_message(chat.id, context.bot_data["assistant"].messages["private_chats_only"])
    raise ApplicationHandlerStop


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await relay(update, context, update.effective_message.text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()
    await relay(update, context, update.callback_query.data)


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    command = update.effective_message.text.split()[0].lstrip("/").split("@")[0].lower()
    await relay(update, context, COMMAND_PAYLOADS[command])


async def on_easy_read(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.chat_data["easy_read"] = not context.chat_data.get("easy_read", False)
    await relay(update, context, "/easy_read_on" if context.chat_data["easy_read"] else "/easy_read_off")


async def on_speak(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.chat_data["speak"] = not context.chat_data.get("speak", False)
    messages = context.bot_data["assistant"].messages
    said = messages["voice_notes_on"] if context.chat_data["speak"] else messages["voice_notes_off"]
    await context.bot.send_message(update.effective_chat.id, said)


def build_application(settings: Settings) -> Application:
    application = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(f"{settings.telegram_api_url.rstrip('/')}/bot")
        .base_file_url(f"{settings.telegram_api_url.rstrip('/')}/file/bot")
        .concurrent_updates(PerChatOrder())
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    application.bot_data["assistant"] = Assistant(
        settings.assistant_url.rstrip("/"), settings.telegram_bridge_secret or ""
    )
    application.add_handler(TypeHandler(Update, private_chats_only), group=-1)
    application.add_handler(CommandHandler(list(COMMAND_PAYLOADS), on_command))
    application.add_handler(CommandHandler("easyread", on_easy_read))
    application.add_handler(CommandHandler("speak", on_speak))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    return application


def run() -> int:
    settings = read_settings()
    if not settings.telegram_bot_token:
        raise SystemExit("Set TELEGRAM_BOT_TOKEN to the bot's token from @BotFather.")
    if not settings.telegram_bridge_secret:
        raise SystemExit(
            "Set TELEGRAM_BRIDGE_SECRET, the same long random value for the bridge and "
            "the assistant: the assistant's telegram channel takes requests only with it."
        )
    if settings.telegram_webhook_url and not settings.telegram_secret_token:
        raise SystemExit("Webhook mode needs TELEGRAM_SECRET_TOKEN, so only Telegram can send updates.")
    application = build_application(settings)
    if settings.telegram_webhook_url:
        # Telegram posts updates to TELEGRAM_WEBHOOK_URL (behind a TLS proxy); ptb checks its
        # X-Telegram-Bot-Api-Secret-Token header against TELEGRAM_SECRET_TOKEN and refuses others.
        application.run_webhook(
            listen="127.0.0.1",
            port=settings.telegram_webhook_port,
            url_path=urlparse(settings.telegram_webhook_url).path.lstrip("/"),
            webhook_url=settings.telegram_webhook_url,
            secret_token=settings.telegram_secret_token,
            allowed_updates=["message", "callback_query"],
        )
    else:
        application.run_polling(allowed_updates=["message", "callback_query"])
    return 0
