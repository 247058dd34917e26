package dev.certkeeper.acme.http01;

import dev.certkeeper.pki.IpAddresses;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The three values of an HTTP-01 challenge that end up in object names, URL paths and process
 * arguments, checked first: they come from the CA and from the Challenge spec, and a value with a
 * slash, a space or a newline must never reach a path, an argument list or a label.
 *
 * <p>Only JDK classes and {@link IpAddresses} are used, so the solver process can load this class
 * without the Kubernetes client.
 *
 * @param dnsName the identifier: a DNS name (optionally {@code *.}-prefixed) or an IP address
 * @param token the challenge token: base64url characters only (RFC 8555, section 8.3)
 * @param key the key authorization: {@code <token>.<base64url SHA-256 JWK thumbprint>} (section 8.1)
 */
public record ChallengeInputs(String dnsName, String token, String key) {
  /** The prefix of every URL path the CA requests (RFC 8555, section 8.3). */
  public static final String PATH_PREFIX = "/.well-known/acme-challenge/";
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  /** A base64url SHA-256 digest without padding: 32 bytes make 43 characters. */
  private static final int THUMBPRINT_LENGTH = 43;
  /** Far above any CA's tokens (Let's Encrypt and Pebble use 43), low enough for an argument list. */
  private static final int MAX_TOKEN_LENGTH = 256;

  /** Refuses invalid values with {@link IllegalArgumentException}; see {@link #problem}. */
  public ChallengeInputs {
    problem(dnsName, token, key).ifPresent(message -> {
      throw new IllegalArgumentException(message);
    });
  }

  /** What is wrong with the values, naming the field and the reason; empty when they can be used. */
  public static Optional<String> problem(String dnsName, String token, String key) {
    return dnsNameProblem(dnsName).or(() -> tokenProblem(token)).or(() -> keyProblem(token, key));
  }

  /** The URL path the CA requests for a token. */
  public static String challengePath(String token) {
    return PATH_PREFIX + token;
  }

  /** Whether the identifier is an IP address rather than a DNS name. */
  public boolean isIpAddress() {
    return IpAddresses.isValid(dnsName);
  }

  private static Optional<String> dnsNameProblem(String dnsName) {
    if (dnsName == null || dnsName.isEmpty()) {
      return Optional.of("dnsName is empty");
    }
    if (IpAddresses.isValid(dnsName)) {
      return Optional.empty();
    }
    String name = dnsName.startsWith("*.") ? dnsName.substring(2) : dnsName;
    if (dnsName.length() > 253) {
      return Optional.of("dnsName " + quoted(dnsName) + " is longer than the 253 characters of a DNS name");
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return Optional.of("dnsName " + quoted(dnsName) + " is neither an IP address nor a DNS name: label " + quoted(label)
            + " must be 1 to 63 letters, digits or inner hyphens");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tokenProblem(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.of("token is empty");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Optional.of("token is " + token.length() + " characters long; at most " + MAX_TOKEN_LENGTH + " are accepted");
    }
    if (!BASE64URL.matcher(token).matches()) {
      return Optional.of("token " + quoted(token) + " has characters outside the base64url alphabet (A-Z a-z 0-9 - _)");
    }
    return Optional.empty();
  }

  private static Optional<String> keyProblem(String token, String key) {
    if (key == null || !key.startsWith(token + ".")) {
      return Optional.of("key must start with the token followed by a dot (<token>.<thumbprint>)");
    }
    String thumbprint = key.substring(token.length() + 1);
    if (thumbprint.length() != THUMBPRINT_LENGTH || !BASE64URL.matcher(thumbprint).matches()) {
      return Optional.of("key must end in the account key's thumbprint: " + THUMBPRINT_LENGTH
          + " base64url characters (a SHA-256 digest), got " + quoted(thumbprint));
    }
    return Optional.empty();
  }

  /** Quotes a value for a message, with control characters shown as '?' so a message stays one line. */
  private static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
