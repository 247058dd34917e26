package dev.certkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Openssl;
import dev.certkeeper.testing.Tools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * certkeeper end to end on K3s, as a user runs it: the image built from operator/Dockerfile, the
 * Helm chart installed with Helm, a CA flow, and an HTTP-01 flow against an in-cluster Pebble
 * through K3s's own Traefik. Needs a Docker engine; without one it is reported as not run (see
 * e2e/k3s/README.md and e2e/report-tests.sh).
 */
class K3sEndToEndIT {
  /** The assumption's message, which e2e/report-tests.sh prints as the reason the suite did not run. */
  static final String NO_DOCKER = "no Docker engine: the K3s suite builds the image and runs K3s in Docker";

  private static final String K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";
  private static final String OPERATOR_IMAGE = "certkeeper-e2e/certkeeper:k3s";
  private static final String PEBBLE_IMAGE = "certkeeper-e2e/pebble:k3s";
  private static final String NAMESPACE = "certkeeper";
  private static final Duration ISSUANCE = Duration.ofMinutes(5);
  private static final ResourceDefinitionContext CERTIFICATES =
      new ResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1").withPlural("certificates").withNamespaced(true).build();

  private static K3sContainer k3s;
  private static KubernetesClient client;
  private static Map<String, String> kubeconfig;
  private static Path work;
  private static String pebbleCa;

  private static boolean docker;

  @BeforeAll
  static void installCertkeeperOnK3s() throws Exception {
    docker = DockerClientFactory.instance().isDockerAvailable();
    if (!docker) {
      return; // each test then reports itself skipped with NO_DOCKER (an assumption here would hide the reason)
    }
    Path project = Tools.projectDir();
    work = Files.createTempDirectory("certkeeper-k3s");
    buildImages(project);

    k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
    // Testcontainers turns K3s's Traefik off; the HTTP-01 flow goes through it, so keep it.
    k3s.withCommand("server", "--tls-san=" + k3s.getHost());
    k3s.start();
    importImage(OPERATOR_IMAGE);
    importImage(PEBBLE_IMAGE);
    Path kubeconfigFile = work.resolve("kubeconfig");
    Files.writeString(kubeconfigFile, k3s.getKubeConfigYaml());
    kubeconfig = Map.of("KUBECONFIG", kubeconfigFile.toString());
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();

    String ingressIp = Await.until(Duration.ofMinutes(5), "K3s's Traefik Service", () -> Optional.ofNullable(
            client.services().inNamespace("kube-system").withName("traefik").get()).map(s -> s.getSpec().getClusterIP()),
        () -> "no Service kube-system/traefik");
    kubectl("create", "namespace", NAMESPACE);
    startPebble(ingressIp);
    Service dns = client.services().inNamespace(NAMESPACE).withName("pebble-challtestsrv").get();

    Tools.run("helm", kubeconfig, null, "install", "certkeeper", "helm/certkeeper", "--namespace", NAMESPACE,
        "--set", "image.repository=" + OPERATOR_IMAGE.substring(0, OPERATOR_IMAGE.indexOf(':')),
        "--set", "image.tag=" + OPERATOR_IMAGE.substring(OPERATOR_IMAGE.indexOf(':') + 1),
        "--set", "image.pullPolicy=Never",
        // The self-check resolves the challenge's name as Pebble does, to Traefik.
        "--set-json", "extraArgs=[\"--acme-http01-self-check-nameservers=" + dns.getSpec().getClusterIP() + ":8053\"]",
        "--wait", "--timeout", "5m");
  }

  @BeforeEach
  void needsDocker() {
    Assumptions.assumeTrue(docker, NO_DOCKER);
  }

