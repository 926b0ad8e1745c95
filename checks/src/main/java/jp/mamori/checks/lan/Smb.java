package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import jcifs.CIFSContext;
import jcifs.DialectVersion;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.MamoriBridge;
import jcifs.smb.NtStatus;
import jcifs.smb.SmbAuthException;
import jcifs.smb.SmbFile;
import jp.mamori.checks.finding.Severity;

/**
 * SMB: SMBv1 accepted (jcifs limited to SMB1), the highest dialect and the Windows generation it implies
 * (jcifs negotiation), the Windows build from the NTLMSSP challenge (a two-message hand-built exchange:
 * jcifs parses but drops the version field), and shares open to guest/anonymous with read and write access
 * from what the server grants (listing, and opening the share root with add-file rights; nothing is written).
 */
public final class Smb {
  private Smb() {}

  record Generation(String dialect, String generation, String eol) {}

  static final List<Generation> GENERATIONS = List.of(
      new Generation("1.0", "Windows XP / Server 2003", "2015-07-14"),
      new Generation("2.0.2", "Windows Vista / Server 2008", "2020-01-14"),
      new Generation("2.1", "Windows 7 / Server 2008 R2", "2020-01-14"),
      new Generation("3.0", "Windows 8 / Server 2012", "2023-10-10"),
      new Generation("3.0.2", "Windows 8.1 / Server 2012 R2", "2023-10-10"),
      new Generation("3.1.1", "Windows 10 / Server 2016 or newer", ""));

  static CIFSContext context(DialectVersion min, DialectVersion max, LanContext ctx) {
    SmbCrypto.install();
    Properties p = new Properties();
    p.setProperty("jcifs.smb.client.minVersion", min.name());
    p.setProperty("jcifs.smb.client.maxVersion", max.name());
    p.setProperty("jcifs.smb.client.responseTimeout", String.valueOf(ctx.timeout().toMillis() * 2));
    p.setProperty("jcifs.smb.client.soTimeout", String.valueOf(ctx.timeout().toMillis() * 2));
    p.setProperty("jcifs.smb.client.connTimeout", String.valueOf(ctx.timeout().toMillis()));
    p.setProperty("jcifs.smb.client.sessionTimeout", String.valueOf(ctx.timeout().toMillis() * 2));
    // IP literals only, and only the port we were given: no name lookups, no broadcasts, no fallback to 139
    p.setProperty("jcifs.resolveOrder", "DNS");
    p.setProperty("jcifs.smb.client.port139.enabled", "false");
    p.setProperty("jcifs.netbios.wins", "");
    p.setProperty("jcifs.smb.client.dfs.disabled", "true");
    p.setProperty("jcifs.smb.client.ipcSigningEnforced", "false");
    p.setProperty("jcifs.smb.client.disablePlainTextPasswords", "true");
    p.setProperty("jcifs.smb.useRawNTLM", "true");
    try {
      return new BaseContext(new PropertyConfiguration(p));
    } catch (jcifs.CIFSException e) {
      throw new IllegalStateException("jcifs configuration rejected: " + e.getMessage(), e);
    }
  }

  static String dialectName(DialectVersion d) {
    return switch (d) {
      case SMB1 -> "1.0";
      case SMB202 -> "2.0.2";
      case SMB210 -> "2.1";
      case SMB300 -> "3.0";
      case SMB302 -> "3.0.2";
      case SMB311 -> "3.1.1";
    };
  }

  public static void check(Target t, LanContext ctx) {
    Inventory.Device dev = ctx.inventory().device(t.hostText());
    boolean smb1 = false;
    CIFSContext only1 = context(DialectVersion.SMB1, DialectVersion.SMB1, ctx);
    try {
      MamoriBridge.negotiate(only1, t.host(), t.port());
      smb1 = true;
    } catch (IOException | RuntimeException e) {
      // refused SMB1: good
    } finally {
      close(only1);
    }
    DialectVersion best = null;
    CIFSContext modern = context(DialectVersion.SMB202, DialectVersion.SMB311, ctx);
    try {
      best = MamoriBridge.negotiate(modern, t.host(), t.port());
    } catch (IOException | RuntimeException e) {
      // SMB1-only device
    }
    String dialect = best != null ? dialectName(best) : smb1 ? "1.0" : null;
    if (dialect == null) {
      close(modern);
      ctx.unfinished(t, "smb " + t + ": no dialect could be negotiated");
      return;
    }
    Generation gen = GENERATIONS.stream().filter(g -> g.dialect().equals(dialect)).findFirst().orElseThrow();
    dev.service("tcp/" + t.port(), "smb (SMB " + dialect + (smb1 ? ", SMB1 on" : "") + ")");
    if (smb1) {
      ctx.add(ctx.finding("lan.smb1", t).identity("smb1", "accepted").evidence("dialects", "NT LM 0.12 accepted"));
    }
    boolean eol = LanData.eolPassed(gen.eol(), ctx.today());
    ctx.add(ctx.finding(eol ? "lan.smb-dialect" : "lan.smb-version", t).arg("dialect", dialect)
        .arg("generation", gen.generation()).identity("dialect", dialect)
        .evidence("highestDialect", dialect).evidence("generation", gen.generation()).evidence("eol", gen.eol()));
    ntlmBuild(t, ctx);
    CIFSContext shares = best != null ? modern : context(DialectVersion.SMB1, DialectVersion.SMB1, ctx);
    try {
      shares(t, shares, ctx);
    } finally {
      close(shares);
      if (shares != modern) {
        close(modern);
      }
    }
  }

