#!/usr/bin/env python3
"""Samples a running agent once a second for the soak: resident memory, CPU time, threads, and which checks run
(from the daemon's own log lines `NAME: started` / `NAME: N finding(s)` / `NAME failed: ...`). Writes every
sample to SAMPLES (TSV) and the summary to RESULT (JSON), and prints the summary as Markdown.

    sampler.py PID LOG SECONDS SAMPLES RESULT META_JSON

Peaks are exact, not sampled: each second the kernel's high-water mark (VmHWM) is read and reset
(`echo 5 > /proc/PID/clear_refs`), so a peak between two samples still counts, for every phase that was
active during that second (a second in which a patrol started counts for idle and for the patrol).
"""
import json
import os
import re
import sys
import time

pid, log_path, seconds, samples_path, result_path, meta_path = sys.argv[1:7]
pid, seconds = int(pid), int(seconds)
meta = json.load(open(meta_path))
HZ = os.sysconf("SC_CLK_TCK")
MiB = 1024.0
SETTLE = 60  # seconds after start and after each check before idle counts as settled
LINE = re.compile(r"(?:\[JobRunner\]|JobRunner -) (?P<name>.+?)(?P<what>: started|: \d+ finding\(s\)| failed: .*)$")
FOUND = re.compile(r": (\d+) finding\(s\)")


def status():
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Threads"):
                out[k] = int(v.split()[0])
    return out


def cpu_ticks():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def reset_peak():
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def kind(job):
    return "patrol" if job.startswith("patrol ") else "lan" if job.startswith("lan ") else "other"


def phase_of(running):
    kinds = {kind(j) for j in running}
    if not kinds:
        return "idle"
    if "patrol" in kinds and "lan" in kinds:
        return "patrol+lan"
    return "+".join(sorted(kinds))


logf = open(log_path, errors="replace")
running = {}      # job -> started (monotonic)
runs = {}         # kind -> {"finished", "failed", "seconds": [], "findings": []}
last_job_end = 0.0
phases = {}       # phase -> {"seconds", "peakKiB", "cpuTicks", "maxSampledKiB"}
settled = {"seconds": 0, "cpuTicks": 0, "peakKiB": 0}
idle_rss = []     # (elapsed, VmRSS) in settled idle: start vs end shows a leak
threads_max = 0
loads = []
exited = None


def events():
    """Applies new log lines; returns the phases seen while applying them."""
    global last_job_end
    seen = []
    while True:
        pos = logf.tell()
        line = logf.readline()
        if not line:
            break
        if not line.endswith("\n"):
            logf.seek(pos)
            break
        m = LINE.search(line.rstrip("\n"))
        if not m:
            continue
        name, what = m.group("name"), m.group("what")
        r = runs.setdefault(kind(name), {"started": 0, "finished": 0, "failed": 0, "seconds": [], "findings": []})
        if what == ": started":
            running[name] = time.monotonic()
            r["started"] += 1
        elif name in running:
            r["seconds"].append(round(time.monotonic() - running.pop(name), 1))
            if what.startswith(" failed"):
                r["failed"] += 1
            else:
                r["finished"] += 1
                r["findings"].append(int(FOUND.search(what).group(1)))
            last_job_end = time.monotonic()
        seen.append(phase_of(running))
    return seen


def add(phase, secs, ticks, peak, rss):
    p = phases.setdefault(phase, {"seconds": 0, "cpuTicks": 0, "peakKiB": 0, "maxSampledKiB": 0})
    p["seconds"] += secs
    p["cpuTicks"] += ticks
    p["peakKiB"] = max(p["peakKiB"], peak)
    p["maxSampledKiB"] = max(p["maxSampledKiB"], rss)


start = time.monotonic()
st = status()
startup_peak = st["VmHWM"]  # start-up until the daemon said it runs: JVM boot, class loading, the first checks' start
reset_peak()
events()
phase = phase_of(running)
prev_ticks, prev_t = cpu_ticks(), start
with open(samples_path, "w") as out:
    out.write("elapsed_s\tphase\trss_kib\tpeak_kib\tanon_kib\tfile_kib\tthreads\tcpu_ticks\tload1\n")
    tick = 0
    while time.monotonic() - start < seconds:
        tick += 1
        time.sleep(max(0.0, start + tick - time.monotonic()))
        try:
            st = status()
            ticks = cpu_ticks()
            reset_peak()
        except (FileNotFoundError, ProcessLookupError):
            exited = round(time.monotonic() - start)
            break
        now = time.monotonic()
        seen = events()
        active = {phase, *seen}
        dt, dticks = now - prev_t, ticks - prev_ticks
        # the second belongs to the phase it began in (events are seen up to a second late); its peak to all it touched
        add(phase, dt, dticks, st["VmHWM"], st["VmRSS"])
        for other in active - {phase}:
            add(other, 0, 0, st["VmHWM"], st["VmRSS"])
        if phase == "idle" and active == {"idle"} and now - start >= SETTLE and now - last_job_end >= SETTLE:
            settled["seconds"] += dt
            settled["cpuTicks"] += dticks
            settled["peakKiB"] = max(settled["peakKiB"], st["VmHWM"])
            idle_rss.append((now - start, st["VmRSS"]))
        phase = phase_of(running)
        prev_ticks, prev_t = ticks, now
        threads_max = max(threads_max, st["Threads"])
        load1 = float(open("/proc/loadavg").read().split()[0])
        loads.append(load1)
        out.write(f"{now - start:.1f}\t{'/'.join(sorted(active))}\t{st['VmRSS']}\t{st['VmHWM']}\t{st['RssAnon']}\t"
                  f"{st['RssFile']}\t{st['Threads']}\t{ticks}\t{load1}\n")
        out.flush()
