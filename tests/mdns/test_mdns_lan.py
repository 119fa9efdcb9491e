#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Blockhaus found by name on a LAN of its own (#16).

Builds two network namespaces joined by a veth pair -- a teacher's computer (10.253.0.1) and a
student's (10.253.0.2), with no route anywhere else, so no test packet leaves this machine -- and
runs the real blockhaus binary in the first. From the second it checks, with hand-made DNS
messages (standard library only):
  * a plain resolver's question for blockhaus.local gets 10.253.0.1 (RFC 6762 section 6.7), and
    http://blockhaus.local:PORT then answers /api/v1/status from that address;
  * DNS-SD browsing (_http._tcp.local PTR -> SRV/TXT/A) finds the service on the right port;
  * when another computer already answers for blockhaus.local, Blockhaus takes blockhaus-2.local;
  * stopping Blockhaus (SIGTERM) says goodbye: the name is announced with TTL 0.
Needs root (network namespaces); tools/test.sh and CI run as root.
Usage: test_mdns_lan.py BLOCKHAUS_BINARY
"""
import ctypes
import json
import os
import queue
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

MDNS_GROUP = "224.0.0.251"
SERVER_IP = "10.253.0.1"
CLIENT_IP = "10.253.0.2"
PORT = 8601
TIMEOUT_S = 20.0
CLONE_NEWNET = 0x40000000
TYPE_A, TYPE_PTR, TYPE_TXT, TYPE_SRV, TYPE_ANY = 1, 12, 16, 33, 255


def run(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True, timeout=60)


def encode_name(name):
    out = b""
    for label in name.split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def query(name, qtype, qid=0, unicast=False):
    header = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0)
    return header + encode_name(name) + struct.pack(">HH", qtype, 1 | (0x8000 if unicast else 0))


def read_name(data, pos):
    labels, jumps, end = [], 0, None
    while True:
        length = data[pos]
        if length == 0:
            return ".".join(labels), (end if end is not None else pos + 1)
        if length & 0xC0 == 0xC0:
            if end is None:
                end = pos + 2
            pos = ((length & 0x3F) << 8) | data[pos + 1]
            jumps += 1
            assert jumps < 32, "pointer loop"
            continue
        labels.append(data[pos + 1:pos + 1 + length].decode())
        pos += 1 + length


def parse(data):
    qid, flags, qd, an, ns, ar = struct.unpack(">HHHHHH", data[:12])
    pos = 12
    for _ in range(qd):
        _, pos = read_name(data, pos)
        pos += 4
    records = []
    for _ in range(an + ns + ar):
        name, pos = read_name(data, pos)
        rtype, rclass, ttl, length = struct.unpack(">HHIH", data[pos:pos + 10])
        pos += 10
        rdata = data[pos:pos + length]
        record = {"name": name.lower(), "type": rtype, "ttl": ttl}
        if rtype == TYPE_A:
            record["address"] = socket.inet_ntoa(rdata)
        elif rtype == TYPE_PTR:
            record["target"] = read_name(data, pos)[0].lower()
        elif rtype == TYPE_SRV:
            record["port"] = struct.unpack(">H", rdata[4:6])[0]
            record["target"] = read_name(data, pos + 6)[0].lower()
        elif rtype == TYPE_TXT:
            record["texts"], i = [], 0
            while i < len(rdata):
                record["texts"].append(rdata[i + 1:i + 1 + rdata[i]].decode())
                i += 1 + rdata[i]
        records.append(record)
        pos += length
    return {"id": qid, "response": bool(flags & 0x8000), "records": records}


def a_response(name, address):
    header = struct.pack(">HHHHHH", 0, 0x8400, 0, 1, 0, 0)
    return header + encode_name(name) + struct.pack(">HHIH", TYPE_A, 0x8001, 120, 4) + \
        socket.inet_aton(address)


def multicast_socket():
    """A socket on 5353 in the group, as a real mDNS responder or browser has."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("0.0.0.0", 5353))
    membership = socket.inet_aton(MDNS_GROUP) + socket.inet_aton(CLIENT_IP)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(CLIENT_IP))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
    return sock