  private record Access(boolean read, boolean write, List<String> sample) {}

  /**
   * Shares open to anonymous, then guest: the listed ones, and common share names the server did not list
   * (share enumeration refused by "restrict anonymous", or shares hidden from browsing, may still open).
   */
  private static void shares(Target t, CIFSContext base, LanContext ctx) {
    String root = "smb://" + (t.host().getAddress().length == 16 ? "[" + t.hostText() + "]" : t.hostText()) + ":" + t.port() + "/";
    for (CIFSContext who : List.of(base.withAnonymousCredentials(), base.withGuestCrendentials())) {
      Map<String, Boolean> names = new LinkedHashMap<>();
      try (SmbFile server = new SmbFile(root, who)) {
        for (SmbFile share : server.listFiles()) {
          String name = share.getName().replaceAll("/$", "");
          if (!name.endsWith("$") && share.getType() == SmbFile.TYPE_SHARE) {
            names.put(name.toLowerCase(Locale.ROOT), true);
            ctx.inventory().device(t.hostText()).note("smb share " + name);
          }
        }
      } catch (Exception e) {
        // enumeration refused: the common names below may still open
      }
      Map<String, String> spelled = new LinkedHashMap<>();
      names.keySet().forEach(n -> spelled.put(n, n));
      for (String c : ctx.data().shareNames()) {
        spelled.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
      }
      boolean any = false;
      for (Map.Entry<String, String> e : spelled.entrySet()) {
        boolean listed = names.containsKey(e.getKey());
        Access a;
        try {
          a = access(root, e.getValue(), who);
        } catch (SmbAuthException refused) {
          if (listed) {
            continue;
          }
          break; // the session itself is refused: no point guessing more names as this identity
        }
        if (a == null) {
          continue;
        }
        if (!listed) {
          ctx.inventory().device(t.hostText()).note("smb share " + e.getValue() + " (not listed)");
        }
        any = true;
        String name = e.getValue();
        String access = a.read() && a.write() ? "read and write" : a.read() ? "read" : "write";
        String accessJa = a.read() && a.write() ? "読み書きでき" : a.read() ? "読め" : "書き込め";
        ctx.add(ctx.finding("lan.smb-guest-share", t).arg("share", name).arg("access", access).arg("access_ja", accessJa)
            .identity("share", name).evidence("share", name).evidence("read", a.read()).evidence("write", a.write())
            .evidence("listed", listed).evidence("as", who.getCredentials().isAnonymous() ? "anonymous" : "guest")
            .evidence("sample", a.sample()), Severity.HIGH);
      }
      if (any) {
        return;
      }
    }
  }

  /**
   * What {@code who} may do on the share root: null when the share does not exist or grants nothing.
   * Throws when the server refuses the session as a whole (logon failure), so callers stop guessing.
   */
  private static Access access(String root, String name, CIFSContext who) throws SmbAuthException {
    boolean read = false;
    boolean write = false;
    List<String> sample = new ArrayList<>();
    try (SmbFile dir = new SmbFile(root + name + "/", who)) {
      try {
        for (SmbFile f : dir.listFiles()) {
          if (sample.size() < 5) {
            sample.add(f.getName());
          }
        }
        read = true;
      } catch (SmbAuthException e) {
        if (e.getNtStatus() == NtStatus.NT_STATUS_LOGON_FAILURE || e.getNtStatus() == NtStatus.NT_STATUS_ACCOUNT_DISABLED) {
          throw e;
        }
      } catch (Exception e) {
        // no read, or no such share
      }
      try {
        write = MamoriBridge.canAddFiles(dir);
      } catch (Exception e) {
        // no write, or SMB1 only
      }
    } catch (java.net.MalformedURLException e) {
      return null;
    }
    return read || write ? new Access(read, write, sample) : null;
  }

