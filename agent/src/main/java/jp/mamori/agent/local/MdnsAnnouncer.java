package jp.mamori.agent.local;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the box as {@code mamori.local} (an A or AAAA record for its LAN address) and its local page as
 * an {@code _http._tcp} service, on the LAN interface only: jmdns binds to that one address, so nothing is
 * announced on other interfaces. Blocking (jmdns probes the name first): call from a worker.
 */
public final class MdnsAnnouncer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MdnsAnnouncer.class);
  public static final String HOST = "mamori";
  public static final String SERVICE_TYPE = "_http._tcp.local.";

  private final JmDNS jmdns;

  private MdnsAnnouncer(JmDNS jmdns) {
    this.jmdns = jmdns;
  }

  /** Starts announcing on {@code lanAddress}; the service name is what a phone's browser list shows. */
  public static MdnsAnnouncer start(InetAddress lanAddress, int port, String serviceName) throws IOException {
    JmDNS jmdns = JmDNS.create(lanAddress, HOST);
    try {
      jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, serviceName, port, "path=/"));
    } catch (IOException | RuntimeException e) {
      jmdns.close();
      throw e;
    }
    LOG.info("announcing {} ({}) and the local page as an {} service on port {}", jmdns.getHostName(), lanAddress.getHostAddress(),
        SERVICE_TYPE, port);
    return new MdnsAnnouncer(jmdns);
  }

  /** The name jmdns settled on (mamori.local., or mamori-2.local. when another box already has it). */
  public String hostName() {
    return jmdns.getHostName();
  }

  @Override
  public void close() throws IOException {
    jmdns.unregisterAllServices();
    jmdns.close();
  }
}
