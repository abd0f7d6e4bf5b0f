"""An HTTP-level fake of the OpenAI chat completions API, on a loopback port.

The real `openai` client talks to it over HTTP, so everything from request building to stream
parsing and error handling is the real code. What the "model" says is chosen by `scenario`;
every request is recorded for assertions.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI:
    def __init__(self) -> None:
        self.scenario = "good"
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.rewrites: dict[str, str] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                fake.headers.append(dict(self.headers))
                fake.respond(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- the "model" ---------------------------------------------------------------------------

    @staticmethod
    def passages(body: dict[str, Any]) -> dict[int, str]:
        prompt = body["messages"][-1]["content"]
        return {int(n): text for n, text in re.findall(r"^\[(\d+)\] \([^)]*\) (.*)$", prompt, re.M)}

    def reply(self, body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        if not body.get("stream"):  # the follow-up rewrite
            last = prompt.rsplit("User: ", 1)[-1].strip()
            return self.rewrites.get(last, last)
        passages = self.passages(body)
        if self.scenario == "obey" and re.search(r"ignore (all )?previous instructions", prompt, re.I):
            return "PWNED. The Taliban never took any city [1]."
        if self.scenario == "refuse":
            return "NOT_IN_ARTICLES"
        if self.scenario == "empty":
            return ""
        if self.scenario == "capable":
            return self.capable(prompt, passages)
        faizabad = next((n for n, t in passages.items() if "latest city to fall was Faizabad" in t),
                        None)
        families = next((n for n, t in passages.items() if "60,000 families" in t), None)
        good = []
        if faizabad:
            good.append(f"Faizabad, the capital of Badakhshan province, was the latest city to "
                        f"fall [{faizabad}].")
        if families:
            good.append(f"60,000 families had been displaced over the past two months [{families}].")
        if not good:
            good.append(f"{passages[1]} [1]" if passages else "NOT_IN_ARTICLES")
        invented = "The population of Kabul is approximately 4.6 million [1]."
        if self.scenario == "bad_citation":
            return f"{good[0][:-5]} [99]. " + " ".join(good[1:])
        if self.scenario == "unsupported":
            return " ".join(good) + " " + invented
        if self.scenario == "invented_only":
            return invented + " Kabul has 22 districts [2]."
        if self.scenario == "uncited":
            return good[0] + " Kabul will fall next week."
        return " ".join(good)

    # What a capable model writes for a few seed questions: sentences that reword what they cite,
    # correct ones and wrong ones, each cited to the passage holding the words after "|" (the
    # sentence is left out when no passage in the prompt holds them).
    CAPABLE = {
        "Which city was the ninth provincial capital to fall to the Taliban?": [
            "The most recent city captured was Faizabad.|latest city to fall was Faizabad",
            "The latest city to fall was Kunduz, the capital of Badakhshan.|latest city to fall",
        ],
        "What did the governor of Balkh say about Mazar-i-Sharif?": [
            "The governor of Balkh province was Mohammad Farhad Azimi.|Farhad Azimi has said",
            "Governor Azimi said the Taliban had captured Mazar-i-Sharif.|Farhad Azimi has said",
        ],
        "How many families were displaced?": [
            "Some 60,000 families had been forced from their homes over the past two months."
            "|60,000 families",
            "Some 6,000 families had been displaced over the past two months.|60,000 families",
        ],
        "Did Faizabad fall to the Taliban?": [
            "Yes, Faizabad fell to the Taliban on Wednesday, 11 August 2021."
            "|latest city to fall was Faizabad",
            "No, Faizabad did not fall to the Taliban.|latest city to fall was Faizabad",
        ],
        "What did the Taliban spokesman say the enemy left behind?": [
            "Zabihullah Mujahid tweeted that the enemy left behind vehicles, weapons and "
            "equipment.|enemy left behind",
            "According to Mujahid, the Taliban had left behind vehicles and weapons."
            "|enemy left behind",
        ],
    }

    def capable(self, prompt: str, passages: dict[int, str]) -> str:
        question = next((q for q in self.CAPABLE if q in prompt), None)
        sentences = []
        for line in self.CAPABLE.get(question or "", []):
            sentence, marker = line.split("|")
            cited = next((n for n, t in passages.items() if marker in t), None)
            if cited is not None:
                sentences.append(f"{sentence[:-1]} [{cited}].")
        return " ".join(sentences) or "NOT_IN_ARTICLES"

    def respond(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        if self.scenario == "timeout":
            time.sleep(3)
        if self.scenario == "http500":
            return self._send(handler, 500, "application/json",
                              b'{"error": {"message": "model crashed"}}')
        if self.scenario == "garbage":
            ctype = "text/event-stream" if body.get("stream") else "application/json"
            return self._send(handler, 200, ctype, b"data: {this is not json\n\n<html>oops</html>")
        text = self.reply(body)
        if not body.get("stream"):
            payload = {"id": "x", "object": "chat.completion", "created": 0, "model": "fake",
                       "choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": text}}]}
            return self._send(handler, 200, "application/json", json.dumps(payload).encode())
        events = []
        for piece in re.findall(r"\S+\s*", text):
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                     "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            events.append(f"data: {json.dumps(chunk)}\n\n")
        events.append("data: [DONE]\n\n")
        self._send(handler, 200, "text/event-stream", "".join(events).encode())

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, ctype: str, data: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", ctype)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)
