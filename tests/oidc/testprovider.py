#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small, standards-conforming OpenID Connect provider for the school sign-in tests (#15).

Built on Authlib (Debian python3-authlib): its JOSE implementation makes the RS256 keys (generated
at start), the JWKS and the signed ID tokens, and its RFC 7636 helper checks PKCE (S256) at the
token endpoint. Listens on 127.0.0.1 (a free port unless --port) and prints "LISTENING <port>".

Endpoints: /.well-known/openid-configuration, /jwks, /authorize (authorization code flow; it
signs in, without asking, the user named by login_hint, with the name in test_name and the groups
in test_groups, comma-separated), /token (client_secret_basic or client_secret_post, PKCE
required), /stats.

test_mode on /authorize makes that one sign-in misbehave, for the refusal tests:
  deny            redirect back with error=access_denied
  bad_signature   the ID token's signature is altered
  wrong_aud       the ID token is for another client
  wrong_iss       the ID token names another issuer
  expired         the ID token expired an hour ago
  wrong_nonce     the ID token carries another nonce
  new_key         signed with a second key that the JWKS only lists from then on (key rotation)
  slow            the token endpoint answers only after 4 seconds
"""
import argparse
import base64
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit, unquote

from authlib.jose import JsonWebKey, JsonWebToken
from authlib.oauth2.rfc7636 import create_s256_code_challenge

MODES = {"", "deny", "bad_signature", "wrong_aud", "wrong_iss", "expired", "wrong_nonce", "new_key",
         "slow"}


class Provider:
    def __init__(self, client_id, client_secret):
        self.client_id = client_id
        self.client_secret = client_secret
        self.issuer = None
        self.lock = threading.Lock()
        self.codes = {}
        self.keys = [JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "key-1"})]
        self.next_key = JsonWebKey.generate_key("RSA", 2048, is_private=True,
                                                options={"kid": "key-2"})
        self.jwt = JsonWebToken(["RS256"])
        self.stats = {"jwks": 0, "discovery": 0, "token": 0, "authorize": 0}

    def jwks(self):
        with self.lock:
            keys = list(self.keys)
        listed = []
        for key in keys:
            public = key.as_dict(is_private=False)
            public.update({"use": "sig", "alg": "RS256", "kid": key.kid})
            listed.append(public)
        return {"keys": listed}

    def id_token(self, grant):
        now = int(time.time())
        mode = grant["mode"]
        user = grant["user"]
        claims = {
            "iss": "https://evil.example" if mode == "wrong_iss" else self.issuer,
            "sub": "sub-" + user["login"],
            "aud": "someone-else" if mode == "wrong_aud" else self.client_id,
            "iat": now - 7200 if mode == "expired" else now,
            "exp": now - 3600 if mode == "expired" else now + 300,
            "nonce": "not-the-nonce" if mode == "wrong_nonce" else grant["nonce"],
            "preferred_username": user["login"],
            "name": user["name"],
            "groups": user["groups"],
        }
        if mode == "new_key":
            with self.lock:
                if self.next_key not in self.keys:
                    self.keys.append(self.next_key)
            key = self.next_key
        else:
            key = self.keys[0]
        token = self.jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, claims,
                                key).decode()
        if mode == "bad_signature":
            head, body, signature = token.split(".")
            raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
            raw[len(raw) // 2] ^= 0x01
            token = ".".join([head, body,
                              base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")])
        return token


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    provider = None  # set before serving

    def log_message(self, fmt, *args):  # quiet: the tests read stdout for LISTENING only
        pass

    def send_json(self, status, body, extra=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        p = self.provider
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            p.stats["discovery"] += 1
            return self.send_json(200, {
                "issuer": p.issuer,
                "authorization_endpoint": p.issuer + "/authorize",
                "token_endpoint": p.issuer + "/token",
                "jwks_uri": p.issuer + "/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                          "client_secret_post"],
                "scopes_supported": ["openid", "profile"],
            })
        if url.path == "/jwks":
            p.stats["jwks"] += 1
            return self.send_json(200, p.jwks())
        if url.path == "/stats":
            return self.send_json(200, p.stats)
        if url.path == "/authorize":
            return self.authorize(query)
        return self.send_json(404, {"error": "not_found"})

    def authorize(self, query):
        p = self.provider
        p.stats["authorize"] += 1
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != p.client_id or not redirect_uri:
            return self.send_json(400, {"error": "invalid_request",
                                        "error_description": "unknown client or redirect_uri"})
        state = query.get("state", "")
        back = redirect_uri + ("&" if "?" in redirect_uri else "?")
        mode = query.get("test_mode", "")
        problem = None
        if query.get("response_type") != "code":
            problem = "unsupported_response_type"
        elif "openid" not in query.get("scope", "").split():
            problem = "invalid_scope"
        elif query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            problem = "invalid_request"
        elif not query.get("login_hint") or mode not in MODES:
            problem = "login_required"
        elif mode == "deny":
            problem = "access_denied"
        if problem:
            return self.redirect(back + urlencode({"error": problem, "state": state}))
        login = query["login_hint"]
        groups = [g for g in query.get("test_groups", "").split(",") if g]
        code = secrets.token_urlsafe(24)
        with p.lock:
            p.codes[code] = {
                "redirect_uri": redirect_uri,
                "challenge": query["code_challenge"],
                "nonce": query.get("nonce", ""),
                "mode": mode,
                "expires": time.time() + 60,
                "user": {"login": login, "name": query.get("test_name", login), "groups": groups},
            }
        self.redirect(back + urlencode({"code": code, "state": state}))

    def client_authenticated(self, form):
        p = self.provider
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            raw = base64.b64decode(header[6:]).decode()
            client_id, _, secret = raw.partition(":")
            client_id, secret = unquote(client_id), unquote(secret)
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        if client_id != p.client_id:
            return False
        return not p.client_secret or secrets.compare_digest(secret, p.client_secret)

    def do_POST(self):
        p = self.provider
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode()
        if urlsplit(self.path).path != "/token":
            return self.send_json(404, {"error": "not_found"})
        p.stats["token"] += 1
        form = {k: v[0] for k, v in parse_qs(raw).items()}
        if not self.client_authenticated(form):
            return self.send_json(401, {"error": "invalid_client"},
                                  {"WWW-Authenticate": "Basic"})
        if form.get("grant_type") != "authorization_code":
            return self.send_json(400, {"error": "unsupported_grant_type"})
        with p.lock:
            grant = p.codes.pop(form.get("code", ""), None)  # one use
        if (grant is None or grant["expires"] < time.time()
                or grant["redirect_uri"] != form.get("redirect_uri")):
            return self.send_json(400, {"error": "invalid_grant"})
        verifier = form.get("code_verifier", "")
        # RFC 7636 4.6, by Authlib's helper.
        if not verifier or create_s256_code_challenge(verifier) != grant["challenge"]:
            return self.send_json(400, {"error": "invalid_grant",
                                        "error_description": "PKCE verification failed"})
        if grant["mode"] == "slow":
            time.sleep(4)
        self.send_json(200, {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer",
                             "expires_in": 300, "id_token": p.id_token(grant)})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--client-id", default="blockhaus")
    parser.add_argument("--client-secret", default="")
    args = parser.parse_args()
    provider = Provider(args.client_id, args.client_secret)
    Handler.provider = provider
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    provider.issuer = "http://127.0.0.1:%d" % server.server_address[1]
    print("LISTENING %d" % server.server_address[1], flush=True)
    # Ends with the test: a closed standard input (the test process went away) stops it too.
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
