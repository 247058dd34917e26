package dev.certkeeper.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text: certificate chains for Secrets and CertificateRequests, and the blocks other classes read. */
public final class Pem {
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  /** One PEM block, numbered from 1 in the text so that errors can point at it. */
  record Block(int number, String type, List<String> headers, byte[] der) {
    /** Whether the block carries RFC 1421 encryption headers, as OpenSSL's legacy encrypted keys do. */
    boolean encrypted() {
      return headers.stream().anyMatch(header -> header.startsWith("Proc-Type:") && header.contains("ENCRYPTED"));
    }
  }

  private Pem() {}

  /** The certificates as consecutive CERTIFICATE blocks, in the order given. */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        out.append(encode("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new PkiException("certificate " + certificate.getSubjectX500Principal() + " cannot be encoded", e);
      }
    }
    return out.toString();
  }

  /**
   * Every certificate in the text, in order. Whitespace and line endings around and inside the
   * blocks do not matter; a block that is not a valid certificate fails with its number.
   */
  public static List<X509Certificate> parseCertificates(String pem) {
    List<Block> blocks = blocks(pem);
    if (blocks.isEmpty()) {
      throw new PkiException("no PEM certificate found: expected -----BEGIN CERTIFICATE----- blocks");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks) {
      if (!block.type().equals("CERTIFICATE")) {
        throw new PkiException("PEM block " + block.number() + " is a " + block.type() + ", not a CERTIFICATE");
      }
      try {
        certificates.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException e) {
        throw new PkiException("PEM block " + block.number() + " (CERTIFICATE) is not a valid X.509 certificate", e);
      }
    }
    return certificates;
  }

  static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher begin = BEGIN.matcher(text == null ? "" : text);
    int from = 0;
    while (begin.find(from)) {
      int number = blocks.size() + 1;
      String type = begin.group(1);
      String endLine = "-----END " + type + "-----";
      int end = text.indexOf(endLine, begin.end());
      if (end < 0) {
        throw new PkiException("PEM block " + number + " (" + type + ") has no " + endLine + " line");
      }
      blocks.add(block(number, type, text.substring(begin.end(), end)));
      from = end + endLine.length();
    }
    return blocks;
  }

  private static Block block(int number, String type, String body) {
    List<String> headers = new ArrayList<>();
    StringBuilder base64 = new StringBuilder();
    for (String line : body.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.contains(":")) {
        headers.add(trimmed);
      } else {
        base64.append(trimmed.replaceAll("\\s", ""));
      }
    }
    try {
      return new Block(number, type, List.copyOf(headers), Base64.getDecoder().decode(base64.toString()));
    } catch (IllegalArgumentException e) {
      throw new PkiException("PEM block " + number + " (" + type + ") is not valid base64", e);
    }
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}
