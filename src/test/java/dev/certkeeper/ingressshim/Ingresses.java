package dev.certkeeper.ingressshim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.certkeeper.api.certmanager.CertificateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Ingresses and expected Certificate specs for the ingress-shim's unit tests. */
final class Ingresses {
  static final String UID = "5f0c6d62-3c2a-4d8e-9b55-2a2f5e0e1f00";
  /** The TLS entry of most tests: two hosts into Secret web-tls. */
  static final IngressTLS WEB = tls("web-tls", "web.example.com", "www.example.com");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Ingresses() {}

  /** Ingress apps/web with these annotations and TLS entries. */
  static Ingress ingress(Map<String, String> annotations, IngressTLS... tls) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("apps")
        .withUid(UID)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withTls(tls)
        .endSpec()
        .build();
  }

  static IngressTLS tls(String secretName, String... hosts) {
    return new IngressTLS(hosts.length == 0 ? null : List.of(hosts), secretName);
  }

  /** The annotations, with {@code cert-manager.io/cluster-issuer: ca} unless they name an issuer themselves. */
  static Map<String, String> withClusterIssuer(Map<String, String> annotations) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(IngressAnnotations.CLUSTER_ISSUER, "ca");
    all.putAll(annotations);
    return all;
  }

  /**
   * The spec of the Certificate for {@link #WEB} from ClusterIssuer ca with the default usages,
   * with top-level fields replaced or added by the given YAML lines.
   */
  static CertificateSpec spec(String... lines) {
    Map<String, String> fields = new LinkedHashMap<>();
    Arrays.asList(
            "secretName: web-tls",
            "dnsNames: [web.example.com, www.example.com]",
            "issuerRef: {name: ca, kind: ClusterIssuer, group: cert-manager.io}",
            "usages: [digital signature, key encipherment]")
        .forEach(line -> fields.put(line.substring(0, line.indexOf(':')), line));
    Arrays.stream(lines).forEach(line -> fields.put(line.substring(0, line.indexOf(':')), line));
    try {
      return YAML.readValue(fields.values().stream().collect(Collectors.joining("\n")), CertificateSpec.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