  private static void close(CIFSContext c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // best effort
    }
  }

  /** Windows version from the NTLMSSP CHALLENGE of an SMB2 session setup (no credentials sent). */
  static void ntlmBuild(Target t, LanContext ctx) {
    byte[] challenge;
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      w.write(nbss(smb2(0, 0, negotiateBody())));
      byte[] neg = readNbss(w, ctx);
      if (neg.length < 68 || (neg[4] & 0xff) != 0xfe) {
        return;
      }
      w.write(nbss(smb2(1, 1, sessionSetupBody(ntlmNegotiate()))));
      challenge = readNbss(w, ctx);
    } catch (IOException e) {
      return;
    }
    int at = indexOf(challenge, "NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1));
    if (at < 0 || challenge.length < at + 56 || ServiceId.leInt(challenge, at + 8) != 2) {
      return;
    }
    int flags = ServiceId.leInt(challenge, at + 20);
    if ((flags & 0x02000000) == 0) {
      return;
    }
    int major = challenge[at + 48] & 0xff;
    int minor = challenge[at + 49] & 0xff;
    int build = (challenge[at + 50] & 0xff) | (challenge[at + 51] & 0xff) << 8;
    if (build == 0) {
      return;
    }
    String version = major + "." + minor + "." + build;
    ctx.inventory().device(t.hostText()).note("windows " + version);
    ctx.data().eol("windows", version).ifPresent(m -> {
      if (m.entry().eol().isEmpty() || LanData.eolPassed(m.entry().eol(), ctx.today())) {
        ctx.add(ctx.finding(m.entry().eol().isEmpty() ? "lan.possible-cve" : "lan.windows-eol", t)
            .arg("product", m.entry().product()).arg("build", version).arg("eol", m.entry().eol())
            .identity("product", m.entry().product()).evidence("ntlmVersion", version), m.entry().severity());
      }
    });
  }

  static byte[] negotiateBody() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int[] dialects = {0x0202, 0x0210, 0x0300, 0x0302};
    le16(b, 36);
    le16(b, dialects.length);
    le16(b, 1);
    le16(b, 0);
    le32(b, 0);
    b.writeBytes(new byte[16]);
    b.writeBytes(new byte[8]);
    for (int d : dialects) {
      le16(b, d);
    }
    return b.toByteArray();
  }

  static byte[] sessionSetupBody(byte[] token) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    le16(b, 25);
    b.write(0);
    b.write(1);
    le32(b, 0);
    le32(b, 0);
    le16(b, 64 + 24);
    le16(b, token.length);
    b.writeBytes(new byte[8]);
    b.writeBytes(token);
    return b.toByteArray();
  }

  static byte[] ntlmNegotiate() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("NTLMSSP\0".getBytes(StandardCharsets.ISO_8859_1));
    le32(b, 1);
    le32(b, 0xe2088297);
    b.writeBytes(new byte[16]);
    b.writeBytes(new byte[] {6, 1, (byte) 0xb1, 0x1d, 0, 0, 0, 15});
    return b.toByteArray();
  }

  static byte[] smb2(int command, long messageId, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xfe, 'S', 'M', 'B'});
    le16(b, 64);
    le16(b, 0);
    le32(b, 0);
    le16(b, command);
    le16(b, 1);
    le32(b, 0);
    le32(b, 0);
    le32(b, (int) messageId);
    le32(b, 0);
    le32(b, 0xfeff);
    le32(b, 0);
    b.writeBytes(new byte[8]);
    b.writeBytes(new byte[16]);
    b.writeBytes(body);
    return b.toByteArray();
  }

  /** SMB1 NEGOTIATE offering NT LM 0.12 and SMB 2: every SMB server answers it (used to identify SMB). */
  static byte[] multiProtocolNegotiate() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x72, 0, 0, 0, 0, 0x18, 0x53, (byte) 0xc8});
    b.writeBytes(new byte[12]);
    b.writeBytes(new byte[] {0, 0, (byte) 0xff, (byte) 0xfe, 0, 0, 0, 0});
    b.write(0);
    ByteArrayOutputStream d = new ByteArrayOutputStream();
    for (String s : new String[] {"NT LM 0.12", "SMB 2.002", "SMB 2.???"}) {
      d.write(2);
      d.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      d.write(0);
    }
    le16(b, d.size());
    b.writeBytes(d.toByteArray());
    return nbss(b.toByteArray());
  }

  static byte[] nbss(byte[] msg) {
    byte[] out = new byte[msg.length + 4];
    out[1] = (byte) (msg.length >>> 16);
    out[2] = (byte) (msg.length >>> 8);
    out[3] = (byte) msg.length;
    System.arraycopy(msg, 0, out, 4, msg.length);
    return out;
  }

  private static byte[] readNbss(Wire w, LanContext ctx) throws IOException {
    byte[] head = w.readExactly(4, ctx.timeout());
    int len = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
    if (len > 65536) {
      throw new IOException("oversized SMB answer");
    }
    byte[] body = w.readExactly(len, ctx.timeout());
    byte[] all = new byte[len + 4];
    System.arraycopy(head, 0, all, 0, 4);
    System.arraycopy(body, 0, all, 4, len);
    return all;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void le16(ByteArrayOutputStream b, int v) {
    b.write(v & 0xff);
    b.write((v >>> 8) & 0xff);
  }

  static void le32(ByteArrayOutputStream b, int v) {
    le16(b, v & 0xffff);
    le16(b, (v >>> 16) & 0xffff);
  }
}
