package jp.mamori.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about a process and the machine, from /proc. */
final class Proc {
  /** Clock ticks per second of /proc/PID/stat (USER_HZ); 100 on every Linux we run on. */
  static final double TICKS = 100.0;

  private Proc() {}

  /** CPU seconds (user + system) a process used so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
    // after the command: state is field 3, utime 14, stime 15 (1-based) -> indexes 11 and 12 here
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
  }

  /** Peak resident set (VmHWM) in MiB. */
  static double peakRssMiB(long pid) throws IOException {
    return statusKiB(pid, "VmHWM:") / 1024.0;
  }

  static double rssMiB(long pid) throws IOException {
    return statusKiB(pid, "VmRSS:") / 1024.0;
  }

  private static long statusKiB(long pid, String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
      }
    }
    throw new IOException("no " + key + " in /proc/" + pid + "/status");
  }

  /** The 1, 5 and 15 minute load averages. */
  static double[] loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
    return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
  }

  /** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
  static double[] machineCpuSeconds() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new double[] {(total - idle) / TICKS, total / TICKS};
  }

  static String cmdline(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ').strip();
  }

  /** CPU of a process over an interval: % of one core and the machine's busy % over the same interval. */
  record Cpu(double seconds, double wall, double processPercentOfOneCore, double machineBusyPercent) {
    static Cpu between(double cpu0, double cpu1, double[] m0, double[] m1, long nanos0, long nanos1) {
      double wall = (nanos1 - nanos0) / 1e9;
      double busy = m1[1] - m0[1] <= 0 ? 0 : (m1[0] - m0[0]) / (m1[1] - m0[1]) * 100;
      return new Cpu(cpu1 - cpu0, wall, (cpu1 - cpu0) / wall * 100, busy);
    }
  }
}
