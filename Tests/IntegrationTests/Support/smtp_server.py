#!/usr/bin/python3
"""An SMTP server on 127.0.0.1 for chipwatch's notify tests (aiosmtpd, Debian's python3-aiosmtpd).

    smtp_server.py DIR [HOST]

Listens on HOST (default 127.0.0.1; it offers no STARTTLS). Prints "PORT <n>", then writes each message it accepts to DIR/NNN.eml, with the envelope
(MAIL FROM and RCPT TO) in DIR/NNN.json.
"""
import json
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller

OUT = sys.argv[1]


class Handler:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        base = os.path.join(OUT, "%03d" % Handler.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 Message accepted for delivery"


HOST = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    port = free_port()
    controller = Controller(Handler(), hostname=HOST, port=port)
    controller.start()
    print("PORT %d" % port, flush=True)
    while True:
        time.sleep(3600)
