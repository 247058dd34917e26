package dev.certkeeper.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.cli.Main;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user commands against the local control plane: their output names what the cluster holds,
 * renew makes the operator issue the next revision, and the launcher works as a kubectl plugin.
 */
@ExtendWith(LocalControlPlane.class)
class CliIT {
  private static final Duration ACME_TIMEOUT = Duration.ofSeconds(90);
  private static LocalEnvironment environment;
  private static Fixture fixture;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "cli");
    fixture.caIssuer("ca", "certkeeper cli root");
  }

  /** Runs the command line in this JVM, against the local API server in this test's namespace. */
  private static Run certkeeper(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", environment.env("KUBECONFIG")));
    if (!List.of(args).contains("-A") && !List.of(args).contains("check")) {
      all.addAll(List.of("-n", fixture.namespace));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Certificate issue(String name, String labels) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + ", labels: {" + labels + "}}\n"
            + "spec: {secretName: " + name + "-tls, dnsNames: [" + name + ".cli.example.com], issuerRef: {name: ca}}\n");
    return fixture.awaitRevision(name, 1);
  }

  @Test
  void statusShowsWhatARestrictedUserMayNotReadAndTheRest(@TempDir Path directory) throws IOException {
    issue("limited", "app: limited");
    // A namespace role over Certificates and their requests, Orders and Challenges, and Events: not Issuers, not Secrets.
    fixture.client.resource(new ServiceAccountBuilder().withNewMetadata().withName("viewer").withNamespace(fixture.namespace).endMetadata().build()).create();
    fixture.client.resource(new RoleBuilder().withNewMetadata().withName("viewer").withNamespace(fixture.namespace).endMetadata()
        .addNewRule().withApiGroups("cert-manager.io", "acme.cert-manager.io").withResources("certificates", "certificaterequests", "orders", "challenges")
        .withVerbs("get", "list").endRule()
        .addNewRule().withApiGroups("").withResources("events").withVerbs("list").endRule()
        .build()).create();
    fixture.client.resource(new RoleBindingBuilder().withNewMetadata().withName("viewer").withNamespace(fixture.namespace).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "viewer")
        .addNewSubject().withKind("ServiceAccount").withName("viewer").withNamespace(fixture.namespace).endSubject()
        .build()).create();
    String token = fixture.client.serviceAccounts().inNamespace(fixture.namespace).withName("viewer")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build()).getStatus().getToken();
    Path kubeconfig = Files.writeString(directory.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: local, cluster: {server: '%s', insecure-skip-tls-verify: true}}]
        users: [{name: viewer, user: {token: '%s'}}]
        contexts: [{name: viewer, context: {cluster: local, user: viewer, namespace: %s}}]
        current-context: viewer
        """.formatted(fixture.client.getConfiguration().getMasterUrl(), token, fixture.namespace));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("status", "certificate", "limited", "--kubeconfig", kubeconfig.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("\n  Issuer: +Issuer ca: cannot read it: the API server answered 403: issuers.cert-manager.io \"ca\" is forbidden")
        .contains("\nSecret limited-tls: cannot read it: the API server answered 403: secrets \"limited-tls\" is forbidden")
        .contains("\nCertificateRequest limited-1 (revision 1), created ")
        .containsPattern("\n    Ready +True +Issued ");
  }

  @Test
  void statusShowsTheCertificateItsIssuerSecretAndRequestWithEvents() {
    issue("web", "app: web");

    Run run = certkeeper("status", "certificate", "web");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Certificate web in namespace " + fixture.namespace + ", created ")
        .containsPattern("\n  Issuer: +Issuer ca: Ready True, KeyPairVerified")
        .containsPattern("\n  Revision: +1\n")
        .containsPattern("\n    Ready +True +Ready ")
        .contains("\nSecret web-tls\n")
        .containsPattern("\n  Issuer: +CN=certkeeper cli root\n")
        .containsPattern("\n  DNS names: +web.cli.example.com\n")
        .containsPattern("\n  Key: +RSA 2048\n")
        .contains("\nCertificateRequest web-1 (revision 1), created ")
        .containsPattern("\n    Approved +True +cert-manager.io ")
        .containsPattern("\n    Ready +True +Issued ")
        .containsPattern("\n    Normal +Issuing ");
    assertThat(run.out()).doesNotContain("\nOrder ", "\nChallenge ");
  }

  @Test
  void statusAsJsonHoldsTheSameData() throws IOException {
    issue("json", "app: json");

    Run run = certkeeper("status", "certificate", "json", "-o", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode document = new ObjectMapper().readTree(run.out());
    assertThat(document.at("/certificate/revision").asInt()).isEqualTo(1);
    assertThat(document.at("/secret/certificate/dnsNames/0").asText()).isEqualTo("json.cli.example.com");
    assertThat(document.at("/certificateRequest/name").asText()).isEqualTo("json-1");
    assertThat(Manifests.parse(certkeeper("status", "cert", "json", "-o", "yaml").out()).at("/issuer/name").asText()).isEqualTo("ca");
  }

  @Test
  void statusOfAMissingCertificateFailsWithExitCode1() {
    Run run = certkeeper("status", "certificate", "nope");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: Certificate nope not found in namespace " + fixture.namespace + "\n");
  }

  @Test
  void renewMakesTheOperatorIssueTheNextRevision() {
    issue("renewed", "app: renewed");
    X509Certificate before = leaf(fixture.secret("renewed-tls").orElseThrow());

    Run run = certkeeper("renew", "renewed");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Manually triggered issuance of Certificate " + fixture.namespace + "/renewed\n");
    fixture.awaitRevision("renewed", 2);
    X509Certificate after = Await.until(
        Fixture.TIMEOUT,
        "the Secret holds the certificate of revision 2",
        () -> fixture.secret("renewed-tls").map(CliIT::leaf).filter(c -> !c.getSerialNumber().equals(before.getSerialNumber())),
        () -> "still serial " + before.getSerialNumber());
    assertThat(after.getSubjectX500Principal()).isEqualTo(before.getSubjectX500Principal());
    fixture.awaitEventReasons(fixture.certificate("renewed"), "Issuing");
  }

  @Test
  void renewAllWithASelectorRenewsOnlyTheSelectedCertificatesInAnyNamespace() {
    issue("batch-a", "batch: " + fixture.namespace);
    issue("batch-b", "batch: " + fixture.namespace);
    issue("unselected", "batch: other");

    Run run = certkeeper("renew", "--all", "-A", "-l", "batch=" + fixture.namespace);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactlyInAnyOrder(
        "Manually triggered issuance of Certificate " + fixture.namespace + "/batch-a",
        "Manually triggered issuance of Certificate " + fixture.namespace + "/batch-b");
    fixture.awaitRevision("batch-a", 2);
    fixture.awaitRevision("batch-b", 2);
    assertThat(fixture.certificate("unselected").getStatus().revision()).isEqualTo(1);
  }

  @Test
  void anAcmeCertificateShowsItsOrderAndPendingChallengeAndRenewRefusesOrSkipsIt() {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: pebble}\nspec:\n  acme:\n    server: " + environment.env("PEBBLE_DIRECTORY")
            + "\n    caBundle: " + environment.env("PEBBLE_CA_BUNDLE")
            + "\n    privateKeySecretRef: {name: pebble-account}\n    solvers:\n    - http01: {ingress: {ingressClassName: missing}}\n");
    fixture.awaitIssuer("pebble", "True");
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: stuck, labels: {app: stuck}}\n"
            + "spec: {secretName: stuck-tls, dnsNames: [stuck.cli.example.com], issuerRef: {name: pebble}}\n");
    Challenge challenge = Await.until(
        ACME_TIMEOUT,
        "a presented Challenge whose self-check fails",
        () -> fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream()
            .filter(c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().presented()))
            .filter(c -> c.getStatus().reason() != null && c.getStatus().reason().startsWith("Waiting for HTTP-01 challenge propagation"))
            .findFirst(),
        () -> "challenges: " + fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream().map(c -> String.valueOf(c.getStatus())).toList());
    Order order = fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().get(0);

    Run status = certkeeper("status", "certificate", "stuck");

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("\nSecret stuck-tls: does not exist\n", "\nCertificateRequest stuck-1 (revision 1), created ")
        .contains("\nOrder " + order.getMetadata().getName() + "\n")
        .containsPattern("\n  State: +pending\n")
        .containsPattern("\n  URL: +https://")
        .contains("\nChallenge " + challenge.getMetadata().getName() + " for stuck.cli.example.com\n")
        .containsPattern("\n  Type: +HTTP-01\n")
        .containsPattern("\n  Presented: +true\n")
        .contains("Waiting for HTTP-01 challenge propagation");

    Run renew = certkeeper("renew", "stuck");

    assertThat(renew.exit()).isEqualTo(1);
    assertThat(renew.err()).startsWith("error: Certificate " + fixture.namespace + "/stuck is already being issued (Issuing: ");
    assertThat(renew.out()).isEmpty();
    Run selected = certkeeper("renew", "-l", "app=stuck");
    assertThat(selected.exit()).as("a selection skips what is already being issued, as cmctl does not fail on it").isZero();
    assertThat(selected.out()).startsWith("Skipped Certificate " + fixture.namespace + "/stuck: it is already being issued (Issuing: ");
    deleteStuckIssuance();
  }

  @Test
  void inspectSecretDecodesTheChainKeyCaAndAnnotationsAndChecksTheChain() throws Exception {
    issue("inspected", "app: inspected");
    Secret secret = fixture.secret("inspected-tls").orElseThrow();
    byte[] leafDer = leaf(secret).getEncoded();

    Run run = certkeeper("inspect", "secret", "inspected-tls");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Secret inspected-tls in namespace " + fixture.namespace + "\n")
        .containsPattern("\n  Type: +kubernetes.io/tls\n")
        .containsPattern("\n  Chain: +[^\n]*signed by a certificate of ca.crt\n")
        .containsPattern("\n    cert-manager.io/certificate-name +inspected\n")
        .contains("\ntls.crt certificate 1 of ")
        .containsPattern("\n  DNS names: +inspected.cli.example.com\n")
        .containsPattern("\n  SHA-256 fingerprint: +" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(leafDer)) + "\n")
        .containsPattern("\n  Matches the leaf: +yes\n")
        .contains("\nca.crt certificate 1 of 1\n")
        .containsPattern("\n  Subject: +CN=certkeeper cli root\n");
  }

  @Test
  void inspectSecretFailsForASecretWithoutACertificate() {
    fixture.client.secrets().inNamespace(fixture.namespace).resource(
        Manifests.typed("apiVersion: v1\nkind: Secret\nmetadata: {name: opaque}\nstringData: {password: x}\n", Secret.class)).create();

    Run opaque = certkeeper("inspect", "secret", "opaque");
    Run missing = certkeeper("inspect", "secret", "nope");

    assertThat(opaque.exit()).isEqualTo(1);
    assertThat(opaque.out()).containsPattern("\n  Problem: +the Secret has no tls.crt\n");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: Secret nope not found in namespace " + fixture.namespace + "\n");
  }

  @Test
  void checkApiAnswersThroughTheLauncherRunAsAKubectlPlugin() throws Exception {
    Path project = environment.projectDir();
    Map<String, String> env = Map.of("PATH", project.resolve("bin") + ":" + System.getenv("PATH"));
    Run plugin = launch(env, project.resolve(".tools/bin/kubectl").toString(), "certkeeper", "check", "api", "--kubeconfig", environment.env("KUBECONFIG"));

    assertThat(plugin.exit()).as(plugin.err()).isZero();
    assertThat(plugin.out()).isEqualTo("The certkeeper API is ready\n");

  }

  private static Run launch(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path err = Files.createTempFile("certkeeper-cli", ".err");
    Process process = builder.redirectError(err.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
    }
    return new Run(process.exitValue(), out, Files.readString(err));
  }

  private static X509Certificate leaf(Secret secret) {
    return Pem.parseCertificates(Fixture.text(secret, "tls.crt")).get(0);
  }

  /** Stops the stuck ACME issuance, so it does not keep the shared operator busy after the test. */
  private static void deleteStuckIssuance() {
    fixture.client.resources(Certificate.class).inNamespace(fixture.namespace).withName("stuck").delete();
    fixture.client.resources(CertificateRequest.class).inNamespace(fixture.namespace).withName("stuck-1").delete();
    fixture.client.resources(Order.class).inNamespace(fixture.namespace).delete();
  }
}
