#!/usr/bin/env bash
# Website patrol benchmark: wall time, requests and peak RSS of one check-site patrol of a 20-page site that
# this script serves on loopback (python3 -m http.server). Not part of .ci/run.
#   bench/patrol-bench.sh            # uses agent/target/mamori-agent.jar (built if missing)
# JVM flags are the tuned ones the box uses; override with MAMORI_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent/target/mamori-agent.jar
JAVA_OPTS=${MAMORI_JAVA_OPTS:-"-Xmx64m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=64m"}
command -v python3 >/dev/null || { echo "patrol-bench: python3 is needed to serve the test site" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "patrol-bench: GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 2; }
[ -f "$JAR" ] || mvn -B -q -pl agent -am package -DskipTests

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
site="$work/site"
mkdir -p "$site/.well-known"
printf 'Contact: mailto:security@example.test\nExpires: 2030-01-01T00:00:00Z\n' > "$site/.well-known/security.txt"

page() { # page FILE TITLE BODY
  mkdir -p "$(dirname "$1")"
  cat > "$1" <<HTML
<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>$2 | 山田精工株式会社</title>
<meta name="generator" content="WordPress 6.8.1">
<link rel="stylesheet" href="/wp-includes/css/dist/block-library/style.min.css?ver=6.8.1">
<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto+Sans+JP&display=swap">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());</script>
</head><body><header><nav><ul>$nav</ul></nav></header><main><h1>$2</h1>$3</main>
<footer><p>〒577-0065 大阪府東大阪市高井田1-2-3 TEL 06-1234-5678</p><p>&copy; 2026 Yamada Seiko</p></footer></body></html>
HTML
}
nav=""
for i in $(seq 1 19); do nav="$nav<li><a href=\"/page$i/\">ページ$i</a></li>"; done
text=$(printf '<p>山田精工株式会社は東大阪市で精密部品の加工を行う町工場です。試作・小ロットもお気軽にご相談ください。%.0s</p>' $(seq 1 40))
page "$site/index.html" "ホーム" "$text<ul>$nav</ul>"
for i in $(seq 1 19); do page "$site/page$i/index.html" "ページ$i" "$text"; done
mkdir -p "$site/wp-includes/js/jquery"
head -c 90000 /dev/zero | tr '\0' ';' > "$site/wp-includes/js/jquery/jquery.min.js"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
(cd "$site" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
for _ in $(seq 1 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port/"
run() { # run LABEL
  /usr/bin/time -f "%e %M" -o "$work/time" java $JAVA_OPTS -jar "$JAR" check-site "$url" --state "$work/state" --json \
    > "$work/out.json" 2> "$work/err"
  read -r wall rss < "$work/time"
  requests=$(grep -o '[0-9]* request(s)' "$work/err" | grep -o '^[0-9]*')
  pages=$(grep -o '[0-9]* page view(s)' "$work/err" | grep -o '^[0-9]*')
  printf '%-9s wall %5.2f s   requests %3s   page views %3s   peak RSS %5.1f MiB   findings %s\n' "$1" "$wall" \
    "$requests" "$pages" "$(echo "$rss / 1024" | bc -l)" "$(grep -c '"check"' "$work/out.json" || true)"
}
echo "java: $(java -version 2>&1 | head -1); opts: $JAVA_OPTS"
run baseline
run patrol
run patrol