  @AfterAll
  static void stopK3s() throws IOException {
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void operatorRunsFromTheChartWithLeaderElection() {
    Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("certkeeper").get();
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(client.leases().inNamespace(NAMESPACE).withName("certkeeper-leader").get()).as("the leader's Lease").isNotNull();
  }

  @Test
  void caFlowIssuesFromThePrivateCa() {
    kubectl("apply", "-f", Tools.projectDir().resolve("deploy/examples/selfsigned-ca.yaml").toString());
    kubectl("create", "namespace", "ca-flow");
    kubectlApply("""
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: internal
          namespace: ca-flow
        spec:
          secretName: internal-tls
          dnsNames: [internal.ca-flow.svc]
          issuerRef: {name: private-ca, kind: ClusterIssuer}
        """);
    awaitReady("ca-flow", "internal");
    String certificate = certificateText("ca-flow", "internal-tls");
    assertThat(certificate).contains("Issuer: CN = certkeeper private CA").contains("DNS:internal.ca-flow.svc");
  }

  @Test
  void http01FlowIssuesThroughTraefikAndPebble() {
    kubectlApply("""
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: pebble
        spec:
          acme:
            server: https://pebble.certkeeper.svc:14000/dir
            caBundle: %s
            privateKeySecretRef: {name: pebble-account-key}
            solvers:
              - http01:
                  ingress: {ingressClassName: traefik}
        """.formatted(Base64.getEncoder().encodeToString(pebbleCa.getBytes(StandardCharsets.UTF_8))));
    kubectl("create", "namespace", "http01-flow");
    kubectlApply("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
          namespace: http01-flow
          annotations: {cert-manager.io/cluster-issuer: pebble}
        spec:
          ingressClassName: traefik
          tls:
            - {hosts: [app.k3s.test], secretName: app-k3s-test-tls}
          rules:
            - host: app.k3s.test
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: app, port: {number: 80}}}
        """);
    awaitReady("http01-flow", "app-k3s-test-tls");
    String certificate = certificateText("http01-flow", "app-k3s-test-tls");
    assertThat(certificate).contains("Pebble Intermediate CA").contains("DNS:app.k3s.test");
    assertThat(client.pods().inNamespace("http01-flow").withLabel("acme.cert-manager.io/http01-solver", "true").list().getItems())
        .as("solver Pods removed once the challenge is valid")
        .isEmpty();
  }

  private static void buildImages(Path project) throws Exception {
    new ImageFromDockerfile(OPERATOR_IMAGE, false)
        .withFileFromPath("operator/Dockerfile", project.resolve("operator/Dockerfile"))
        .withFileFromPath("operator/jvm.options", project.resolve("operator/jvm.options"))
        .withFileFromPath("operator/train-cds.sh", project.resolve("operator/train-cds.sh"))
        .withFileFromPath("target/certkeeper.jar", project.resolve("target/certkeeper.jar"))
        .withDockerfilePath("operator/Dockerfile")
        .get();
    new ImageFromDockerfile(PEBBLE_IMAGE, false)
        .withFileFromPath("Dockerfile", project.resolve("e2e/k3s/pebble.Dockerfile"))
        .withFileFromPath("pebble", project.resolve(".tools/bin/pebble"))
        .withFileFromPath("pebble-challtestsrv", project.resolve(".tools/bin/pebble-challtestsrv"))
        .get();
  }

  /** Saves the image from Docker and imports it into K3s's containerd, so Pods with pull policy Never find it. */
  private static void importImage(String image) throws Exception {
    Path tar = work.resolve(image.replaceAll("[/:]", "_") + ".tar");
    try (InputStream saved = DockerClientFactory.instance().client().saveImageCmd(image).exec()) {
      Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
    }
    k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/image.tar");
    ExecResult imported = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/image.tar");
    assertThat(imported.getExitCode()).as("ctr images import " + image + ": " + imported.getStderr()).isZero();
  }

  /** Pebble's TLS certificate (for its Service names) from a CA of its own, then Pebble and its DNS. */
  private static void startPebble(String ingressIp) throws IOException {
    Path ca = work.resolve("pebble-ca.crt");
    Path caKey = work.resolve("pebble-ca.key");
    Path key = work.resolve("pebble.key");
    Path csr = work.resolve("pebble.csr");
    Path cert = work.resolve("pebble.crt");
    Path extensions = work.resolve("pebble.ext");
    Openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
        "-days", "2", "-subj", "/CN=certkeeper K3s Pebble TLS CA");
    Openssl.run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
        "-subj", "/CN=pebble");
    Files.writeString(extensions, "subjectAltName=DNS:pebble,DNS:pebble.certkeeper.svc,DNS:pebble.certkeeper.svc.cluster.local\n");
    Openssl.run("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(),
        "-days", "2", "-extfile", extensions.toString());
    pebbleCa = Files.readString(ca);
    kubectl("create", "secret", "tls", "pebble-tls", "--namespace", NAMESPACE, "--cert", cert.toString(), "--key", key.toString());
    // The pinned Pebble's own test config (make tools), as e2e/local/up.sh adapts it: our addresses
    // and certificate, and HTTP-01 validated on port 80.
    ObjectNode config = (ObjectNode) new ObjectMapper().readTree(Tools.projectDir().resolve(".tools/share/pebble/pebble-config.json").toFile());
    ((ObjectNode) config.path("pebble"))
        .put("listenAddress", "0.0.0.0:14000")
        .put("managementListenAddress", "0.0.0.0:15000")
        .put("certificate", "/tls/tls.crt")
        .put("privateKey", "/tls/tls.key")
        .put("httpPort", 80)
        .put("tlsPort", 443);
    Path configFile = work.resolve("pebble-config.json");
    Files.writeString(configFile, config.toPrettyString());
    kubectl("create", "configmap", "pebble", "--namespace", NAMESPACE, "--from-file=pebble-config.json=" + configFile);

    String manifests = Files.readString(Tools.projectDir().resolve("e2e/k3s/pebble.yaml"))
        .replace("${PEBBLE_IMAGE}", PEBBLE_IMAGE)
        .replace("${INGRESS_IP}", ingressIp);
    kubectlApply(manifests);
    kubectl("rollout", "status", "--namespace", NAMESPACE, "deployment/pebble-challtestsrv", "--timeout=3m");
    kubectl("rollout", "status", "--namespace", NAMESPACE, "deployment/pebble", "--timeout=3m");
  }

  private static void awaitReady(String namespace, String name) {
    Await.until(ISSUANCE, "Certificate " + namespace + "/" + name + " Ready", () -> readyStatus(namespace, name).filter(s -> s.startsWith("True")),
        () -> readyStatus(namespace, name).orElse("no Ready condition") + "\n" + kubectl("describe", "certificate", "-n", namespace, name));
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> readyStatus(String namespace, String name) {
    GenericKubernetesResource certificate = client.genericKubernetesResources(CERTIFICATES).inNamespace(namespace).withName(name).get();
    if (certificate == null || !(certificate.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return Optional.empty();
    }
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
    return conditions == null ? Optional.empty() : conditions.stream()
        .filter(c -> "Ready".equals(c.get("type")))
        .map(c -> c.get("status") + " " + c.get("reason") + ": " + c.get("message"))
        .findFirst();
  }

  /** The issued certificate as openssl prints it. */
  private static String certificateText(String namespace, String secretName) {
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    byte[] pem = Base64.getDecoder().decode(secret.getData().get("tls.crt"));
    return Openssl.run("x509", "-noout", "-text", "-in", Openssl.file("issued", pem).toString());
  }

  private static String kubectl(String... args) {
    return Tools.run("kubectl", kubeconfig, null, args);
  }

  private static void kubectlApply(String manifests) {
    try {
      Path file = Files.createTempFile(work, "apply", ".yaml");
      Files.writeString(file, manifests);
      kubectl("apply", "-f", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
