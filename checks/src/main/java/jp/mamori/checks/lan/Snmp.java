package jp.mamori.checks.lan;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import jp.mamori.checks.finding.Severity;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** SNMP v2c/v1 with factory and common communities (public, private ...; read only: a GET of sysDescr and sysName). */
public final class Snmp implements Closeable {
  static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
  static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");

  private final org.snmp4j.Snmp snmp;

  public Snmp() throws IOException {
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
    snmp = new org.snmp4j.Snmp(transport);
    transport.listen();
  }

  private record Ask(InetAddress host, String community, int version) {}

  /**
   * Asks every host with both communities and both versions at once (asynchronously, paced), waits one
   * timeout, then reports each accepted community. Returns the hosts that answered.
   */
  public java.util.Set<InetAddress> sweep(List<InetAddress> hosts, int port, LanContext ctx) throws InterruptedException {
    java.util.Map<Ask, PDU> answers = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CountDownLatch pending = new java.util.concurrent.CountDownLatch(hosts.size() * ctx.data().snmpCommunities().size() * 2);
    for (InetAddress h : hosts) {
      for (String community : ctx.data().snmpCommunities()) {
        for (int version : new int[] {SnmpConstants.version2c, SnmpConstants.version1}) {
          Ask ask = new Ask(h, community, version);
          ctx.pace().tick();
          try {
            snmp.send(pdu(), target(h, port, community, version, ctx), null, new org.snmp4j.event.ResponseListener() {
              @Override
              public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> ev) {
                ((org.snmp4j.Snmp) ev.getSource()).cancel(ev.getRequest(), this);
                PDU r = ev.getResponse();
                if (r != null && r.getErrorStatus() == PDU.noError && r.getType() == PDU.RESPONSE) {
                  answers.put(ask, r);
                }
                pending.countDown();
              }
            });
          } catch (IOException | RuntimeException e) {
            pending.countDown();
          }
        }
      }
    }
    pending.await(ctx.timeout().toMillis() + 2000, java.util.concurrent.TimeUnit.MILLISECONDS);
    java.util.Set<InetAddress> up = new java.util.HashSet<>();
    for (InetAddress h : hosts) {
      for (String community : ctx.data().snmpCommunities()) {
        PDU r = answers.get(new Ask(h, community, SnmpConstants.version2c));
        int version = SnmpConstants.version2c;
        if (r == null) {
          r = answers.get(new Ask(h, community, SnmpConstants.version1));
          version = SnmpConstants.version1;
        }
        if (r != null) {
          if (up.add(h)) {
            Eol.report(new Target(h, port), "snmp", value(r, SYS_DESCR), ctx);
          }
          report(h, port, community, version, r, ctx);
        }
      }
    }
    return up;
  }

  private static PDU pdu() {
    PDU pdu = new PDU();
    pdu.setType(PDU.GET);
    pdu.add(new VariableBinding(SYS_DESCR));
    pdu.add(new VariableBinding(SYS_NAME));
    return pdu;
  }

  private static CommunityTarget<UdpAddress> target(InetAddress host, int port, String community, int version, LanContext ctx) {
    CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress(host, port), new OctetString(community));
    target.setVersion(version);
    target.setRetries(0);
    target.setTimeout(ctx.timeout().toMillis());
    return target;
  }

  private static void report(InetAddress host, int port, String community, int version, PDU answer, LanContext ctx) {
    String descr = value(answer, SYS_DESCR);
    String name = value(answer, SYS_NAME);
    Target t = new Target(host, port);
    Inventory.Device dev = ctx.inventory().device(t.hostText());
    dev.service("udp/" + port, "snmp " + HttpCheck.clip(descr, 80));
    dev.name("snmp", name);
    ctx.add(ctx.finding("lan.snmp-community", t).arg("community", community).identity("community", community)
        .evidence("community", community).evidence("version", version == SnmpConstants.version1 ? "v1" : "v2c")
        .evidence("sysDescr", descr).evidence("sysName", name), Severity.HIGH);
  }

  /** True when anything answered (a device speaks SNMP here). */
  public boolean check(InetAddress host, int port, LanContext ctx) throws InterruptedException {
    return !sweep(List.of(host), port, ctx).isEmpty();
  }

  private static String value(PDU pdu, OID oid) {
    for (VariableBinding vb : pdu.getVariableBindings()) {
      if (vb.getOid().equals(oid) && !vb.isException()) {
        return vb.getVariable().toString();
      }
    }
    return "";
  }

  @Override
  public void close() {
    try {
      snmp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
