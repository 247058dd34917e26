package dev.certkeeper.acme.dns;

import dev.certkeeper.pki.IpAddresses;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves names through given recursive nameservers (A, then AAAA), over UDP and over TCP when
 * the UDP answer is truncated, as {@code --acme-http01-self-check-nameservers} asks: Java's own
 * resolver can only use the system's configuration.
 */
final class NameserverResolver implements HostResolver {
  private static final int MAX_UDP_RESPONSE = 4096;
  private final List<InetSocketAddress> nameservers;
  private final SecureRandom ids = new SecureRandom();

  NameserverResolver(List<InetSocketAddress> nameservers) {
    this.nameservers = List.copyOf(nameservers);
  }

  @Override
  public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
    if (IpAddresses.isValid(host)) {
      return List.of(InetAddress.getByName(host)); // a literal: no lookup
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<InetAddress> addresses = new ArrayList<>();
    for (int type : new int[] {DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA}) {
      addresses.addAll(addresses(host, ask(host, type, deadline)));
    }
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + ": no A or AAAA records (asked " + servers() + ")");
    }
    return addresses;
  }

  /** The first usable response from the nameservers in order, each given an equal share of the remaining time. */
  private DnsMessage.Response ask(String host, int type, long deadline) throws UnknownHostException {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < nameservers.size(); i++) {
      InetSocketAddress server = nameservers.get(i);
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        failures.add(describe(server) + ": not asked, time was up");
        continue;
      }
      long attemptDeadline = System.nanoTime() + remaining / (nameservers.size() - i);
      try {
        DnsMessage.Response response = exchange(server, DnsMessage.query(ids.nextInt(0x10000), host, type), attemptDeadline);
        if (response.rcode() == DnsMessage.RCODE_NXDOMAIN) {
          throw new UnknownHostException(host + ": no such name (NXDOMAIN from " + describe(server) + ")");
        }
        if (response.rcode() == 0) {
          return response;
        }
        failures.add(describe(server) + " answered " + rcodeName(response.rcode()));
      } catch (SocketTimeoutException e) {
        failures.add(describe(server) + ": no answer in time");
      } catch (UnknownHostException e) {
        throw e;
      } catch (IOException e) {
        failures.add(describe(server) + ": " + e.getMessage());
      }
    }
    throw new UnknownHostException(host + ": DNS lookup failed: " + String.join("; ", failures));
  }

  /** One query over UDP, repeated over TCP when the answer was truncated. */
  private static DnsMessage.Response exchange(InetSocketAddress server, byte[] query, long deadline) throws IOException {
    int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    DnsMessage.Response response = udp(server, query, id, deadline);
    return response.truncated() ? tcp(server, query, id, deadline) : response;
  }

  private static DnsMessage.Response udp(InetSocketAddress server, byte[] query, int id, long deadline) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server); // only the server's datagrams are received
      socket.send(new DatagramPacket(query, query.length));
      byte[] buffer = new byte[MAX_UDP_RESPONSE];
      while (true) {
        socket.setSoTimeout(remainingMillis(deadline));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] message = Arrays.copyOf(packet.getData(), packet.getLength());
        DnsMessage.Response response = DnsMessage.parse(message);
        if (response.id() == id) {
          return response;
        }
        // A late answer to an earlier query, or a spoofing attempt: keep waiting for ours.
      }
    }
  }

  private static DnsMessage.Response tcp(InetSocketAddress server, byte[] query, int id, long deadline) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, remainingMillis(deadline));
      socket.setSoTimeout(remainingMillis(deadline));
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] message = new byte[in.readUnsignedShort()];
      in.readFully(message);
      DnsMessage.Response response = DnsMessage.parse(message);
      if (response.id() != id) {
        throw new IOException("the TCP answer is for another query");
      }
      return response;
    }
  }

  /** The addresses of the name and of the names its CNAME chain leads to, in the answer's order. */
  private static List<InetAddress> addresses(String host, DnsMessage.Response response) throws UnknownHostException {
    Set<String> names = new HashSet<>();
    names.add(canonical(host));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (DnsMessage.Answer answer : response.answers()) {
        if (answer.target() != null && names.contains(canonical(answer.name()))) {
          grew |= names.add(canonical(answer.target()));
        }
      }
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (DnsMessage.Answer answer : response.answers()) {
      if (answer.address() != null && names.contains(canonical(answer.name()))) {
        addresses.add(InetAddress.getByAddress(host, answer.address()));
      }
    }
    return addresses;
  }

  private static String canonical(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    if (millis <= 0) {
      throw new SocketTimeoutException("time is up");
    }
    return (int) Math.min(millis, Integer.MAX_VALUE);
  }

  private static String rcodeName(int rcode) {
    return switch (rcode) {
      case 1 -> "FORMERR";
      case 2 -> "SERVFAIL";
      case 4 -> "NOTIMP";
      case 5 -> "REFUSED";
      default -> "response code " + rcode;
    };
  }

  private String servers() {
    return String.join(", ", nameservers.stream().map(NameserverResolver::describe).toList());
  }

  private static String describe(InetSocketAddress server) {
    String host = server.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
  }
}