elapsed = time.monotonic() - start


def pct(ticks, secs):
    return round(100.0 * ticks / HZ / secs, 2) if secs > 0 else None


def window(lo, hi):
    vals = [rss for t, rss in idle_rss if lo <= t < hi]
    return round(max(vals) / MiB, 1) if vals else None


total_ticks = sum(p["cpuTicks"] for p in phases.values())
result = dict(meta)
result.update({
    "measuredSeconds": round(elapsed),
    "agentExitedAfterSeconds": exited,
    "startupPeakRssMiB": round(startup_peak / MiB, 1),
    "phases": {k: {"seconds": round(v["seconds"]), "peakRssMiB": round(v["peakKiB"] / MiB, 1),
                   "maxSampledRssMiB": round(v["maxSampledKiB"] / MiB, 1), "cpuPercent": pct(v["cpuTicks"], v["seconds"])}
               for k, v in sorted(phases.items())},
    "settledIdle": {"seconds": round(settled["seconds"]), "cpuPercent": pct(settled["cpuTicks"], settled["seconds"]),
                    "peakRssMiB": round(settled["peakKiB"] / MiB, 1),
                    "rssFirst10MinMiB": window(0, 600), "rssLast10MinMiB": window(elapsed - 600, elapsed + 1)},
    "averageCpuPercent": pct(total_ticks, sum(p["seconds"] for p in phases.values())),
    "runs": {k: {**v, "seconds": v["seconds"], "medianSeconds": sorted(v["seconds"])[len(v["seconds"]) // 2] if v["seconds"] else None}
             for k, v in sorted(runs.items())},
    "stillRunningAtEnd": sorted(running),
    "threadsMax": threads_max,
    "loadAverage": {"mean": round(sum(loads) / len(loads), 2) if loads else None, "min": min(loads, default=None),
                    "max": max(loads, default=None)},
})
budget = meta.get("budget", {})
verdict = {}
for ph in ("patrol", "lan"):
    peaks = [v["peakRssMiB"] for k, v in result["phases"].items() if ph in k.split("+")]
    verdict[f"{ph}PeakRssMiB"] = max(peaks) if peaks else None
    verdict[f"{ph}WithinBudget"] = bool(peaks) and max(peaks) <= budget.get("peakRssMiB", 96)
sc = result["settledIdle"]["cpuPercent"]
verdict["idleCpuWithinBudget"] = sc is not None and sc < budget.get("idleCpuPercent", 1.0)
verdict["agentStayedUp"] = exited is None
result["verdict"] = verdict
with open(result_path, "w") as f:
    json.dump(result, f, indent=2, ensure_ascii=False)
    f.write("\n")

print(f"\n| phase | seconds | peak RSS MiB | CPU % |")
print("|---|---|---|---|")
print(f"| start-up (until `running`) | | {result['startupPeakRssMiB']} | |")
for k, v in result["phases"].items():
    print(f"| {k} | {v['seconds']} | {v['peakRssMiB']} | {v['cpuPercent']} |")
s = result["settledIdle"]
print(f"| idle, settled (≥ {SETTLE} s after start and after each check) | {s['seconds']} | {s['peakRssMiB']} | {s['cpuPercent']} |")
print(f"| whole soak (average) | {round(elapsed)} | | {result['averageCpuPercent']} |")
print()
for k, v in result["runs"].items():
    print(f"{k}: {v['started']} started, {v['finished']} finished, {v['failed']} failed, median {v['medianSeconds']} s, "
          f"findings per run {sorted(set(v['findings']))}")
print(f"threads max {threads_max}; settled-idle RSS first 10 min {s['rssFirst10MinMiB']} MiB, last 10 min "
      f"{s['rssLast10MinMiB']} MiB; load average mean {result['loadAverage']['mean']} "
      f"(min {result['loadAverage']['min']}, max {result['loadAverage']['max']})")
if exited is not None:
    print(f"THE AGENT EXITED after {exited} s")
print("verdict: " + json.dumps(verdict))
