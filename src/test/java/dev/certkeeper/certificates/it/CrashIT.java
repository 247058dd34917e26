package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PrivateKeys;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL of the operator at each step of an issuance, then a restart: the certificate is issued
 * once, with the private key that belongs to it, and no request or next-key Secret is left behind.
 */
@ExtendWith(LocalControlPlane.class)
class CrashIT {
  private static final String NEXT_KEY_LABEL = "cert-manager.io/next-private-key";
  private static LocalEnvironment environment;
  private static Fixture fixture;
  /**
   * Every next-key Secret that ever existed, from a watch: one lives only while its issuance runs,
   * which can be shorter than a poll's interval, and a watch sees it even when it is gone.
   */
  private static final Set<String> nextKeySecretsSeen = ConcurrentHashMap.newKeySet();
  private static Watch nextKeyWatch;
  private static volatile WatcherException nextKeyWatchClosed;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "crash");
    nextKeyWatch =
        fixture.client.secrets().inNamespace(fixture.namespace).withLabel(NEXT_KEY_LABEL, "true").watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, Secret secret) {
            nextKeySecretsSeen.add(secret.getMetadata().getName());
          }

          @Override
          public void onClose(WatcherException cause) {
            nextKeyWatchClosed = cause;
          }
        });
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    fixture.awaitIssuer("selfsigned", "True");
  }

  @AfterAll
  static void operatorRunsAgain() {
    nextKeyWatch.close();
    environment.operator("ensure");
  }

  static Stream<Arguments> killPoints() {
    return Stream.of(
        Arguments.of("right after the Certificate is created", (Predicate<String>) name -> true),
        Arguments.of("once the next private key Secret exists", (Predicate<String>) CrashIT::nextKeySecretSeen),
        Arguments.of("once the CertificateRequest exists", (Predicate<String>) name -> request(name).isPresent()),
        Arguments.of("once the CertificateRequest is signed", (Predicate<String>) name -> request(name).map(r -> r.getStatus() != null && Conditions.isTrue(r.getStatus().conditions(), "Ready")).orElse(false)),
        Arguments.of("once the Secret is written", (Predicate<String>) name -> fixture.secret(name + "-tls").isPresent()));
  }

  @ParameterizedTest(name = "killed {0}")
  @MethodSource("killPoints")
  void issuesOnceAndKeepsTheKeyAfterASigkill(String point, Predicate<String> reached) {
    String name = "crash-" + Integer.toHexString(point.hashCode() & 0xfffff);
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name
            + "-tls, dnsNames: [" + name + ".example.com], issuerRef: {name: selfsigned}, privateKey: {algorithm: ECDSA}}");
    Await.until(Duration.ofSeconds(30), "kill point: " + point, () -> Optional.of(name).filter(reached), () -> "not reached");
    environment.operator("kill");
    environment.operator("start");

    Certificate issued = fixture.awaitRevision(name, 1);
    assertThat(issued.getStatus().revision()).as("issued once").isEqualTo(1);
    Secret secret = fixture.secret(name + "-tls").orElseThrow();
    var certificate = Pem.parseCertificates(Fixture.text(secret, "tls.crt")).get(0);
    assertThat(PrivateKeys.matches(PrivateKeys.parsePem(Fixture.text(secret, "tls.key")), certificate.getPublicKey()))
        .as("the stored key is the certificate's key")
        .isTrue();
    assertThat(fixture.requests()).filteredOn(r -> r.getMetadata().getName().startsWith(name + "-")).extracting(r -> r.getMetadata().getName()).containsExactly(name + "-1");
    Await.until(Duration.ofSeconds(10), "no next-key Secret left", () -> Optional.of(name).filter(n -> nextKeySecrets(n).isEmpty()), () -> nextKeySecrets(name).toString());
  }

  private static boolean nextKeySecretSeen(String certificate) {
    if (nextKeyWatchClosed != null) {
      throw new AssertionError("the watch of next-key Secrets closed: " + nextKeyWatchClosed.getMessage(), nextKeyWatchClosed);
    }
    return nextKeySecretsSeen.stream().anyMatch(n -> n.startsWith(certificate + "-"));
  }

  private static Optional<CertificateRequest> request(String certificate) {
    return Optional.ofNullable(fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName(certificate + "-1").get());
  }

  private static List<String> nextKeySecrets(String certificate) {
    return fixture.client.secrets().inNamespace(fixture.namespace).withLabel(NEXT_KEY_LABEL, "true").list().getItems().stream()
        .map(s -> s.getMetadata().getName())
        .filter(n -> n.startsWith(certificate + "-"))
        .toList();
  }
}
