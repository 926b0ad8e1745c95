# Plumbing shared by the namespace labs (lan-lab.sh, lan-lab2.sh); sourced, not run.
# Everything a lab starts runs INSIDE its own network namespace: nothing listens or is probed in the root one.
#   lab_init up|down NAMESPACE DIR   checks the name and root, sets cmd/ns/dir
#   lab_down                         stops every daemon of the lab and deletes the namespace
#   lab_netns ADDR...                fresh namespace with lo up and the given 127.0.0.x addresses
#   lab_start NAME COMMAND...        runs COMMAND in the namespace in the background, logs to DIR/logs/NAME.log
#   lab_wait "TCP host:port..." "UDP host:port..."   exit 0 once all listen, 1 (with the logs) after 10 s

lab_init() {
  cmd=${1:?up|down}; ns=${2:?namespace}; dir=${3:?state dir}
  case "$ns" in mamori-lab-*|mamori-lab2-*) ;; *) echo "lan-lab: namespace must be named mamori-lab-* or mamori-lab2-*" >&2; exit 2;; esac
  [ "$(id -u)" = 0 ] || { echo "lan-lab: needs root (network namespaces)" >&2; exit 2; }
  case "$cmd" in up|down) ;; *) echo "lan-lab: unknown command $cmd" >&2; exit 2;; esac
}

lab_down() {
  if [ -d "$dir/pids" ]; then
    for f in "$dir"/pids/*; do [ -f "$f" ] || continue; pid=$(cat "$f"); kill "$pid" 2>/dev/null || true; done
  fi
  if ip netns list | grep -qw "$ns"; then
    # every process still inside the namespace belongs to this lab
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    sleep 0.3
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns delete "$ns" 2>/dev/null || true
  fi
}

lab_netns() {
  rm -rf "$dir"; mkdir -p "$dir"/{pids,logs}; chmod 0755 "$dir"
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  for a in "$@"; do ip netns exec "$ns" ip addr add "$a/32" dev lo; done
}

lab_start() {
  # setsid: each daemon gets its own session, so a daemon that signals its process group on exit (smbd does)
  # can never reach the test runner that started the lab
  local name=$1; shift
  setsid ip netns exec "$ns" "$@" >"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name"
}

lab_wait() {
  local tcp=$1 udp=$2 listening udpl missing w
  for _ in $(seq 1 100); do
    listening=$(ip netns exec "$ns" ss -Hltn | awk '{print $4}')
    udpl=$(ip netns exec "$ns" ss -Hlun | awk '{print $4}')
    missing=""
    for w in $tcp; do echo "$listening" | grep -qx "$w" || missing="$missing $w"; done
    for w in $udp; do echo "$udpl" | grep -qx "$w" || missing="$missing $w/udp"; done
    [ -z "$missing" ] && { echo "lan-lab: up in namespace $ns"; return 0; }
    sleep 0.1
  done
  echo "lan-lab: these lab daemons did not start:$missing" >&2
  for f in "$dir"/logs/*.log; do echo "== $f" >&2; tail -5 "$f" >&2; done
  return 1
}
