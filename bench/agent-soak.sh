#!/usr/bin/env bash
# Soak benchmark of the box (README: "Installing on a Pi", "Memory budget"): the real agent, started through its launcher as the
# package starts it (installer/bin/mamori-agent run, with the class-data archive the postinst makes), enrolled to
# the real console, patrolling a 20-page demo website and scanning the /27 of the second LAN lab on a fast
# schedule, for MINUTES. Samples the agent every second and reports peak RSS per phase (idle / patrol / LAN scan),
# idle and average CPU and how many patrols and scans ran; writes bench/results/agent-soak-<time>.json.
#
#   mvn -B -q package -DskipTests && bench/agent-soak.sh [MINUTES]     (default 60; 10 for a quick iteration)
#
# Everything — console, website, lab daemons, agent — runs inside ONE network namespace this script makes
# (mamori-lab2-soak-PID, only loopback; the lab on 127.0.0.2-22, the console on 127.0.0.100, the website on
# 127.0.0.101, the box's local pages on 127.0.0.102): nothing is listened to or probed in the root namespace.
# Needs root (namespaces) and the lab's packages (.ci/test-packages.txt). Builds nothing.
# Environment: SOAK_PATROL_EVERY / SOAK_LAN_EVERY minutes between checks (default 3 and 5; each counts from the
# end of the previous run), SOAK_AGENT_JAVA_OPTS more JVM options for the agent (MAMORI_JAVA_OPTS, e.g.
# -XX:NativeMemoryTracking=summary), SOAK_CDS_ARCHIVE=none runs without the class-data archive (for comparison),
# SOAK_KEEP=1 keeps the work directory (logs, samples), SOAK_BIG_MB size of the oversized news page (default 6;
# 0 makes it an ordinary 40 KB page, to see what an ordinary site costs).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-60}
case "$minutes" in '' | *[!0-9]*) echo "agent-soak: MINUTES must be a whole number, not '$minutes'" >&2; exit 2;; esac
if [ "$minutes" -lt 1 ] || [ "$minutes" -gt 600 ]; then echo "agent-soak: MINUTES must be 1-600, not $minutes" >&2; exit 2; fi
patrol_every=${SOAK_PATROL_EVERY:-3}
lan_every=${SOAK_LAN_EVERY:-5}
[ "$(id -u)" = 0 ] || { echo "agent-soak: needs root (network namespaces)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "agent-soak: python3 is needed (website, seeding, sampling)" >&2; exit 2; }
for f in agent/target/mamori-agent.jar console/target/mamori-console.jar installer/target/cds/mamori-agent.classlist; do
  [ -f "$f" ] || { echo "agent-soak: missing $f: run mvn -B -q package -DskipTests first" >&2; exit 2; }
done

tag=soak-$$
ns=mamori-lab2-$tag
work=/tmp/mamori-$tag
scope=127.0.0.0/27
stamp=$(date -u +%Y%m%dT%H%M%SZ)
result=bench/results/agent-soak-$stamp.json
mkdir -p "$work" bench/results
export MAMORI_USER=root # the package runs the daemon as user mamori; the memory is the same

cleanup() {
  status=$?
  if [ -n "${agent:-}" ] && kill "$agent" 2>/dev/null; then wait "$agent" 2>/dev/null || true; fi
  # the lab's teardown ends every process left in the namespace (console, website) and deletes it
  bench/lan-lab2.sh down "$ns" "$work/lab" >/dev/null 2>&1 || true
  if [ "${SOAK_KEEP:-}" = 1 ] || [ "$status" != 0 ]; then
    echo "agent-soak: logs and samples kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
inns() { ip netns exec "$ns" "$@"; }
wait_for() { # wait_for FILE REGEX SECONDS: prints the first match
  for _ in $(seq 1 $(($3 * 10))); do
    if m=$(grep -o -m1 -E "$2" "$1" 2>/dev/null); then echo "$m"; return 0; fi
    sleep 0.1
  done
  echo "agent-soak: '$2' did not appear in $1 within $3 s:" >&2; tail -20 "$1" >&2; return 1
}

echo "== lab 2 in namespace $ns"
# a second try: on a shared machine another lab's X display can be taken for a moment
bench/lan-lab2.sh up "$ns" "$work/lab" > "$work/lab.log" 2>&1 || bench/lan-lab2.sh up "$ns" "$work/lab" > "$work/lab.log" 2>&1 ||
  { cat "$work/lab.log" >&2; exit 1; }

echo "== console, website"
MAMORI_JAVA_OPTS="-Xmx256m" inns installer/bin/mamori-console serve --data "$work/console" --host 127.0.0.100 --port 0 \
  > "$work/console.log" 2>&1 &
inns python3 bench/soak/site.py "$work/site" 127.0.0.101 > "$work/site.port" 2> "$work/site.log" &
console_url=$(wait_for "$work/console.log" 'http://127\.0\.0\.100:[0-9]+' 180)/
site_port=$(wait_for "$work/site.port" '^[0-9]+' 60)
site_url=http://127.0.0.101:$site_port/
for _ in $(seq 1 100); do [ -s "$work/console/initial-admin-password" ] && break; sleep 0.1; done
token=$(inns python3 bench/soak/seed.py "$console_url" "$work/console/initial-admin-password" "$site_url")

echo "== agent: class-data archive, enroll, run"
classlist=installer/target/cds/mamori-agent.classlist
MAMORI_CDS_ARCHIVE=none MAMORI_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$classlist -XX:SharedArchiveFile=$work/agent.jsa" \
  installer/bin/mamori-agent > "$work/cds.log" 2>&1
export MAMORI_CDS_ARCHIVE=${SOAK_CDS_ARCHIVE:-$work/agent.jsa}
inns installer/bin/mamori-agent enroll --console "$console_url" --token "$token" --config "$work/agent.conf" \
  --data-dir "$work/agent-data" > "$work/enroll.log" 2>&1 || { cat "$work/enroll.log" >&2; exit 1; }
# as the package's template has it (local pages on), with the website, the lab's range and a fast schedule
cat >> "$work/agent.conf" <<CONF
sites = $site_url
lan.scope = $scope
lan.scope.consented-at = $(date -u +%Y-%m-%dT%H:%M:%SZ)
lan.scope.consented-by = agent-soak.sh
lan.scope.allow-loopback = true
patrol.every-minutes = $patrol_every
lan.every-minutes = $lan_every
local.host = 127.0.0.102
local.port = 0
CONF
MAMORI_JAVA_OPTS=${SOAK_AGENT_JAVA_OPTS:-} ip netns exec "$ns" installer/bin/mamori-agent run --config "$work/agent.conf" > "$work/agent.log" 2>&1 &
agent=$! # ip netns exec and the launcher exec: this is the JVM
wait_for "$work/agent.log" ' running: ' 180 >/dev/null
java=$(readlink "/proc/$agent/exe")
case "$java" in */java) ;; *) echo "agent-soak: pid $agent is $java, not the JVM" >&2; exit 1;; esac
cat > "$work/meta.json" <<JSON
{"benchmark": "agent-soak", "startedAt": "$stamp", "minutes": $minutes,
 "command": "bench/agent-soak.sh $minutes", "patrolEveryMinutes": $patrol_every, "lanEveryMinutes": $lan_every,
 "scope": "$scope", "site": "$site_url", "bigPageMiB": ${SOAK_BIG_MB:-6}, "agentJavaOpts": "${SOAK_AGENT_JAVA_OPTS:-}", "cdsArchive": "$MAMORI_CDS_ARCHIVE",
 "jvm": "$("$java" -version 2>&1 | head -1 | sed 's/"/\\"/g')", "arch": "$(uname -m)", "cpus": $(nproc),
 "memTotalMiB": $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo), "loadAverageAtStart": "$(cut -d' ' -f1-3 /proc/loadavg)",
 "agentCommandLine": "$(tr '\0' ' ' < "/proc/$agent/cmdline" | sed 's/"/\\"/g; s/ $//')",
 "budget": {"peakRssMiB": 96, "idleCpuPercent": 1.0}}
JSON
echo "== soak: $minutes min, patrol every $patrol_every min, LAN scan of $scope every $lan_every min (agent pid $agent)"
python3 bench/soak/sampler.py "$agent" "$work/agent.log" $((minutes * 60)) "$work/samples.tsv" "$result" "$work/meta.json"
cp "$work/samples.tsv" "${result%.json}.samples.tsv"
findings=$(python3 -c 'import sqlite3, sys; c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(c.execute("SELECT COUNT(*) FROM findings").fetchone()[0])' "$work/console/console.db" 2>/dev/null || echo '?')
echo "console: $findings findings stored; agent log: $(grep -c ' ERROR ' "$work/agent.log" || true) error line(s)"
echo "result: $result"
