#!/usr/bin/env python3
"""Seeds a freshly started console through its API as its operator would: a chamber, a member company with
its website, and an enrollment token for the company's box. Prints the token.

    seed.py CONSOLE_URL INITIAL_ADMIN_PASSWORD_FILE SITE_URL
"""
import http.cookiejar
import json
import sys
import urllib.request

base, password_file, site = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
email, password = open(password_file, encoding="utf-8").read().split("\n")[:2]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
csrf = None


def call(path, body):
    headers = {"Content-Type": "application/json"}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with opener.open(req, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit(f"seed: POST {path} answered {e.code}: {e.read().decode(errors='replace')}")


csrf = call("/api/v1/auth/login", {"email": email, "password": password})["csrfToken"]
chamber = call("/api/v1/chambers", {"slug": "soak-cci", "name": "ソーク商工会議所"})["id"]
sme = call("/api/v1/smes", {"chamberId": chamber, "name": "山田精工株式会社", "website": site})["id"]
print(call(f"/api/v1/smes/{sme}/enrollment-tokens", {})["token"])
