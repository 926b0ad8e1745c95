package jp.mamori.agent.local;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * A phone on the office LAN, run by {@link MdnsAnnounceIT} inside its network namespace: asks over mDNS for
 * the {@code _http._tcp} services, prints the box's (host name, address, port) and opens the page it points to.
 */
public final class MdnsQuery {
  private MdnsQuery() {}

  public static void main(String[] args) throws Exception {
    InetAddress own = InetAddress.getByName(args[0]);
    try (JmDNS jmdns = JmDNS.create(own, "phone")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ServiceInfo info : jmdns.list(MdnsAnnouncer.SERVICE_TYPE, 3000)) {
          if (info.getServer() != null && info.getServer().startsWith(MdnsAnnouncer.HOST) && info.getInet4Addresses().length > 0) {
            String addr = info.getInet4Addresses()[0].getHostAddress();
            System.out.println("service " + info.getName() + " host " + info.getServer() + " addr " + addr + " port " + info.getPort());
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + addr + ":" + info.getPort() + "/setup"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("page " + page.statusCode() + " " + (page.body().contains("見守りボックスの登録") ? "setup" : "other"));
            return;
          }
        }
      }
      System.out.println("nothing answered");
      System.exit(3);
    }
  }
}
