package dev.certkeeper.cli.report;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The values of a Secret as the API server returns them: base64 under {@code data}. */
final class SecretData {
  private SecretData() {}

  /** The decoded value of the key as UTF-8 text, if the key is there. */
  static Optional<String> text(Secret secret, String key) {
    if (secret.getData() == null || secret.getData().get(key) == null) {
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
  }
}
