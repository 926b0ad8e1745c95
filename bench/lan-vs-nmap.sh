#!/usr/bin/env bash
# Benchmark (not part of .ci/run): Mamori's scan-lan against nmap over the same /27 of a namespace lab
# (bench/lan-lab.sh, or with "lab2" the red-team lab bench/lan-lab2.sh), one after the other in one run.
# Reports both wall times, the ratio, Mamori's peak RSS and which planted weaknesses each tool found, and
# every medium+ finding of Mamori on the correctly configured hosts. Needs root (namespaces); installs
# nmap if missing.
#   bench/lan-vs-nmap.sh [lab2]     (builds the agent jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-lab1}
case "$which" in
  lab1) labsh=bench/lan-lab.sh; ns=mamori-lab-bench; state=/tmp/mamori-lab-bench;;
  lab2) labsh=bench/lan-lab2.sh; ns=mamori-lab2-bench; state=/tmp/mamori-lab2-bench;;
  *) echo "lan-vs-nmap: lab1 or lab2, not $which" >&2; exit 2;;
esac
out=bench/results/lan-vs-nmap-$which-$(date -u +%Y%m%dT%H%M%SZ)
scope=127.0.0.0/27
mkdir -p "$out"
[ "$(id -u)" = 0 ] || { echo "lan-vs-nmap: needs root (network namespaces)" >&2; exit 2; }
command -v nmap >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nmap >/dev/null; }
[ -f agent/target/mamori-agent.jar ] || mvn -B -q -pl checks,agent -am package -DskipTests

trap '$labsh down "$ns" "$state"' EXIT
$labsh up "$ns" "$state"

tcp=$(awk '$1=="tcp"{print $2}' checks/src/main/resources/jp/mamori/checks/lan/ports.txt | paste -sd,)
udp=$(awk '$1=="udp"{print $2}' checks/src/main/resources/jp/mamori/checks/lan/ports.txt | paste -sd,)

echo "== mamori scan-lan --scope $scope (serial GC, 48 MiB heap, C1 only)"
t0=$(date +%s.%N)
ip netns exec "$ns" /usr/bin/time -f '%M' -o "$out/mamori.rss" \
  java -XX:+UseSerialGC -Xmx48m -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -jar agent/target/mamori-agent.jar \
  scan-lan --scope "$scope" --json > "$out/mamori.json" 2> "$out/mamori.err"
t1=$(date +%s.%N)

echo "== nmap -sT -sU -Pn -T4 (office port list + scripts)"
ip netns exec "$ns" nmap -sT -sU -Pn -T4 -p "T:$tcp,U:$udp" \
  --script ftp-anon,smb-protocols,smb-enum-shares,http-default-accounts,snmp-brute,banner,redis-info,mqtt-subscribe \
  -oX "$out/nmap.xml" "$scope" > "$out/nmap.txt" 2>&1
t2=$(date +%s.%N)

python3 - "$out" "$t0" "$t1" "$t2" "$which" <<'PY'
import json, sys, xml.etree.ElementTree as ET
out, t0, t1, t2, which = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
m = json.load(open(f"{out}/mamori.json"))
rss = int(open(f"{out}/mamori.rss").read().split()[-1]) / 1024
def mam(check, target):
    return any(f["check"] == check and f["target"] == target and f["severity"] in ("medium", "high", "critical") for f in m)
root = ET.parse(f"{out}/nmap.xml").getroot()
scripts, ports = {}, {}
for h in root.iter("host"):
    ip = h.find("address").get("addr")
    for p in h.iter("port"):
        key = f"{ip}:{p.get('portid')}/{p.get('protocol')}"
        st = p.find("state").get("state")
        ports[key] = st
        for s in p.iter("script"):
            scripts[(key, s.get("id"))] = s.get("output") or ""
    for s in h.iter("script"):
        scripts.setdefault((ip, s.get("id")), s.get("output") or "")
def nm(key, script, *needles):
    o = scripts.get((key, script)) or scripts.get((key.split(":")[0], script), "")
    return o != "" and all(n.lower() in o.lower() for n in needles)
def port_open(key):
    return ports.get(key) == "open"
if which == "lab1":
    rows = [
      ("SMBv1 on (1)", "127.0.0.2", mam("lan.smb1", "127.0.0.2:445"), nm("127.0.0.2:445/tcp", "smb-protocols", "NT LM 0.12")),
      ("guest share read/write (4)", "127.0.0.2", mam("lan.smb-guest-share", "127.0.0.2:445"), nm("127.0.0.2:445/tcp", "smb-enum-shares", "public", "READ")),
      ("anonymous FTP (4)", "127.0.0.3", mam("lan.ftp-anonymous", "127.0.0.3:21"), nm("127.0.0.3:21/tcp", "ftp-anon", "Anonymous FTP login allowed")),
      ("telnet open (3)", "127.0.0.4", mam("lan.telnet-open", "127.0.0.4:23"), port_open("127.0.0.4:23/tcp")),
      ("telnet admin/admin (3)", "127.0.0.4", mam("lan.default-login", "127.0.0.4:23"), False),
      ("SNMP community public (3)", "127.0.0.5", mam("lan.snmp-community", "127.0.0.5:161"), nm("127.0.0.5:161/udp", "snmp-brute", "public")),
      ("EOL firmware in sysDescr (1)", "127.0.0.5", mam("lan.eol-software", "127.0.0.5:161"), False),
      ("MQTT without auth (3)", "127.0.0.6", mam("lan.no-auth", "127.0.0.6:1883"), nm("127.0.0.6:1883/tcp", "mqtt-subscribe", "topic")),
      ("web admin admin/password (3)", "127.0.0.7", mam("lan.default-login", "127.0.0.7:80"), nm("127.0.0.7:80/tcp", "http-default-accounts", "admin")),
      ("Redis without auth (3)", "127.0.0.8", mam("lan.no-auth", "127.0.0.8:6379"), nm("127.0.0.8:6379/tcp", "redis-info", "version")),
      ("camera console without login (4)", "127.0.0.10", mam("lan.console-open", "127.0.0.10:80"), False),
    ]
    clean = ["127.0.0.9"]
