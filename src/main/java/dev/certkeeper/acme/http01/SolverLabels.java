package dev.certkeeper.acme.http01;

import dev.certkeeper.api.acme.Challenge;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Adler32;

/**
 * The labels that identify the solver objects of one challenge, as cert-manager writes them, so
 * that its objects and certkeeper's are found by the same selectors. The Service selects the Pod
 * with them, which is why nothing may override them.
 */
public final class SolverLabels {
  public static final String SOLVER = "acme.cert-manager.io/http01-solver";
  public static final String DOMAIN = "acme.cert-manager.io/http-domain";
  public static final String TOKEN = "acme.cert-manager.io/http-token";

  private SolverLabels() {}

  /** The three identity labels: the solver marker and the Adler-32 checksums (decimal) of the name and the token. */
  public static Map<String, String> identity(Challenge challenge) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SOLVER, "true");
    labels.put(DOMAIN, adler32(challenge.getSpec().dnsName()));
    labels.put(TOKEN, adler32(challenge.getSpec().token()));
    return labels;
  }

  /** The layers in order, a later one winning, and then the identity labels, which always win. */
  @SafeVarargs
  static Map<String, String> merged(Challenge challenge, Map<String, String>... layers) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map<String, String> layer : layers) {
      if (layer != null) {
        labels.putAll(layer);
      }
    }
    labels.putAll(identity(challenge));
    return labels;
  }

  static String adler32(String text) {
    Adler32 checksum = new Adler32();
    checksum.update(text.getBytes(StandardCharsets.UTF_8));
    return Long.toString(checksum.getValue());
  }
}
