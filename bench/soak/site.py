#!/usr/bin/env python3
"""The soak's demo website: a small company's 20-page WordPress-looking site with the usual weaknesses, and
two hostile pages linked from it (a gzip bomb and a page of several MB), served on one loopback address.

    site.py ROOT HOST   generates the site under ROOT, serves it on HOST at a free port, prints the port

Weaknesses planted: plain http, no security headers, no security.txt, an unsupported WordPress (4.9) and old
jQuery, third-party scripts, a contact form posting to another origin. Other hosts named in the pages are under
.test (RFC 6761): nothing resolves them, and the namespace the soak runs in has no route out anyway.
"""
import gzip
import http.server
import os
import socketserver
import sys

ROOT, HOST = sys.argv[1], sys.argv[2]
PAGES = 20
BOMB_MB = 256   # what the gzip bomb inflates to
BIG_MB = int(os.environ.get("SOAK_BIG_MB", "6"))   # the oversized page, sent as it is (0: an ordinary news page)

NAV = "".join(f'<li><a href="/page{i}/">ページ{i}</a></li>' for i in range(1, PAGES - 3)) \
    + '<li><a href="/catalog/">カタログ</a></li><li><a href="/news/archive/">お知らせ一覧</a></li>' \
    + '<li><a href="/bomb/">製品カタログ（圧縮版）</a></li>'
TEXT = "".join("<p>山田精工株式会社は東大阪市で精密部品の加工を行う町工場です。試作・小ロットもお気軽にご相談ください。</p>"
               for _ in range(40))
FORM = ('<form action="http://forms.example.test/yamada/contact" method="post"><label>お名前 <input name="name"></label>'
        '<label>メール <input name="email" type="email"></label><textarea name="body"></textarea>'
        '<button>送信</button></form>')


def page(path, title, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>{title} | 山田精工株式会社</title>
<meta name="generator" content="WordPress 4.9.8">
<link rel="stylesheet" href="/wp-includes/css/dist/block-library/style.min.css?ver=4.9.8">
<script src="/wp-includes/js/jquery/jquery.js?ver=1.12.4"></script>
<script async src="https://analytics.example.test/gtag/js?id=G-ABC"></script>
<script src="https://cdn.example.test/slider/1.2/slider.min.js"></script>
</head><body><header><nav><ul>{NAV}</ul></nav></header><main><h1>{title}</h1>{body}</main>
<footer><p>〒577-0065 大阪府東大阪市高井田1-2-3 TEL 06-1234-5678</p><p>&copy; 2026 Yamada Seiko</p></footer></body></html>
""")


def generate():
    page(f"{ROOT}/index.html", "ホーム", TEXT + "<ul>" + NAV + "</ul>")
    for i in range(1, PAGES - 3):
        page(f"{ROOT}/page{i}/index.html", f"ページ{i}", TEXT + (FORM if i == 1 else ""))
    page(f"{ROOT}/catalog/index.html", "カタログ", TEXT)
    # several MB of markup: the patrol must read only what it caps, and keep going
    os.makedirs(f"{ROOT}/news/archive", exist_ok=True)
    with open(f"{ROOT}/news/archive/index.html", "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>お知らせ一覧</title></head><body>')
        row = "<div class=\"news\"><a href=\"/page2/\">新しい設備を導入しました</a><span>2026-01-01</span></div>\n"
        f.write(row * (max(BIG_MB * 1024 * 1024, 40 * 1024) // len(row.encode())))
        f.write("</body></html>")
    os.makedirs(f"{ROOT}/wp-includes/js/jquery", exist_ok=True)
    with open(f"{ROOT}/wp-includes/js/jquery/jquery.js", "w") as f:
        f.write("/*! jQuery v1.12.4 | (c) jQuery Foundation | jquery.org/license */" + ";" * 90000)
    os.makedirs(f"{ROOT}/wp-includes/css/dist/block-library", exist_ok=True)
    with open(f"{ROOT}/wp-includes/css/dist/block-library/style.min.css", "w") as f:
        f.write("body{margin:0}" * 2000)
    # a gzip bomb: small on the wire, BOMB_MB once inflated
    with gzip.open(f"{ROOT}/bomb.gz", "wb", compresslevel=9) as f:
        f.write(b"<!DOCTYPE html><html><head><title>catalog</title></head><body><p>")
        zeros = b"\0" * (1024 * 1024)
        for _ in range(BOMB_MB):
            f.write(zeros)


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def do_GET(self):
        if self.path.split("?")[0] in ("/bomb/", "/bomb"):
            body = open(f"{ROOT}/bomb.gz", "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


generate()
server = Server((HOST, 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