else:
    rows = [
      ("hidden read-only guest share (4)", "127.0.0.2", mam("lan.smb-guest-share", "127.0.0.2:445"), nm("127.0.0.2:445/tcp", "smb-enum-shares", "share", "READ")),
      ("SMB 2.1 only: Windows 7 era (1)", "127.0.0.3", mam("lan.smb-dialect", "127.0.0.3:445"), False),
      ("guest-only share read/write (4)", "127.0.0.3", mam("lan.smb-guest-share", "127.0.0.3:445"), nm("127.0.0.3:445/tcp", "smb-enum-shares", "scan", "WRITE")),
      ("anonymous FTP with upload (4)", "127.0.0.5", mam("lan.ftp-anonymous", "127.0.0.5:21"), nm("127.0.0.5:21/tcp", "ftp-anon", "Anonymous FTP login allowed")),
      ("FTP admin/1234 (3)", "127.0.0.6", mam("lan.default-login", "127.0.0.6:21"), False),
      ("telnet open on 23 (3)", "127.0.0.7", mam("lan.telnet-open", "127.0.0.7:23"), port_open("127.0.0.7:23/tcp")),
      ("telnet admin/1234, menu (3)", "127.0.0.7", mam("lan.default-login", "127.0.0.7:23"), False),
      ("telnet open on 2323 (3)", "127.0.0.7", mam("lan.telnet-open", "127.0.0.7:2323"), port_open("127.0.0.7:2323/tcp")),
      ("telnet empty password (3)", "127.0.0.7", mam("lan.default-login", "127.0.0.7:2323"), False),
      ("SNMP v1 community private (3)", "127.0.0.8", mam("lan.snmp-community", "127.0.0.8:161"), nm("127.0.0.8:161/udp", "snmp-brute", "private")),
      ("basic admin/1234 behind a link (3)", "127.0.0.10", mam("lan.default-login", "127.0.0.10:80"), nm("127.0.0.10:80/tcp", "http-default-accounts", "admin")),
      ("digest user/user (3)", "127.0.0.11", mam("lan.default-login", "127.0.0.11:8000"), nm("127.0.0.11:8000/tcp", "http-default-accounts", "user")),
      ("Boa/0.94 server string (1)", "127.0.0.11", mam("lan.eol-software", "127.0.0.11:8000"), False),
      ("login form in a frame (3)", "127.0.0.12", mam("lan.default-login", "127.0.0.12:80"), nm("127.0.0.12:80/tcp", "http-default-accounts", "admin")),
      ("NAS console on 9000, no login (4)", "127.0.0.13", mam("lan.console-open", "127.0.0.13:9000"), False),
      ("TLS 1.0/1.1 only (1)", "127.0.0.14", mam("lan.tls-legacy", "127.0.0.14:443"), False),
      ("MQTT over TLS without auth (3)", "127.0.0.15", mam("lan.no-auth", "127.0.0.15:8883"), nm("127.0.0.15:8883/tcp", "mqtt-subscribe", "topic")),
      ("Redis on 6380 without auth (3)", "127.0.0.16", mam("lan.no-auth", "127.0.0.16:6380"), nm("127.0.0.16:6380/tcp", "redis-info", "version")),
      ("VNC on 5901 without password (3)", "127.0.0.18", mam("lan.no-auth", "127.0.0.18:5901"), False),
      ("printer console on 8443, no login (4)", "127.0.0.21", mam("lan.console-open", "127.0.0.21:8443"), False),
    ]
    clean = ["127.0.0.4", "127.0.0.9", "127.0.0.17", "127.0.0.19", "127.0.0.20", "127.0.0.22"]
fp = [f["check"] + " " + f["target"] for f in m if f["target"].split(":")[0] in clean and f["severity"] in ("medium", "high", "critical")]
tm, tn = t1 - t0, t2 - t1
lines = [f"scope {root.get('args', '').split()[-1] if root.get('args') else ''}",
         f"mamori scan-lan: {tm:.1f} s, peak RSS {rss:.0f} MiB; nmap: {tn:.1f} s; ratio mamori/nmap = {tm / tn:.2f}",
         "", f"{'planted weakness (IPA point)':38} {'host':11} mamori  nmap"]
for name, host, a, b in rows:
    lines.append(f"{name:38} {host:11} {'yes' if a else 'NO':6}  {'yes' if b else 'no'}")
lines.append("")
lines.append(f"found: mamori {sum(r[2] for r in rows)}/{len(rows)}, nmap {sum(r[3] for r in rows)}/{len(rows)}; "
             f"nmap-found but mamori-missed: {[r[0] for r in rows if r[3] and not r[2]]}")
lines.append(f"correctly configured hosts {', '.join(clean)}: medium+ findings (mamori): {fp or 'none'}")
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
