package dev.certkeeper.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IP addresses as text the way Go's net package reads and prints them, so that an address from a
 * Certificate spec and one from an issued certificate compare equal as strings: IPv4 dotted,
 * IPv6 in the RFC 5952 short form, IPv4-mapped IPv6 as IPv4. Parsing never touches DNS.
 */
public final class IpAddresses {
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern HEXTET = Pattern.compile("[0-9a-fA-F]{1,4}");

  private IpAddresses() {}

  /** The canonical text of an IP address, for example "2001:db8::1" for "2001:DB8:0:0:0:0:0:1". */
  public static String normalise(String text) {
    return format(parse(text));
  }

  /** Whether {@link #normalise} accepts the text as an IP address. */
  public static boolean isValid(String text) {
    return bytes(text) != null;
  }

  /** The text of a 4- or 16-byte address as found in a certificate. */
  static String format(byte[] address) {
    if (address.length == 16 && isIpv4Mapped(address)) {
      return format(Arrays.copyOfRange(address, 12, 16));
    }
    if (address.length == 4) {
      return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }
    if (address.length != 16) {
      throw new PkiException("an IP address of " + address.length + " bytes is neither IPv4 nor IPv6");
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
      } else {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
          out.append(':');
        }
        out.append(Integer.toHexString(groups[i]));
      }
    }
    return out.toString();
  }

  /** The address bytes: 4 for IPv4 and IPv4-mapped IPv6 (as Go encodes them in a certificate), else 16. */
  static byte[] parse(String text) {
    byte[] address = bytes(text);
    if (address == null) {
      throw new PkiException("\"" + text + "\" is not an IP address: use a form such as 192.0.2.10 or 2001:db8::1");
    }
    return address.length == 16 && isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
  }

  /** A CIDR range as a name constraint carries it: the network address followed by the mask. */
  static byte[] cidr(String range) {
    int slash = range.indexOf('/');
    byte[] address = slash < 0 ? null : parse(range.substring(0, slash));
    int prefix = address == null ? -1 : prefixLength(range.substring(slash + 1), address.length * 8);
    if (prefix < 0) {
      throw new PkiException("\"" + range + "\" is not a CIDR range: use a form such as 10.0.0.0/8 or 2001:db8::/32");
    }
    byte[] out = new byte[address.length * 2];
    for (int i = 0; i < address.length; i++) {
      int maskBits = Math.max(0, Math.min(8, prefix - 8 * i));
      byte mask = (byte) (0xff << (8 - maskBits));
      out[i] = (byte) (address[i] & mask);
      out[address.length + i] = mask;
    }
    return out;
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.contains(":") ? ipv6(text) : ipv4(text);
  }

  private static int prefixLength(String text, int maximum) {
    if (!text.matches("[0-9]{1,3}")) {
      return -1;
    }
    int prefix = Integer.parseInt(text);
    return prefix <= maximum ? prefix : -1;
  }

  private static byte[] ipv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return null;
    }
    String[] parts = text.split("\\.");
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      int part = Integer.parseInt(parts[i]);
      if (part > 255) {
        return null;
      }
      address[i] = (byte) part;
    }
    return address;
  }

  private static byte[] ipv6(String text) {
    List<Integer> groups = new ArrayList<>();
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    List<Integer> head = hextets(halves[0], halves.length == 1);
    List<Integer> tail = halves.length == 2 ? hextets(halves[1], true) : List.of();
    if (head == null || tail == null) {
      return null;
    }
    int missing = 8 - head.size() - tail.size();
    if (halves.length == 1 ? missing != 0 : missing < 1) {
      return null;
    }
    groups.addAll(head);
    for (int i = 0; halves.length == 2 && i < missing; i++) {
      groups.add(0);
    }
    groups.addAll(tail);
    byte[] address = new byte[16];
    for (int i = 0; i < 8; i++) {
      address[2 * i] = (byte) (groups.get(i) >> 8);
      address[2 * i + 1] = (byte) (int) groups.get(i);
    }
    return address;
  }

  /** The 16-bit groups of one side of "::"; an embedded IPv4 address may end the last side. */
  private static List<Integer> hextets(String text, boolean last) {
    List<Integer> groups = new ArrayList<>();
    if (text.isEmpty()) {
      return groups;
    }
    String[] parts = text.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      if (last && i == parts.length - 1 && parts[i].contains(".")) {
        byte[] ipv4 = ipv4(parts[i]);
        if (ipv4 == null) {
          return null;
        }
        groups.add(((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff));
        groups.add(((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff));
      } else if (HEXTET.matcher(parts[i]).matches()) {
        groups.add(Integer.parseInt(parts[i], 16));
      } else {
        return null;
      }
    }
    return groups;
  }

  private static boolean isIpv4Mapped(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
  }
}
