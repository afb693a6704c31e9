#!/usr/bin/python3
"""Decodes one stored message (a .eml written by smtp_sink.py) with Python's own `email`
package and prints JSON, so tests can compare what a real mail reader would show
instead of the bytes on the wire.

    /usr/bin/python3 tests/smtp/decode_eml.py FILE.eml

Prints one JSON object:
    "subject"          decoded Subject (RFC 2047 words joined), or null
    "from", "to", "cc", "sender"
                       lists of {"name": decoded display name, "email": addr-spec}
    "raw"              {header name as written: unfolded raw value} for every header
                       (the last one wins if a name repeats; "header_count" tells)
    "header_count"     {lowercased header name: how many times it appears}
    "structure"        content types as a tree: "multipart/mixed(multipart/alternative(
                       text/plain,text/html),application/pdf)"
    "parts"            leaf parts in order: {"content_type", "charset",
                       "transfer_encoding", "disposition", "filename" (decoded, RFC 2231),
                       "text" (text/* only, decoded to a string), "base64" (the decoded
                       bytes, base64-encoded, for every part)}
    "defects"          every defect the parser noted, as strings ("" none)
    "max_line_length"  longest line on the wire, CRLF excluded
    "ascii_only"       true if every byte of the file is 7-bit
"""

import base64
import email
import email.policy
import json
import sys


def addresses(header):
    if header is None:
        return []
    return [{"name": a.display_name, "email": a.addr_spec} for a in header.addresses]


def structure(part):
    ct = part.get_content_type()
    if part.is_multipart():
        return ct + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"
    return ct


def main():
    raw = open(sys.argv[1], "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    compat = email.message_from_bytes(raw, policy=email.policy.compat32)

    defects = [repr(d) for d in msg.defects]
    for name, value in msg.items():
        defects += ["%s: %r" % (name, d) for d in getattr(value, "defects", ())]

    parts = []
    for part in msg.walk():
        defects += [repr(d) for d in part.defects]
        if part.is_multipart():
            continue
        for name, value in part.items():
            defects += ["%s: %r" % (name, d) for d in getattr(value, "defects", ())]
        payload = part.get_payload(decode=True) or b""
        entry = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "base64": base64.b64encode(payload).decode("ascii"),
        }
        if part.get_content_maintype() == "text":
            entry["text"] = part.get_content()
        parts.append(entry)

    raw_headers, counts = {}, {}
    for name, value in compat.items():
        raw_headers[name] = value.replace("\r\n", "").replace("\n", "")
        counts[name.lower()] = counts.get(name.lower(), 0) + 1

    lines = raw.split(b"\r\n")
    out = {
        "subject": str(msg["Subject"]) if msg["Subject"] is not None else None,
        "from": addresses(msg["From"]),
        "to": addresses(msg["To"]),
        "cc": addresses(msg["Cc"]),
        "sender": addresses(msg["Sender"]),
        "raw": raw_headers,
        "header_count": counts,
        "structure": structure(msg),
        "parts": parts,
        "defects": defects,
        "max_line_length": max(len(line) for line in lines),
        "ascii_only": all(b < 0x80 for b in raw),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
