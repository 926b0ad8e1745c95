#!/bin/sh
# Memory and start-up of the agent daemon, idle, under the launcher's JVM flags (installer/bin/mamori-agent)
# compared with a plain `java -jar`. Prints a Markdown table (README: "Installing on a Pi").
#
#   mvn -B -q package -DskipTests && bench/agent-idle-rss.sh [IDLE_SECONDS] [ROUNDS]
#
# The daemon runs with a config whose console is a closed port on the loopback of a network namespace this
# script makes (unshare --user --net: no root needed), so its heartbeats fail at once and nothing leaves the box.
# RSS is read from /proc after IDLE_SECONDS (default 30); the median of ROUNDS (default 3) runs is shown.
set -eu
cd "$(dirname "$0")/.."

if [ "${MAMORI_BENCH_IN_NETNS:-}" != 1 ]; then
  MAMORI_BENCH_IN_NETNS=1 exec unshare --user --map-root-user --net sh -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi

idle=${1:-30}
rounds=${2:-3}
jar=agent/target/mamori-agent.jar
classlist=installer/target/cds/mamori-agent.classlist
for f in "$jar" "$classlist"; do
  [ -f "$f" ] || { echo "missing $f: run mvn -B -q package -DskipTests first" >&2; exit 1; }
done
java=java
for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
  [ -x "$candidate" ] && java=$candidate && break
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MAMORI_USER=root
# as installed (local pages on, here on a free loopback port), but no sites and no LAN scope: nothing to check
printf 'console.url=http://127.0.0.1:9/\nbox.id=bench\nbox.credential=bench\ndata.dir=%s/data\nlocal.host=127.0.0.1\nlocal.port=0\n' \
  "$work" > "$work/agent.conf"
# the archive the package's postinst makes, made the same way
MAMORI_CDS_ARCHIVE=none MAMORI_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$classlist -XX:SharedArchiveFile=$work/agent.jsa" \
  installer/bin/mamori-agent >/dev/null 2>&1

# one round: prints "rss_kib hwm_kib anon_kib ready_ms cpu_ms" of `run` after $idle seconds
measure() {
  rm -rf "$work/data" "$work/log"
  : > "$work/log"
  start=$(date +%s%N)
  "$@" run --config "$work/agent.conf" >> "$work/log" 2>&1 &
  pid=$!
  until grep -q ' running: ' "$work/log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep "$idle"
  set -- $(awk '/^VmRSS|^VmHWM|^RssAnon/ {print $2}' "/proc/$pid/status") \
    $(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  # VmHWM VmRSS RssAnon come in that order in /proc/PID/status
  echo "$2 $1 $3 $ready $4"
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

row() {
  label=$1
  shift
  : > "$work/rounds"
  i=0
  while [ $i -lt "$rounds" ]; do
    measure "$@" >> "$work/rounds"
    i=$((i + 1))
  done
  rss=$(cut -d' ' -f1 "$work/rounds" | median)
  hwm=$(cut -d' ' -f2 "$work/rounds" | median)
  anon=$(cut -d' ' -f3 "$work/rounds" | median)
  ready=$(cut -d' ' -f4 "$work/rounds" | median)
  cpu=$(cut -d' ' -f5 "$work/rounds" | median)
  printf '| %s | %d | %d | %d | %d | %d |\n' "$label" $((rss / 1024)) $((hwm / 1024)) $((anon / 1024)) "$ready" "$cpu"
}

# peak RSS of `--version` (a JVM that starts, prints and exits), median of $rounds, in MiB
version_peak() {
  : > "$work/rounds"
  i=0
  while [ $i -lt "$rounds" ]; do
    /usr/bin/time -f %M -o "$work/time" "$@" --version >/dev/null
    cat "$work/time" >> "$work/rounds"
    i=$((i + 1))
  done
  echo $(($(median < "$work/rounds") / 1024))
}

echo "agent idle ${idle} s, median of $rounds, $("$java" -version 2>&1 | head -1), $(uname -m), $(nproc) CPUs"
echo
if [ -x /usr/bin/time ]; then
  echo "| \`mamori-agent --version\`, peak RSS MiB | plain \`java -jar\` | plain, as on a 512 MB Pi | launcher | launcher + archive |"
  echo "|---|---|---|---|---|"
  echo "| | $(version_peak "$java" -jar "$jar") | $(version_peak "$java" -XX:MaxRAM=512m -XX:+UseSerialGC -jar "$jar") |" \
    "$(version_peak env MAMORI_CDS_ARCHIVE=none installer/bin/mamori-agent) |" \
    "$(version_peak env MAMORI_CDS_ARCHIVE="$work/agent.jsa" installer/bin/mamori-agent) |"
  echo
fi
echo "| \`mamori-agent run\`, idle | RSS MiB | peak RSS MiB | anonymous MiB | start to running, ms | CPU ms |"
echo "|---|---|---|---|---|---|"
row 'plain `java -jar` (this machine'"'"'s JVM defaults: G1, initial heap 1/64 of RAM)' "$java" -jar "$jar"
# a JVM on fewer than 2 CPUs or 1792 MB picks serial GC by itself; MaxRAM alone does not change that choice
row 'plain, as the JVM sizes itself on a 512 MB Pi (serial GC, 8 MiB initial heap, C2)' "$java" -XX:MaxRAM=512m -XX:+UseSerialGC -jar "$jar"
row 'launcher, no class-data archive' env MAMORI_CDS_ARCHIVE=none installer/bin/mamori-agent
row 'launcher with the archive postinst makes (installed)' env MAMORI_CDS_ARCHIVE="$work/agent.jsa" installer/bin/mamori-agent