def receive_until(sock, accept, timeout=TIMEOUT_S):
    """Datagrams until accept(message) returns something; bounded by timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        data, _ = sock.recvfrom(9000)
        try:
            message = parse(data)
        except (AssertionError, IndexError, struct.error, UnicodeDecodeError):
            continue
        found = accept(message)
        if found:
            return found
    raise AssertionError("no matching mDNS message within %.0f s" % timeout)


class Lan:
    def __init__(self):
        tag = str(os.getpid())
        self.server_ns, self.client_ns = "bhmdns-s-" + tag, "bhmdns-c-" + tag
        self.veth_s, self.veth_c = "bhs" + tag[-8:], "bhc" + tag[-8:]

    def __enter__(self):
        run("ip", "netns", "add", self.server_ns)
        run("ip", "netns", "add", self.client_ns)
        run("ip", "link", "add", self.veth_s, "netns", self.server_ns, "type", "veth",
            "peer", "name", self.veth_c, "netns", self.client_ns)
        for ns, dev, ip in ((self.server_ns, self.veth_s, SERVER_IP),
                            (self.client_ns, self.veth_c, CLIENT_IP)):
            run("ip", "-n", ns, "link", "set", "lo", "up")
            run("ip", "-n", ns, "addr", "add", ip + "/24", "dev", dev)
            run("ip", "-n", ns, "link", "set", dev, "multicast", "on", "up")
        return self

    def __exit__(self, *exc):
        run("ip", "netns", "del", self.server_ns, check=False)
        run("ip", "netns", "del", self.client_ns, check=False)

    def enter_client(self):
        """This process continues inside the student's namespace (its sockets live there)."""
        fd = os.open("/run/netns/" + self.client_ns, os.O_RDONLY)
        libc = ctypes.CDLL(None, use_errno=True)  # os.setns is Python 3.12+
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns failed")
        os.close(fd)


class Server:
    def __init__(self, lan, binary, data_dir):
        env = dict(os.environ, BLOCKHAUS_ADMIN_PASSWORD="mdns-test-password-1")
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", lan.server_ns, binary, "--headless", "--listen", "0.0.0.0",
             "--port", str(PORT), "--data-dir", data_dir, "--library-upstream", "none"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines = []
        # A thread reads the output line by line into a queue: select() on a buffered pipe
        # would miss lines already read ahead into Python's buffer.
        self.output = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.output.put(line.rstrip("\n"))
        self.output.put(None)

    def next_line(self, deadline):
        """The next output line, None at its end; raises queue.Empty past the deadline."""
        line = self.output.get(timeout=max(0.0, deadline - time.monotonic()))
        if line is not None:
            self.lines.append(line)
        return line

    def wait_for(self, prefix, timeout=TIMEOUT_S):
        deadline = time.monotonic() + timeout
        try:
            while True:
                line = self.next_line(deadline)
                if line is None:
                    break
                if line.startswith(prefix):
                    return line[len(prefix):].strip()
        except queue.Empty:
            pass
        raise AssertionError("blockhaus did not print %r; it printed:\n%s"
                             % (prefix, "\n".join(self.lines)))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=TIMEOUT_S)
        return self.process.returncode


