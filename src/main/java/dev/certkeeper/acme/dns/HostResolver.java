package dev.certkeeper.acme.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** Turns a host name into addresses within a time limit; the seam the HTTP-01 self-check resolves through. */
@FunctionalInterface
public interface HostResolver {

  /**
   * The host's addresses, IPv4 first; an IP literal is returned as it is.
   *
   * @throws UnknownHostException when there is no address, or no answer within {@code timeout}; the message says which
   */
  List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException;

  /** The resolver for {@code --acme-http01-self-check-nameservers}: the system's when the list is empty, else those servers. */
  static HostResolver of(List<InetSocketAddress> nameservers) {
    return nameservers.isEmpty() ? new SystemResolver() : new NameserverResolver(nameservers);
  }
}
