package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;

/** An extra key in the Secret: {@code key.der} (DER) or {@code tls-combined.pem} (CombinedPEM). */
@ApiType
public record CertificateOutputFormat(@Required Type type) {
  /** The output format. */
  public enum Type {
    @JsonProperty("DER") DER,
    @JsonProperty("CombinedPEM") COMBINED_PEM
  }
}
