#!/usr/bin/env python3
"""Drives headless chromium through the DevTools protocol on a pipe, for the web view's tests.

    browser.py BASE STEPS.json

STEPS is a list of steps run in order in one browser tab (one cookie jar):
  {"open": "/path"}                         navigate and wait for the page to load
  {"fill": {"user": "ann", "password": "…"}, "submit": "form.login"}
                                            set form fields by name and submit the form,
                                            then wait for the next page to load
  {"dump": "name"}                          record the page's URL, status and DOM as `name`
  {"screenshot": "file.png"}                write a PNG of the current page, 1280 px wide

Prints one JSON object: {"name": {"url": …, "status": …, "html": …}, …}. The DOM is read
through the DOM domain (no script runs in the page); filling a form uses Runtime.evaluate,
which the page's Content-Security-Policy does not govern (it is the browser's own, as a user
typing would be). chromium's --remote-debugging-pipe reads commands on fd 3 and writes
answers on fd 4, each a JSON text ended by a NUL byte.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="chipwatch-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():
            # fds 3 and 4 in the child, whatever numbers the pipes got here.
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--user-data-dir=" + self.profile, "about:blank"],
            # fds above 2 are closed after preexec_fn unless kept: keep 3 and 4 (what wire made).
            preexec_fn=wire, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.seen = []  # every message read, for the error a failing step reports
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Network.enable", session=True)

    def send(self, method, params, session):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(message)
        self.seen.append(message)
        return message

    def call(self, method, params=None, session=False, timeout=20):
        wanted = self.send(method, params, session)
        deadline = time.time() + timeout
        while True:
            message = self.read(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def wait_load(self, timeout=20):
        """Waits for Page.loadEventFired; returns the main document's last HTTP status."""
        deadline = time.time() + timeout
        status = None
        while True:
            for message in self.events:
                if message.get("method") == "Network.responseReceived" and message["params"].get("type") == "Document":
                    status = message["params"]["response"]["status"]
                if message.get("method") == "Page.loadEventFired":
                    self.events = []
                    return status
            self.events = []
            self.events.append(self.read(deadline))

    def dump(self):
        root = self.call("DOM.getDocument", {"depth": 0}, session=True)["root"]
        html = self.call("DOM.getOuterHTML", {"nodeId": root["nodeId"]}, session=True)["outerHTML"]
        history = self.call("Page.getNavigationHistory", session=True)
        url = history["entries"][history["currentIndex"]]["url"]
        return url, html

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        subprocess.run(["rm", "-rf", self.profile])


def describe(message):
    """A DevTools message in a few words: its method, and why a load failed."""
    params = message.get("params", {})
    return " ".join(str(part) for part in (message.get("method") or message.get("id"), params.get("errorText"),
                                           params.get("blockedReason"), params.get("request", {}).get("url")) if part)


def run_step(browser, base, step, status, out):
    """Runs one step; returns the main document's HTTP status after it."""
    if "open" in step:
        browser.events = []
        browser.call("Page.navigate", {"url": base + step["open"]}, session=True)
        return browser.wait_load()
    if "fill" in step:
        script = "".join("document.querySelector(%s).elements[%s].value = %s;" % (
            json.dumps(step["submit"]), json.dumps(name), json.dumps(value)) for name, value in step["fill"].items())
        script += "document.querySelector(%s).submit();" % json.dumps(step["submit"])
        browser.events = []
        browser.call("Runtime.evaluate", {"expression": script}, session=True)
        return browser.wait_load()
    if "screenshot" in step:
        # A PNG of the page as laid out at 1280 px wide (the README's screenshot).
        browser.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                     session=True)
        shot = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)
        with open(step["screenshot"], "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        return status
    if "dump" in step:
        url, html = browser.dump()
        out[step["dump"]] = {"url": url, "status": status, "html": html}
    return status


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    base, steps = argv[1], json.load(open(argv[2], encoding="utf-8"))
    browser = Browser()
    out = {}
    status = None
    try:
        for number, step in enumerate(steps):
            try:
                status = run_step(browser, base, step, status, out)
            except Exception as error:
                # Which step, and what chromium said last, so a failure in a test log can be read.
                raise RuntimeError("step %d %s: %s; last messages: %s" % (
                    number, json.dumps(step), error, [describe(m) for m in browser.seen[-8:]])) from error
    finally:
        browser.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
