package jp.mamori.agent.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeProposalTest {
  static ScopeProposal.Address a(String iface, String ip, int prefix, boolean route) throws Exception {
    return new ScopeProposal.Address(iface, InetAddress.getByName(ip), prefix, route);
  }

  static Optional<String> propose(ScopeProposal.Address... addresses) {
    return ScopeProposal.propose(List.of(addresses)).map(p -> p.scope() + " " + p.boxAddress().getHostAddress() + " " + p.iface());
  }

  @Test
  void aHomeRouterNetworkIsProposedAsItIs() throws Exception {
    assertThat(propose(a("eth0", "192.168.1.23", 24, true))).contains("192.168.1.0/24 192.168.1.23 eth0");
    assertThat(propose(a("eth0", "10.0.5.9", 23, true))).contains("10.0.4.0/23 10.0.5.9 eth0");
  }

  @Test
  void aLargerNetworkIsNarrowedToTheSlash22AroundTheBox() throws Exception {
    assertThat(propose(a("eth0", "10.20.30.40", 8, true))).contains("10.20.28.0/22 10.20.30.40 eth0");
    assertThat(propose(a("eth0", "172.20.1.5", 12, true))).contains("172.20.0.0/22 172.20.1.5 eth0");
    assertThat(propose(a("eth0", "fd12:3456:789a:1::10", 64, true))).contains("fd12:3456:789a:1:0:0:0:0/118 fd12:3456:789a:1:0:0:0:10 eth0");
  }

  @Test
  void publicLoopbackLinkLocalAndPointToPointAddressesProposeNothing() throws Exception {
    assertThat(propose(a("eth0", "203.0.113.7", 24, true))).isEmpty();
    assertThat(propose(a("eth0", "169.254.3.4", 16, true))).isEmpty();
    assertThat(propose(a("eth0", "2001:db8::5", 64, true))).isEmpty();
    assertThat(propose(a("eth0", "fe80::1", 64, true))).isEmpty();
    assertThat(propose(a("lo", "127.0.0.1", 8, false))).isEmpty();
    assertThat(propose(a("ppp0", "10.64.0.2", 32, true))).isEmpty();
    assertThat(propose()).isEmpty();
  }

  @Test
  void theOfficeInterfaceWinsOverContainersVpnsAndIpv6() throws Exception {
    assertThat(propose(a("docker0", "172.17.0.1", 16, false), a("wg0", "10.8.0.2", 24, false), a("wlan0", "fd00::2", 64, true),
        a("wlan0", "192.168.10.4", 24, true))).contains("192.168.10.0/24 192.168.10.4 wlan0");
    assertThat(propose(a("eth1", "192.168.50.2", 24, false), a("eth0", "192.168.0.9", 24, true))).contains("192.168.0.0/24 192.168.0.9 eth0");
    assertThat(propose(a("eth0", "203.0.113.7", 24, true), a("eth1", "192.168.50.2", 24, false))).contains("192.168.50.0/24 192.168.50.2 eth1");
  }

  @Test
  void anExplicitProposalMayBeLoopbackButNeverPublicOrLarge() {
    assertThat(ScopeProposal.explicit("127.0.0.0/24").scope()).hasToString("127.0.0.0/24");
    assertThatThrownBy(() -> ScopeProposal.explicit("8.8.8.0/24")).hasMessageContaining("8.8.8.0/24").hasMessageContaining("not a private");
    assertThatThrownBy(() -> ScopeProposal.explicit("10.0.0.0/16")).hasMessageContaining("larger than /22");
  }
}
