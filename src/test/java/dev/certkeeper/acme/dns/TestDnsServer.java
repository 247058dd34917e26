package dev.certkeeper.acme.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny DNS responder on 127.0.0.1, UDP and TCP on the same port, answering from a function of
 * the question; for the resolver's tests only.
 */
final class TestDnsServer implements AutoCloseable {
  /** What to answer: a response code, whether UDP answers are truncated, and the records. */
  record Reply(int rcode, boolean truncatedOverUdp, List<Record> records, boolean decoyFirst) {
    static Reply of(Record... records) {
      return new Reply(0, false, List.of(records), false);
    }
  }

  /** One answer record: owner name, type and raw rdata (a name in rdata is written uncompressed). */
  record Record(String name, int type, byte[] data) {}

  interface Answers {
    Reply answer(String name, int type);
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  final AtomicInteger udpQueries = new AtomicInteger();
  final AtomicInteger tcpQueries = new AtomicInteger();

  TestDnsServer(Answers answers) throws IOException {
    tcp = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()));
    Thread udpLoop = new Thread(() -> serveUdp(answers), "test-dns-udp");
    udpLoop.setDaemon(true);
    udpLoop.start();
    Thread tcpLoop = new Thread(() -> serveTcp(answers), "test-dns-tcp");
    tcpLoop.setDaemon(true);
    tcpLoop.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort());
  }

  static byte[] name(String name) {
    ByteBuffer out = ByteBuffer.allocate(256);
    for (String label : name.split("\\.")) {
      out.put((byte) label.length()).put(label.getBytes());
    }
    out.put((byte) 0);
    return Arrays.copyOf(out.array(), out.position());
  }

  private void serveUdp(Answers answers) {
    byte[] buffer = new byte[512];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        udpQueries.incrementAndGet();
        byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
        Reply reply = answer(answers, query);
        if (reply == null) {
          continue; // stay silent
        }
        if (reply.decoyFirst()) {
          byte[] decoy = response(query, reply, false);
          decoy[0] ^= 0x55;
          udp.send(new DatagramPacket(decoy, decoy.length, packet.getSocketAddress()));
        }
        byte[] response = response(query, reply, reply.truncatedOverUdp());
        udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveTcp(Answers answers) {
    while (!tcp.isClosed()) {
      try (Socket socket = tcp.accept()) {
        tcpQueries.incrementAndGet();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        byte[] response = response(query, answer(answers, query), false);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeShort(response.length);
        out.write(response);
        out.flush();
      } catch (IOException e) {
        if (tcp.isClosed()) {
          return;
        }
      }
    }
  }

  private static Reply answer(Answers answers, byte[] query) {
    StringBuilder name = new StringBuilder();
    int position = 12;
    while (query[position] != 0) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(query, position + 1, query[position]));
      position += query[position] + 1;
    }
    int type = ((query[position + 1] & 0xff) << 8) | (query[position + 2] & 0xff);
    return answers.answer(name.toString(), type);
  }

  private static byte[] response(byte[] query, Reply reply, boolean truncated) {
    ByteBuffer out = ByteBuffer.allocate(4096);
    int questionEnd = 12;
    while (query[questionEnd] != 0) {
      questionEnd += query[questionEnd] + 1;
    }
    questionEnd += 5;
    List<Record> records = truncated ? List.of() : reply.records();
    out.put(query, 0, 2)
        .putShort((short) (0x8180 | (truncated ? 0x0200 : 0) | reply.rcode()))
        .putShort((short) 1)
        .putShort((short) records.size())
        .putShort((short) 0)
        .putShort((short) 0)
        .put(query, 12, questionEnd - 12);
    for (Record record : records) {
      out.put(name(record.name())).putShort((short) record.type()).putShort((short) 1).putInt(60)
          .putShort((short) record.data().length).put(record.data());
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
