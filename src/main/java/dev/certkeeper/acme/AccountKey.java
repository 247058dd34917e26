package dev.certkeeper.acme;

import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import dev.certkeeper.api.meta.SecretKeySelector;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.pki.PkiException;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * An ACME account key, kept in the Secret named by {@code privateKeySecretRef}: read, or generated
 * once (RSA-2048, PKCS#1, as cert-manager) when the issuer allows it. The key is the account: it is
 * never replaced once written.
 *
 * @param keyPair the account's key pair
 * @param hash base64 SHA-256 of the key's PKCS#1 DER, cert-manager's {@code lastPrivateKeyHash}
 */
public record AccountKey(KeyPair keyPair, String hash) {
  static final String DEFAULT_KEY = "tls.key";

  /** Why the account key cannot be had; the message names the Secret and what to do. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  /** Reads the key, generating and storing it first when absent and {@code generate} is true. */
  public static AccountKey readOrCreate(KubernetesClient client, String namespace, SecretKeySelector ref, boolean generate) {
    String key = ref.keyOr(DEFAULT_KEY);
    String where = "Secret \"" + namespace + "/" + ref.name() + "\"";
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
      if (secret == null) {
        if (!generate) {
          throw new Unavailable(where + " with the ACME account key does not exist, and disableAccountKeyGeneration forbids creating it");
        }
        secret = create(client, namespace, ref.name(), key);
      }
    } catch (KubernetesClientException e) {
      // A Secret quota, a policy on Secrets, no access to the namespace: said on the issuer like a missing key.
      throw new Unavailable("cannot read or create " + where + " holding the ACME account key: " + ApiErrors.describe(e));
    }
    String pem =
        Optional.ofNullable(secret.getData()).map(d -> d.get(key)).map(b -> new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8)).orElse(null);
    if (pem == null) {
      throw new Unavailable(where + " has no key \"" + key + "\" holding the ACME account key");
    }
    try {
      PrivateKey privateKey = PrivateKeys.parsePem(pem);
      return of(new KeyPair(PrivateKeys.publicKey(privateKey), privateKey));
    } catch (PkiException e) {
      throw new Unavailable(where + ", key \"" + key + "\": " + e.getMessage());
    }
  }

  static AccountKey of(KeyPair pair) {
    byte[] der = PrivateKeys.toDer(pair.getPrivate(), PrivateKeyEncoding.PKCS1);
    try {
      return new AccountKey(pair, Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Secret create(KubernetesClient client, String namespace, String name, String key) {
    KeyPair pair = PrivateKeys.generate(new CertificatePrivateKey(null, PrivateKeyEncoding.PKCS1, PrivateKeyAlgorithm.RSA, 2048));
    String pem = PrivateKeys.toPem(pair.getPrivate(), PrivateKeyEncoding.PKCS1);
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Map.of("app.kubernetes.io/managed-by", "certkeeper"))
            .endMetadata()
            .withType("Opaque")
            .withData(Map.of(key, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))))
            .build();
    try {
      return client.secrets().inNamespace(namespace).resource(secret).create();
    } catch (KubernetesClientException e) {
      if (ApiErrors.isAlreadyExists(e)) {
        // Someone wrote it first (a second operator, or the user): that key wins.
        return client.secrets().inNamespace(namespace).withName(name).get();
      }
      throw e;
    }
  }
}
