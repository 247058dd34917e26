package dev.certkeeper.certificates.policy;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;

/** The target Secret as the caller read and parsed it, so that checks never parse. */
public record SecretState(
    boolean exists,
    Map<String, String> annotations,
    Set<String> dataKeys,
    X509Certificate certificate,
    String certificateError,
    PrivateKey privateKey,
    String privateKeyError) {
  public static final String TLS_CERT = "tls.crt";
  public static final String TLS_KEY = "tls.key";

  // dataKeys holds the data keys whose value is not empty. When tls.crt (tls.key) is among them,
  // exactly one of the parsed leaf certificate (private key) and its parse error is set.
  public SecretState {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    dataKeys = dataKeys == null ? Set.of() : Set.copyOf(dataKeys);
    if (!exists && !(annotations.isEmpty() && dataKeys.isEmpty())) {
      throw new IllegalArgumentException("a Secret that does not exist has no annotations or data");
    }
    requireParsedIfPresent(dataKeys.contains(TLS_CERT), certificate, certificateError, TLS_CERT);
    requireParsedIfPresent(dataKeys.contains(TLS_KEY), privateKey, privateKeyError, TLS_KEY);
  }

  /** The state of a Secret that is not there. */
  public static SecretState missing() {
    return new SecretState(false, Map.of(), Set.of(), null, null, null, null);
  }

  // A half-filled state would make a check report the wrong reason, so the contract is enforced here.
  private static void requireParsedIfPresent(boolean present, Object parsed, String error, String key) {
    boolean parsedXorError = (parsed != null) != (error != null);
    if (present ? !parsedXorError : parsed != null || error != null) {
      throw new IllegalArgumentException(
          present
              ? key + " is present: give either its parsed value or its parse error"
              : key + " is absent: give neither a parsed value nor a parse error");
    }
  }
}
