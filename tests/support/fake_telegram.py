#!/usr/bin/env python3
"""A fake Telegram Bot API for Triage's tests (no internet here; ../shared/design/real-parts.md).

Serves {base}/bot{TOKEN}/METHOD with the official object shapes and behaviour the server relies
on: getUpdates long polling with `offset` confirmation and `timeout`, 409 Conflict for a second
concurrent poller, deleteWebhook, getMe, sendMessage (records it; 400 "can't parse entities" on
malformed HTML; 403 for a chat that blocked the bot; 429 with parameters.retry_after when asked),
getFile and {base}/file/bot{TOKEN}/{file_path}. 401 for another token.

Files: getFile answers a File object (file_id, file_unique_id, file_size, file_path) for a file the
test registered, 400 "file is too big" over 20 MB as the real API does; the bytes are served from
{base}/file/bot{TOKEN}/{file_path} (401 for another token). answerCallbackQuery and
editMessageReplyMarkup are recorded.

Control routes for the test: POST /control/updates (body: a list of Update objects without
update_id, or one), GET /control/sent (every sendMessage so far, each with "at": when it arrived),
GET /control/answers (answerCallbackQuery calls), GET /control/pushed (update_id → when pushed),
POST /control/block {"chat_id"}, POST /control/throttle {"count": N, "retry_after": S},
POST /control/files {"file_path", "bytes_b64", "broken": true → the download answers 500},
POST /control/foreign_poller {"seconds": S} (another program long-polls this bot meanwhile: every
getUpdates gets 409), GET /control/downloads (file paths downloaded, in order).
Usage: fake_telegram.py TOKEN  → prints "listening on PORT" and serves until killed.
"""
import base64
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

TOKEN = sys.argv[1]
lock = threading.Condition()
updates = []  # stored Update objects
next_update_id = [100000]
confirmed = [0]  # highest update_id confirmed by an offset
sent = []
answers = []  # answerCallbackQuery calls
blocked = set()
throttle = {"count": 0, "retry_after": 1}
files = {}
broken = set()
downloads = []
edits = []
pushed = {}  # update_id → time pushed
polling = [0]  # getUpdates calls waiting right now
message_ids = [500]


def ok(result):
    return 200, {"ok": True, "result": result}


def err(code, description, **extra):
    body = {"ok": False, "error_code": code, "description": description}
    body.update(extra)
    return code, body


