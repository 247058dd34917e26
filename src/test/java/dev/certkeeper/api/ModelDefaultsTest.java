package dev.certkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.ServiceType;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.JksKeystore;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.Pkcs12Keystore;
import dev.certkeeper.api.certmanager.Pkcs12Profile;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import dev.certkeeper.api.certmanager.RotationPolicy;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.api.meta.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** cert-manager's defaults, applied in-process so stored objects keep exactly what the user wrote. */
class ModelDefaultsTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static CertificateSpec minimalSpec() {
    String yaml =
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web}
        spec:
          secretName: web-tls
          dnsNames: [web.example.com]
          issuerRef: {name: ca}
        """;
    return SERIALIZATION.unmarshal(yaml, Certificate.class).getSpec();
  }

  @Test
  void certificateDefaultsMatchCertManager() {
    CertificateSpec spec = minimalSpec();
    assertThat(spec.effectiveDuration()).isEqualTo(Duration.ofDays(90));
    assertThat(spec.effectiveUsages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
    assertThat(spec.effectiveEncodeUsagesInRequest()).isTrue();
    assertThat(spec.effectiveRevisionHistoryLimit()).isEqualTo(1);
    assertThat(spec.effectiveIsCA()).isFalse();
    CertificatePrivateKey key = spec.effectivePrivateKey();
    assertThat(key.effectiveAlgorithm()).isEqualTo(PrivateKeyAlgorithm.RSA);
    assertThat(key.effectiveSize()).isEqualTo(2048);
    assertThat(key.effectiveEncoding()).isEqualTo(PrivateKeyEncoding.PKCS1);
    assertThat(key.effectiveRotationPolicy()).isEqualTo(RotationPolicy.ALWAYS);
    assertThat(spec.issuerRef().effectiveKind()).isEqualTo("Issuer");
    assertThat(spec.issuerRef().effectiveGroup()).isEqualTo("cert-manager.io");
  }

  @Test
  void defaultsAreNotWrittenBack() {
    String json = SERIALIZATION.asJson(minimalSpec());
    assertThat(json).isEqualTo("{\"dnsNames\":[\"web.example.com\"],\"secretName\":\"web-tls\",\"issuerRef\":{\"name\":\"ca\"}}");
  }

  static Stream<Arguments> privateKeys() {
    return Stream.of(
        Arguments.of(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.ECDSA, null), 256, PrivateKeyEncoding.PKCS1),
        Arguments.of(new CertificatePrivateKey(null, null, PrivateKeyAlgorithm.ECDSA, 384), 384, PrivateKeyEncoding.PKCS1),
        Arguments.of(new CertificatePrivateKey(null, PrivateKeyEncoding.PKCS8, PrivateKeyAlgorithm.RSA, 4096), 4096, PrivateKeyEncoding.PKCS8),
        Arguments.of(new CertificatePrivateKey(null, PrivateKeyEncoding.PKCS1, PrivateKeyAlgorithm.ED25519, null), 0, PrivateKeyEncoding.PKCS8),
        Arguments.of(new CertificatePrivateKey(RotationPolicy.NEVER, null, null, 0), 2048, PrivateKeyEncoding.PKCS1));
  }

  @ParameterizedTest
  @MethodSource("privateKeys")
  void privateKeySizeAndEncodingFollowTheAlgorithm(CertificatePrivateKey key, int size, PrivateKeyEncoding encoding) {
    assertThat(key.effectiveSize()).isEqualTo(size);
    assertThat(key.effectiveEncoding()).isEqualTo(encoding);
  }

  @Test
  void keystoreAndSolverDefaults() {
    assertThat(new JksKeystore(true, null, new SecretKeySelector("pw", "password"), null).effectiveAlias()).isEqualTo("certificate");
    assertThat(new Pkcs12Keystore(true, null, null, "changeit").effectiveProfile()).isEqualTo(Pkcs12Profile.LEGACY_RC2);
    assertThat(new Http01IngressSolver(null, "nginx", null, null, null, null).effectiveServiceType()).isEqualTo(ServiceType.NODE_PORT);
    assertThat(new SecretKeySelector("account", null).keyOr("tls.key")).isEqualTo("tls.key");
  }

  @Test
  void anEmptyServiceTypeIsTheDefaultNodePortAsInCertManager() {
    Http01IngressSolver solver = SERIALIZATION.unmarshal("{\"serviceType\": \"\"}", Http01IngressSolver.class);
    assertThat(solver.effectiveServiceType()).isEqualTo(ServiceType.NODE_PORT);
  }

  @Test
  void externalIssuerGroupsAreKept() {
    IssuerReference external = new IssuerReference("pca", "AWSPCAClusterIssuer", "awspca.cert-manager.io");
    assertThat(external.external()).isTrue();
    assertThat(new IssuerReference("ca", null, "").external()).isFalse();
  }

  @Test
  void usagesGivenAreUsedAsWritten() {
    CertificateSpec spec = minimalSpec();
    CertificateSpec withUsages =
        new CertificateSpec(
            null, null, null, null, null, null, spec.dnsNames(), null, null, null, null, spec.secretName(), null, null,
            spec.issuerRef(), null, List.of(KeyUsage.SERVER_AUTH), null, null, null, null, null, null, null);
    assertThat(withUsages.effectiveUsages()).containsExactly(KeyUsage.SERVER_AUTH);
  }
}
