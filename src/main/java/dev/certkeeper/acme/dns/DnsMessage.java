package dev.certkeeper.acme.dns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few parts of the DNS wire format (RFC 1035, section 4) an address lookup needs: a query for
 * one name and type with recursion desired, and the header and answer records of a response.
 */
final class DnsMessage {
  static final int TYPE_A = 1;
  static final int TYPE_CNAME = 5;
  static final int TYPE_AAAA = 28;
  static final int RCODE_NXDOMAIN = 3;
  private static final int CLASS_IN = 1;
  private static final int MAX_POINTER_JUMPS = 32;

  /** One answer record: A and AAAA carry an address, CNAME a target name; the rest are skipped. */
  record Answer(String name, int type, byte[] address, String target) {}

  /** A response's id, truncation flag, response code and answers. */
  record Response(int id, boolean truncated, int rcode, List<Answer> answers) {}

  private DnsMessage() {}

  /** A standard query with recursion desired and no EDNS, so that any resolver answers it. */
  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(12);
    header.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
    out.writeBytes(header.array());
    for (String label : name.replaceAll("\\.$", "").split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length == 0 || bytes.length > 63) {
        throw new IllegalArgumentException("\"" + name + "\" has an empty or over-long label");
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
    out.write(type >> 8);
    out.write(type);
    out.write(CLASS_IN >> 8);
    out.write(CLASS_IN);
    return out.toByteArray();
  }

  /** The response's header and answers. */
  static Response parse(byte[] message) throws IOException {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(message);
      int id = buffer.getShort() & 0xffff;
      int flags = buffer.getShort() & 0xffff;
      if ((flags & 0x8000) == 0) {
        throw new IOException("malformed DNS response: the message is a query");
      }
      int questions = buffer.getShort() & 0xffff;
      int answers = buffer.getShort() & 0xffff;
      buffer.getShort(); // authority records: not needed
      buffer.getShort(); // additional records: not needed
      for (int i = 0; i < questions; i++) {
        name(message, buffer);
        buffer.position(buffer.position() + 4);
      }
      List<Answer> records = new ArrayList<>();
      for (int i = 0; i < answers; i++) {
        String name = name(message, buffer);
        int type = buffer.getShort() & 0xffff;
        buffer.getShort(); // class
        buffer.getInt(); // TTL
        int length = buffer.getShort() & 0xffff;
        int end = buffer.position() + length;
        if (end > message.length) {
          throw new IOException("malformed DNS response: a record runs past the end");
        }
        if ((type == TYPE_A && length == 4) || (type == TYPE_AAAA && length == 16)) {
          byte[] address = new byte[length];
          buffer.get(address);
          records.add(new Answer(name, type, address, null));
        } else if (type == TYPE_CNAME) {
          records.add(new Answer(name, type, null, name(message, buffer)));
        }
        buffer.position(end);
      }
      return new Response(id, (flags & 0x0200) != 0, flags & 0x000f, records);
    } catch (RuntimeException e) {
      // BufferUnderflowException or IllegalArgumentException from a position past the end.
      throw new IOException("malformed DNS response: it ends early", e);
    }
  }

  /** A possibly compressed name starting at the buffer's position, which is left after it. */
  private static String name(byte[] message, ByteBuffer buffer) throws IOException {
    StringBuilder name = new StringBuilder();
    int position = buffer.position();
    int resumeAt = -1;
    for (int jumps = 0; ; ) {
      int length = message[position] & 0xff;
      if ((length & 0xc0) == 0xc0) {
        if (++jumps > MAX_POINTER_JUMPS) {
          throw new IOException("malformed DNS response: a name's compression pointers loop");
        }
        if (resumeAt < 0) {
          resumeAt = position + 2;
        }
        position = ((length & 0x3f) << 8) | (message[position + 1] & 0xff);
        continue;
      }
      if (length == 0) {
        buffer.position(resumeAt < 0 ? position + 1 : resumeAt);
        return name.length() == 0 ? "." : name.toString();
      }
      if (length > 63) {
        throw new IOException("malformed DNS response: a label of " + length + " bytes");
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(message, position + 1, length, StandardCharsets.US_ASCII));
      position += 1 + length;
    }
  }
}
