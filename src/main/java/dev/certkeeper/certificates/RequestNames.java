package dev.certkeeper.certificates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of CertificateRequests: {@code <certificate>-<revision>}, stable so that a restart finds
 * the request it already made instead of making another. Over-long names keep a prefix and a hash,
 * as cert-manager does, to stay within the 253 characters of an object name.
 */
public final class RequestNames {
  private static final int MAX_LENGTH = 253;
  private static final int PREFIX_LENGTH = 168;

  private RequestNames() {}

  /** The name of the request for this revision of the certificate. */
  public static String of(String certificateName, int revision) {
    String name = certificateName + "-" + revision;
    if (name.length() <= MAX_LENGTH - 20) {
      return name;
    }
    return certificateName.substring(0, PREFIX_LENGTH).replaceAll("[-.]+$", "") + "-" + sha256(name).substring(0, 64);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
