package dev.certkeeper.acme.dns;

import dev.certkeeper.pki.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Reads a nameserver list flag: {@code host:port,...} with IP addresses (IPv6 in brackets), port 53 by default. */
public final class Nameservers {
  private static final int DNS_PORT = 53;

  private Nameservers() {}

  /** The servers in the order given; empty for an empty or blank value. */
  public static List<InetSocketAddress> parse(String value) {
    List<InetSocketAddress> servers = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return servers;
    }
    for (String entry : value.split(",")) {
      servers.add(server(entry.trim()));
    }
    return servers;
  }

  private static InetSocketAddress server(String entry) {
    String host = entry;
    String port = null;
    if (entry.startsWith("[")) {
      int end = entry.indexOf(']');
      host = end < 0 ? "" : entry.substring(1, end);
      String rest = end < 0 ? "" : entry.substring(end + 1);
      port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : "";
    } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
      host = entry.substring(0, entry.indexOf(':'));
      port = entry.substring(entry.indexOf(':') + 1);
    }
    // A nameserver given by name would need a nameserver to find it.
    if (!IpAddresses.isValid(host)) {
      throw new IllegalArgumentException("nameserver \"" + entry + "\" must be an IP address with an optional port, such as 10.0.0.10:53 or [2001:db8::53]:53");
    }
    int number = port == null ? DNS_PORT : portNumber(entry, port);
    try {
      return new InetSocketAddress(InetAddress.getByName(host), number);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an IP literal needs no lookup", e);
    }
  }

  private static int portNumber(String entry, String port) {
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("nameserver \"" + entry + "\" has no valid port: use 1 to 65535");
    }
    return Integer.parseInt(port);
  }
}