def valid_html(text):
    # Telegram's HTML parse mode: &, < and > must be escaped unless they form a supported tag.
    stripped = re.sub(r"</?(b|i|u|s|code|pre|a(\s+href=\"[^\"]*\")?)>", "", text)
    stripped = re.sub(r"&(lt|gt|amp|quot|#\d+);", "", stripped)
    return "<" not in stripped and ">" not in stripped and "&" not in stripped


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, raw=None, content_type="application/json"):
        data = raw if raw is not None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def params(self):
        url = urlparse(self.path)
        p = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            body = self.rfile.read(length)
            if (self.headers.get("Content-Type") or "").startswith("application/json"):
                parsed = json.loads(body or b"{}")
                if isinstance(parsed, list):
                    return url.path, parsed
                p.update(parsed)
            else:
                p.update({k: v[0] for k, v in parse_qs(body.decode()).items()})
        return url.path, p

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        path, p = self.params()
        if path.startswith("/control/"):
            return self.control(path[len("/control/"):], p)
        m = re.match(r"^/file/bot([^/]+)/(.+)$", path)
        if m:
            if m.group(1) != TOKEN:
                return self.reply(*err(401, "Unauthorized"))
            data = files.get(m.group(2))
            if data is None:
                return self.reply(*err(404, "Not Found"))
            with lock:
                downloads.append(m.group(2))
            if m.group(2) in broken:
                return self.reply(*err(500, "Internal Server Error"))
            return self.reply(200, None, raw=data, content_type="application/octet-stream")
        m = re.match(r"^/bot([^/]+)/(\w+)$", path)
        if not m:
            return self.reply(*err(404, "Not Found"))
        if m.group(1) != TOKEN:
            return self.reply(*err(401, "Unauthorized"))
        method = m.group(2)
        handler = getattr(self, "api_" + method, None)
        if handler is None:
            return self.reply(*err(404, "Not Found: method not found"))
        self.reply(*handler(p))

    def control(self, what, p):
        with lock:
            if what == "updates":
                items = p if isinstance(p, list) else p.get("updates", [p])
                for u in items:
                    next_update_id[0] += 1
                    u = dict(u)
                    u["update_id"] = next_update_id[0]
                    pushed[next_update_id[0]] = time.time()
                    updates.append(u)
                lock.notify_all()
                return self.reply(200, {"ok": True, "last_update_id": next_update_id[0]})
            if what == "sent":
                return self.reply(200, {"ok": True, "result": sent, "confirmed": confirmed[0]})
            if what == "answers":
                return self.reply(200, {"ok": True, "result": answers})
            if what == "block":
                blocked.add(int(p["chat_id"]))
                return self.reply(200, {"ok": True})
            if what == "throttle":
                throttle.update(p)
                return self.reply(200, {"ok": True})
            if what == "files":
                files[p["file_path"]] = base64.b64decode(p["bytes_b64"])
                if p.get("broken"):
                    broken.add(p["file_path"])
                return self.reply(200, {"ok": True})
            if what == "edits":
                return self.reply(200, {"ok": True, "result": edits})
            if what == "downloads":
                return self.reply(200, {"ok": True, "result": downloads})
            if what == "pushed":
                return self.reply(200, {"ok": True, "result": {str(k): v for k, v in pushed.items()}})
            if what == "foreign_poller":
                polling[0] += 1

                def release(seconds=float(p.get("seconds", 5))):
                    time.sleep(seconds)
                    with lock:
                        polling[0] -= 1
                threading.Thread(target=release, daemon=True).start()
                return self.reply(200, {"ok": True})
        self.reply(404, {"ok": False})

    # --- Bot API methods -------------------------------------------------------------------
    def api_getMe(self, p):
        return ok({"id": int(TOKEN.split(":")[0]), "is_bot": True, "first_name": "Triage", "username": "triage_test_bot"})

    def api_deleteWebhook(self, p):
        return ok(True)

    def api_getUpdates(self, p):
        offset = int(p.get("offset", 0) or 0)
        timeout = min(int(p.get("timeout", 0) or 0), 50)
        limit = int(p.get("limit", 100) or 100)
        with lock:
            if polling[0] > 0:
                return err(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
            polling[0] += 1
            try:
                if offset:
                    confirmed[0] = max(confirmed[0], offset - 1)
                    updates[:] = [u for u in updates if u["update_id"] >= offset]
                deadline = time.time() + timeout
                while True:
                    ready = [u for u in updates if u["update_id"] >= offset][:limit]
                    if ready or time.time() >= deadline:
                        return ok(ready)
                    lock.wait(max(0.0, deadline - time.time()))
            finally:
                polling[0] -= 1

    def api_sendMessage(self, p):
        with lock:
            chat_id = int(p["chat_id"])
            if throttle["count"] > 0:
                throttle["count"] -= 1
                return err(429, "Too Many Requests: retry after %d" % throttle["retry_after"],
                           parameters={"retry_after": throttle["retry_after"]})
            if chat_id in blocked:
                return err(403, "Forbidden: bot was blocked by the user")
            text = p.get("text", "")
            if not text or len(text) > 4096:
                return err(400, "Bad Request: message text is empty or too long")
            if p.get("parse_mode") == "HTML" and not valid_html(text):
                return err(400, "Bad Request: can't parse entities: unsupported start tag")
            message_ids[0] += 1
            msg = {"message_id": message_ids[0], "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "text": text}
            if "reply_markup" in p:
                msg["reply_markup"] = p["reply_markup"]
            sent.append(dict(p, message_id=message_ids[0], at=time.time()))
            return ok(msg)

    def api_getFile(self, p):
        fid = p.get("file_id", "")
        path = "files/" + fid
        if path not in files:
            return err(400, "Bad Request: invalid file_id")
        if len(files[path]) > 20 * 1024 * 1024:
            return err(400, "Bad Request: file is too big")
        return ok({"file_id": fid, "file_unique_id": "u" + fid, "file_size": len(files[path]), "file_path": path})

    def api_answerCallbackQuery(self, p):
        if not p.get("callback_query_id"):
            return err(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        with lock:
            answers.append(dict(p, at=time.time()))
        return ok(True)

    def api_editMessageReplyMarkup(self, p):
        if not p.get("chat_id") or not p.get("message_id"):
            return err(400, "Bad Request: message to edit not found")
        with lock:
            edits.append(p)
        return ok(True)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("listening on %d" % server.server_address[1], flush=True)
server.serve_forever()
