#!/usr/bin/env python3
"""Opens a page in headless Chromium, puts files in its file inputs, clicks a
button, waits for the page to say it is done, and prints what a person would
see: the text of a table's rows, an element's text, the console errors, and
a PNG screenshot. Speaks the DevTools protocol over a pipe (no extra package).

usage: upload-and-render.py URL --file '#structures=/tmp/s.csv' [--file …]
       --click '#valider' --done 'document.body.dataset.etat === "fini"'
       --rows '#erreurs tbody tr' --text '#resume' --screenshot out.png
Prints one JSON object on standard output."""
import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("chromium is not installed (scripts/setup installs the Debian package 'chromium')")
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def wire():
            # Chromium reads commands on fd 3 and writes answers on fd 4; the
            # pipe ends are first moved above 10 so that neither overwrites the other
            reading = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            writing = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--window-size=1280,900",
             f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire,
            stdout=subprocess.DEVNULL, stderr=(None if os.environ.get("CHROMIUM_LOG") else subprocess.DEVNULL))
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.time() < deadline:
            event = self.read()
            self.events.append(event)
            if event.get("method") == method:
                return event
        raise TimeoutError(method)

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--file", action="append", default=[], help="SELECTOR=PATH of a file input and the file to put in it")
    parser.add_argument("--click", help="selector of the element to click once the files are in")
    parser.add_argument("--done", default="true", help="JavaScript expression, true when the page is done")
    parser.add_argument("--rows", help="selector of the table rows to print (each as its cells' texts)")
    parser.add_argument("--text", action="append", default=[], help="selector of an element whose text to print")
    parser.add_argument("--screenshot", help="where to write the PNG")
    parser.add_argument("--timeout", type=float, default=30)
    arguments = parser.parse_args()

    browser = Browser()
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "DOM"):
            browser.send(f"{domain}.enable", session=session)
        browser.send("Page.navigate", {"url": arguments.url}, session=session)
        browser.wait_event("Page.loadEventFired", timeout=arguments.timeout)

        def evaluate(expression):
            result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                                  session=session)
            if "exceptionDetails" in result:
                raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
            return result["result"].get("value")

        root = browser.send("DOM.getDocument", session=session)["root"]["nodeId"]
        for pair in arguments.file:
            selector, path = pair.split("=", 1)
            node = browser.send("DOM.querySelector", {"nodeId": root, "selector": selector}, session=session)["nodeId"]
            browser.send("DOM.setFileInputFiles", {"nodeId": node, "files": [os.path.abspath(path)]}, session=session)
        if arguments.click:
            evaluate(f"document.querySelector({json.dumps(arguments.click)}).click()")
        deadline = time.time() + arguments.timeout
        done = False
        while time.time() < deadline and not done:
            done = bool(evaluate(arguments.done))
            if not done:
                time.sleep(0.1)
        output = {"done": done, "title": evaluate("document.title")}
        if arguments.rows:
            output["rows"] = evaluate(
                f"[...document.querySelectorAll({json.dumps(arguments.rows)})].map(r => [...r.cells].map(c => c.textContent))")
        output["texts"] = {selector: evaluate(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent ?? null")
                           for selector in arguments.text}
        output["dom"] = evaluate("document.documentElement.outerHTML")
        if arguments.screenshot:
            shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session)
            with open(arguments.screenshot, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
        errors = []
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        output["console_errors"] = errors
        print(json.dumps(output, ensure_ascii=False))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
