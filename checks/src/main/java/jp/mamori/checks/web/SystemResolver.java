package jp.mamori.checks.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** The JDK resolver for addresses and the JDK's DNS provider (JNDI) for MX and NS, with short timeouts. */
public final class SystemResolver implements SiteResolver {

  @Override
  public List<InetAddress> addresses(String host) throws UnknownHostException {
    InetAddress literal = Sites.literal(host);
    if (literal != null) {
      return List.of(literal);
    }
    return Arrays.asList(InetAddress.getAllByName(host));
  }

  @Override
  public List<String> records(String host, String type) throws UnknownHostException {
    if (Sites.isIpLiteral(host)) {
      return List.of();
    }
    if (type.equals("A") || type.equals("AAAA")) {
      List<String> out = new ArrayList<>();
      for (InetAddress a : addresses(host)) {
        if ((type.equals("A") && a instanceof Inet4Address) || (type.equals("AAAA") && a instanceof Inet6Address)) {
          out.add(a.getHostAddress());
        }
      }
      return out.stream().sorted().distinct().toList();
    }
    if (Sites.isSpecialUseName(host)) {
      return List.of();
    }
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("com.sun.jndi.dns.timeout.initial", "2000");
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(env);
      Attributes attrs = ctx.getAttributes(host, new String[] {type});
      Attribute attr = attrs.get(type);
      List<String> out = new ArrayList<>();
      if (attr != null) {
        NamingEnumeration<?> values = attr.getAll();
        while (values.hasMore()) {
          out.add(String.valueOf(values.next()).toLowerCase(Locale.ROOT));
        }
      }
      return out.stream().sorted().distinct().toList();
    } catch (javax.naming.NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw new UnknownHostException("DNS " + type + " lookup for " + host + " failed: " + e.getMessage());
    } finally {
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException ignored) {
          // nothing to release
        }
      }
    }
  }
}
