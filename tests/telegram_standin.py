"""A stand-in Telegram Bot API on 127.0.0.1, over real HTTP, for testing the bridge.

It hands queued updates to getUpdates and records every method the bot calls, with its
parameters (and uploaded files), so tests can see what a Telegram user would have seen.
"""

import cgi
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qsl


class StandInBotApi:
    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.updates: List[Dict[str, Any]] = []
        self.condition = threading.Condition()
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1000)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()

    # ---- what a user does
    def user_says(self, chat_id: int, text: str, group_member: Optional[int] = None) -> None:
        """A user's message in their private chat; or, with `group_member`, that member's in group `chat_id`."""
        message = self._message(chat_id, text, from_user=True)
        if group_member is not None:
            message["chat"] = {"id": chat_id, "type": "group", "title": "Family"}
            message["from"] = self._user(group_member)
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self._queue({"message": message})

    def user_presses(self, chat_id: int, payload: str) -> None:
        self._queue(
            {
                "callback_query": {
                    "id": f"press-{next(self.update_ids)}",
                    "from": self._user(chat_id),
                    "chat_instance": str(chat_id),
                    "data": payload,
                    "message": self._message(chat_id, "earlier reply", from_user=False),
                }
            }
        )

    # ---- what the user sees
    def sent(self, method: str, chat_id: Optional[int] = None) -> List[Dict[str, Any]]:
        with self.condition:
            return [
                c
                for c in self.calls
                if c["method"] == method
                and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))
            ]

    def wait_for(self, method: str, chat_id: int, count: int, seconds: float = 60) -> List[Dict]:
        deadline = time.monotonic() + seconds
        with self.condition:
            while len(self.sent(method, chat_id)) < count:
                if not self.condition.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"{method} x{count} for {chat_id} not seen: {self.calls!r}"[:3000])
            return self.sent(method, chat_id)

    def wait_for_call(self, method: str, seconds: float = 60) -> Dict:
        """The first call of a method (any chat), e.g. setWebhook."""
        deadline = time.monotonic() + seconds
        with self.condition:
            while not any(c["method"] == method for c in self.calls):
                if not self.condition.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"{method} not seen")
            return next(c for c in self.calls if c["method"] == method)

    # ---- the API
    def _user(self, chat_id: int) -> Dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Resident"}

    def _message(self, chat_id: int, text: str, from_user: bool) -> Dict[str, Any]:
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": text,
        }
        message["from"] = (
            self._user(chat_id) if from_user else {"id": 1, "is_bot": True, "first_name": "Front Door"}
        )
        return message

    def _queue(self, update: Dict[str, Any]) -> None:
        with self.condition:
            self.updates.append({"update_id": next(self.update_ids), **update})
            self.condition.notify_all()

    def answer(self, method: str, params: Dict[str, Any]) -> Any:
        with self.condition:
            self.calls.append({"method": method, "params": params})
            self.condition.notify_all()
        if method == "getMe":
            return {"id": 1, "is_bot": True, "first_name": "Front Door", "username": "front_door_bot"}
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
            with self.condition:
                # as Telegram does: updates before the offset were confirmed and are forgotten
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                while True:
                    ready = [u for u in self.updates if u["update_id"] >= offset]
                    if ready or time.monotonic() >= deadline:
                        return ready
                    self.condition.wait(timeout=0.05)
        if method in ("sendMessage", "sendVoice"):
            reply = self._message(int(params["chat_id"]), params.get("text", ""), from_user=False)
            if method == "sendVoice":
                reply["voice"] = {"file_id": "v", "file_unique_id": "v", "duration": 1}
            return reply
        return True

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("multipart/form-data"):
                    form = cgi.FieldStorage(
                        fp=self.rfile,
                        headers=self.headers,
                        environ={
                            "REQUEST_METHOD": "POST",
                            "CONTENT_TYPE": kind,
                            "CONTENT_LENGTH": str(length),
                        },
                    )
                    params = {
                        k: (form[k].value if not form[k].filename else form[k].file.read()) for k in form
                    }
                else:
                    body = self.rfile.read(length).decode()
                    params = (
                        json.loads(body)
                        if kind.startswith("application/json") and body
                        else dict(parse_qsl(body))
                    )
                result = api.answer(method, params)
                payload = json.dumps({"ok": True, "result": result}).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bridge stopped while long polling

            do_GET = do_POST

        return Handler
