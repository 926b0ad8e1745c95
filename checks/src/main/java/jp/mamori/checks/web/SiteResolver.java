package jp.mamori.checks.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for the patrol, injectable so tests never query real DNS: addresses for connecting, and the
 * A/AAAA/MX/NS records the patrol watches for changes.
 */
public interface SiteResolver {
  List<InetAddress> addresses(String host) throws UnknownHostException;

  /** Record values of one type ("A", "AAAA", "MX", "NS"), sorted; empty when there are none. */
  List<String> records(String host, String type) throws UnknownHostException;
}
