#!/usr/bin/python3
"""SMTP sink for Retorno's tests: accepts mail and stores it, so tests read what was
really sent over the wire.

Run it with Debian's interpreter (it needs the python3-aiosmtpd package, installed by
`scripts/install-deps.sh --test`):

    /usr/bin/python3 tests/smtp/smtp_sink.py --port P --dir D [options]

Options (this command line is used by the C++, Node and other tests: keep it stable,
add only optional flags):

    --port P              TCP port to listen on (required). Use an unusual free port.
    --dir D               folder to store messages in (required; created if missing).
    --host H              address to listen on; default 127.0.0.1.
    --fail-rcpt ADDR      RCPT TO:<ADDR> answers "550 5.1.1 user unknown" (permanent).
                          Repeatable. Addresses compare case-insensitively.
    --tempfail-rcpt ADDR  RCPT TO:<ADDR> answers "450 4.2.1 mailbox busy, try again
                          later" (transient). Repeatable.
    --session-limit N     a connection that has carried N messages answers the next MAIL
                          with "421 4.7.0 too many messages in this session" (as some
                          providers do), so a client must go on over a new connection.
    --auth USER:PASS      offer AUTH PLAIN/LOGIN without TLS and require it: MAIL before
                          a successful AUTH answers 530, wrong credentials answer 535.

Output: each accepted message n = 1, 2, 3... (in order of acceptance) becomes
    D/<n>.eml   the message bytes exactly as received in DATA (CRLF line ends, SMTP
                dot-stuffing undone, nothing added or decoded);
    D/<n>.json  {"mail_from": "a@b", "rcpt_tos": ["c@d", ...], "peer_port": P}, the SMTP
                envelope and the client's port (one per connection: messages sent over
                one connection share it).
Both are written to a temporary name and renamed; <n>.json is renamed last, so once it
exists <n>.eml is complete. Both exist before the client gets "250" for its DATA.

The sink prints "ready" (one line, flushed) on stdout once it is listening, and exits
with status 0 on SIGTERM or SIGINT. It exits with status 2 and a message on stderr if
python3-aiosmtpd is missing or the port cannot be bound.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import warnings

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    sys.stderr.write(
        "smtp_sink.py: the Python module aiosmtpd is missing; install Debian's "
        "python3-aiosmtpd (scripts/install-deps.sh --test) and run this script with "
        "/usr/bin/python3\n")
    sys.exit(2)


class StoringHandler:
    def __init__(self, directory, fail_rcpt, tempfail_rcpt, session_limit=0):
        self.directory = directory
        self.session_limit = session_limit
        self.fail_rcpt = fail_rcpt
        self.tempfail_rcpt = tempfail_rcpt
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        carried = getattr(session, "retorno_messages", 0)
        if self.session_limit and carried >= self.session_limit:
            return "421 4.7.0 too many messages in this session"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.fail_rcpt:
            return "550 5.1.1 user unknown"
        if address.lower() in self.tempfail_rcpt:
            return "450 4.2.1 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # One event loop thread: the counter needs no lock.
        self.count += 1
        n = self.count
        session.retorno_messages = getattr(session, "retorno_messages", 0) + 1
        self._write(f"{n}.eml", envelope.original_content)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                "peer_port": session.peer[1] if session.peer else None}
        self._write(f"{n}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return "250 2.0.0 OK stored as %d" % n

    def _write(self, name, data):
        final = os.path.join(self.directory, name)
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, final)


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode("utf-8")
              and auth_data.password == password.encode("utf-8"))
        # handled=False: aiosmtpd then answers "535 5.7.8 Authentication credentials
        # invalid" itself; the default (True) would leave the client waiting.
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return authenticate


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = StoringHandler(args.dir,
                             {a.lower() for a in args.fail_rcpt},
                             {a.lower() for a in args.tempfail_rcpt},
                             args.session_limit)
    smtp_options = {"hostname": "retorno-smtp-sink"}
    if args.auth is not None:
        user, sep, password = args.auth.partition(":")
        if not sep:
            sys.stderr.write("smtp_sink.py: --auth wants USER:PASS\n")
            sys.exit(2)
        smtp_options.update(authenticator=make_authenticator(user, password),
                            auth_required=True, auth_require_tls=False)
        # AUTH without TLS is the point of this test server, not a mistake; keep the
        # test output free of aiosmtpd's warnings about it.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
        logging.getLogger("mail.log").setLevel(logging.ERROR)

    loop = asyncio.get_running_loop()
    try:
        server = await loop.create_server(lambda: SMTP(handler, **smtp_options),
                                          host=args.host, port=args.port)
    except OSError as e:
        sys.stderr.write(f"smtp_sink.py: cannot listen on {args.host}:{args.port}: {e}\n")
        sys.exit(2)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description="SMTP sink for tests (see the top of the file)")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--fail-rcpt", action="append", default=[], metavar="ADDR")
    parser.add_argument("--tempfail-rcpt", action="append", default=[], metavar="ADDR")
    parser.add_argument("--session-limit", type=int, default=0, metavar="N")
    parser.add_argument("--auth", metavar="USER:PASS")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