def check_name_and_service(lan, binary, tmp):
    server = Server(lan, binary, os.path.join(tmp, "one"))
    try:
        server.wait_for("Blockhaus is listening on port")
        url = server.wait_for("Students can also type:")
        assert url == "http://blockhaus.local:%d" % PORT, url

        # A plain resolver (not on port 5353) asks once and gets a unicast answer.
        plain = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        plain.bind((CLIENT_IP, 0))
        plain.sendto(query("blockhaus.local", TYPE_A, qid=0x4242), (MDNS_GROUP, 5353))
        address = receive_until(plain, lambda m: next(
            (r["address"] for r in m["records"]
             if m["id"] == 0x4242 and r["type"] == TYPE_A and r["name"] == "blockhaus.local"),
            None))
        assert address == SERVER_IP, address
        print("ok: blockhaus.local is", address)
        with urllib.request.urlopen("http://%s:%d/api/v1/status" % (address, PORT),
                                    timeout=TIMEOUT_S) as reply:
            status = json.load(reply)
        assert reply.status == 200 and "version" in status, status
        print("ok: http://blockhaus.local:%d/api/v1/status answers" % PORT)

        # A DNS-SD browser on 5353 (multicast answers), as Bonjour and Avahi browse.
        browser = multicast_socket()
        browser.sendto(query("_http._tcp.local", TYPE_PTR), (MDNS_GROUP, 5353))

        def service(message):
            if not message["response"]:
                return None
            by_type = {}
            for record in message["records"]:
                by_type.setdefault(record["type"], []).append(record)
            ptr = [r for r in by_type.get(TYPE_PTR, []) if r["name"] == "_http._tcp.local"]
            srv = by_type.get(TYPE_SRV, [])
            if ptr and srv:
                return ptr[0], srv[0], by_type.get(TYPE_TXT, []), by_type.get(TYPE_A, [])
            return None

        ptr, srv, txt, addresses = receive_until(browser, service)
        assert ptr["target"] == "blockhaus._http._tcp.local", ptr
        assert srv["port"] == PORT and srv["target"] == "blockhaus.local", srv
        assert txt and "path=/" in txt[0]["texts"], txt
        assert [a["address"] for a in addresses] == [SERVER_IP], addresses
        print("ok: DNS-SD finds", ptr["target"], "on port", srv["port"])

        # Stopping says goodbye: the host name with TTL 0.
        assert server.stop() == 0, "blockhaus did not stop cleanly"
        receive_until(browser, lambda m: m["response"] and any(
            r["type"] == TYPE_A and r["name"] == "blockhaus.local" and r["ttl"] == 0
            for r in m["records"]))
        print("ok: goodbye with TTL 0 on stop")
        browser.close()
        plain.close()
    finally:
        server.stop()


def check_conflict(lan, binary, tmp):
    # Another computer on the LAN already is blockhaus.local: it answers every probe for it.
    other = multicast_socket()
    server = Server(lan, binary, os.path.join(tmp, "two"))
    try:
        deadline = time.monotonic() + TIMEOUT_S
        claimed = None
        while claimed is None and time.monotonic() < deadline:
            ready, _, _ = select.select([other], [], [], 0.05)
            if other in ready:
                data, _ = other.recvfrom(9000)
                message = parse(data)
                asked = not message["response"] and b"\tblockhaus\x05local" in data
                if asked:
                    other.sendto(a_response("blockhaus.local", CLIENT_IP), (MDNS_GROUP, 5353))
            while not server.output.empty():
                line = server.next_line(deadline)
                if line is None:
                    break
                # On a busy machine our answer may come after the probes: then Blockhaus
                # claims the name first and moves on once the answer arrives (RFC 6762
                # section 9). What counts is where it ends up.
                if line.startswith("Students can also type:"):
                    name = line.split(":", 1)[1].strip()
                    if name != "http://blockhaus.local:%d" % PORT:
                        claimed = name
        assert claimed == "http://blockhaus-2.local:%d" % PORT, (claimed, server.lines)
        print("ok: with blockhaus.local taken, Blockhaus is", claimed)
    finally:
        server.stop()
        other.close()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("FAIL: network namespaces need root (tools/test.sh and CI run as root)",
              file=sys.stderr)
        return 1
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp, Lan() as lan:
        pid = os.fork()
        if pid == 0:
            # The checks run in a child inside the student's namespace; the parent keeps the
            # host's namespace to delete both afterwards.
            code = 1
            try:
                lan.enter_client()
                check_name_and_service(lan, binary, tmp)
                check_conflict(lan, binary, tmp)
                code = 0
            except Exception as error:  # the child reports, the parent decides
                import traceback
                traceback.print_exc()
                print("FAIL:", error, file=sys.stderr)
            finally:
                sys.stdout.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
