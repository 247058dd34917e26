package dev.certkeeper.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.cli.Main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.testing.Manifests;
import dev.certkeeper.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Helm chart: lint-clean, least-privilege RBAC, a restricted Pod, and every value reaching the objects it is for. */
class ChartTest {
  private static List<ObjectNode> defaults;
  private static List<ObjectNode> everything;

  @BeforeAll
  static void render() {
    defaults = Chart.documents(Chart.template(Chart.RELEASE, Chart.NAMESPACE));
    everything = Chart.documents(Chart.template("ck", "ckns", "-f", Chart.ALL_VALUES.toString()));
  }

  static Stream<String> valueSets() {
    return Stream.of("defaults", "every optional value");
  }

  private static List<ObjectNode> rendered(String valueSet) {
    return valueSet.equals("defaults") ? defaults : everything;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void lintsCleanly(String valueSet) {
    String output = valueSet.equals("defaults") ? Chart.lint() : Chart.lint("-f", Chart.ALL_VALUES.toString());
    assertThat(output).contains("0 chart(s) failed").doesNotContain("[WARNING]").doesNotContain("[ERROR]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void noRoleGrantsAWildcard(String valueSet) {
    List<ObjectNode> roles = new ArrayList<>(Chart.ofKind(rendered(valueSet), "ClusterRole"));
    roles.addAll(Chart.ofKind(rendered(valueSet), "Role"));
    assertThat(roles).hasSize(4);
    for (ObjectNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        assertThat(texts(rule.path("verbs"))).as(role.path("metadata").path("name") + " verbs").isNotEmpty().doesNotContain("*");
        assertThat(texts(rule.path("resources"))).as(role.path("metadata").path("name") + " resources").isNotEmpty().doesNotContain("*");
        assertThat(texts(rule.path("apiGroups"))).as(role.path("metadata").path("name") + " apiGroups").doesNotContain("*");
        assertThat(rule.has("nonResourceURLs")).isFalse();
      }
    }
  }

  /** The calls the operator makes (see the comments in templates/rbac.yaml), resource by resource. */
  @Test
  void clusterRoleGrantsOnlyTheOperatorsCalls() {
    Map<String, List<String>> expected = new TreeMap<>();
    expected.put("cert-manager.io/issuers", List.of("get", "list", "watch"));
    expected.put("cert-manager.io/clusterissuers", List.of("get", "list", "watch"));
    expected.put("cert-manager.io/certificates", List.of("create", "delete", "get", "list", "update", "watch"));
    expected.put("cert-manager.io/certificaterequests", List.of("create", "delete", "get", "list", "watch"));
    expected.put("acme.cert-manager.io/orders", List.of("create", "delete", "get", "list", "watch"));
    expected.put("acme.cert-manager.io/challenges", List.of("create", "delete", "get", "list", "patch", "watch"));
    for (String status : List.of("cert-manager.io/issuers", "cert-manager.io/clusterissuers", "cert-manager.io/certificates",
        "cert-manager.io/certificaterequests", "acme.cert-manager.io/orders", "acme.cert-manager.io/challenges")) {
      expected.put(status + "/status", List.of("patch"));
    }
    for (String owner : List.of("cert-manager.io/certificates", "cert-manager.io/certificaterequests", "acme.cert-manager.io/orders",
        "acme.cert-manager.io/challenges", "networking.k8s.io/ingresses")) {
      expected.put(owner + "/finalizers", List.of("update"));
    }
    expected.put("core/secrets", List.of("create", "delete", "get", "list", "patch", "watch"));
    expected.put("core/pods", List.of("create", "delete", "get", "list", "watch"));
    expected.put("core/services", List.of("create", "delete", "get"));
    expected.put("core/events", List.of("create", "patch"));
    expected.put("networking.k8s.io/ingresses", List.of("create", "delete", "get", "list", "update", "watch"));
    expected.put("networking.k8s.io/ingressclasses", List.of("list"));
    expected.put("gateway.networking.k8s.io/httproutes", List.of("create", "delete", "get"));
    expected.put("discovery.k8s.io/endpointslices", List.of("list"));

    assertThat(grants(Chart.find(defaults, "ClusterRole", "certkeeper"))).isEqualTo(expected);
  }

  /** A ClusterRole's rules as group/resource to its sorted verbs; no rule may name objects. */
  private static Map<String, List<String>> grants(ObjectNode role) {
    Map<String, List<String>> granted = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("resourceNames")).as("cluster-wide rules name no objects").isFalse();
      for (String group : texts(rule.path("apiGroups"))) {
        for (String resource : texts(rule.path("resources"))) {
          String key = (group.isEmpty() ? "core" : group) + "/" + resource;
          List<String> verbs = new ArrayList<>(granted.getOrDefault(key, List.of()));
          verbs.addAll(texts(rule.path("verbs")));
          granted.put(key, verbs.stream().distinct().sorted().toList());
        }
      }
    }
    return granted;
  }

  @Test
  void aggregatedRolesLetViewersReadAndEditorsManageNamespacedObjectsButNotSecretsOrClusterIssuers() {
    ObjectNode view = Chart.find(defaults, "ClusterRole", "certkeeper-view");
    assertThat(aggregatedInto(view)).containsExactlyInAnyOrder("view", "edit", "admin", "cluster-reader");
    assertThat(grants(view)).isEqualTo(Map.of(
        "cert-manager.io/certificates", List.of("get", "list", "watch"),
        "cert-manager.io/certificaterequests", List.of("get", "list", "watch"),
        "cert-manager.io/issuers", List.of("get", "list", "watch"),
        "acme.cert-manager.io/challenges", List.of("get", "list", "watch"),
        "acme.cert-manager.io/orders", List.of("get", "list", "watch")));

    ObjectNode edit = Chart.find(defaults, "ClusterRole", "certkeeper-edit");
    assertThat(aggregatedInto(edit)).containsExactlyInAnyOrder("edit", "admin");
    List<String> write = List.of("create", "delete", "deletecollection", "patch", "update");
    assertThat(grants(edit)).isEqualTo(Map.of(
        "cert-manager.io/certificates", write,
        "cert-manager.io/certificates/status", List.of("update"),
        "cert-manager.io/certificaterequests", write,
        "cert-manager.io/issuers", write,
        "acme.cert-manager.io/challenges", write,
        "acme.cert-manager.io/orders", write));
  }

  @Test
  void aggregatedRolesCanBeLeftOut() {
    List<ObjectNode> rendered = Chart.documents(Chart.template(Chart.RELEASE, Chart.NAMESPACE, "--set", "rbac.aggregateClusterRoles=false"));
    assertThat(Chart.ofKind(rendered, "ClusterRole")).extracting(r -> r.path("metadata").path("name").asText()).containsExactly("certkeeper");
  }

  /** The built-in roles a ClusterRole's labels aggregate it into. */
  private static List<String> aggregatedInto(ObjectNode role) {
    List<String> into = new ArrayList<>();
    role.path("metadata").path("labels").properties().forEach(label -> {
      if (label.getKey().startsWith("rbac.authorization.k8s.io/aggregate-to-") && label.getValue().asText().equals("true")) {
        into.add(label.getKey().substring("rbac.authorization.k8s.io/aggregate-to-".length()));
      }
    });
    return into;
  }

  @Test
  void leaderElectionLeaseIsTheOnlyNamespacedGrant() {
    ObjectNode role = Chart.find(defaults, "Role", "certkeeper:leaderelection");
    assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(role.path("rules")).hasSize(2);
    JsonNode create = role.path("rules").get(0);
    assertThat(texts(create.path("apiGroups"))).containsExactly("coordination.k8s.io");
    assertThat(texts(create.path("resources"))).containsExactly("leases");
    assertThat(texts(create.path("verbs"))).containsExactly("create");
    JsonNode named = role.path("rules").get(1);
    assertThat(texts(named.path("resourceNames"))).containsExactly("certkeeper-leader");
    assertThat(texts(named.path("verbs"))).containsExactlyInAnyOrder("get", "update", "patch");
    ObjectNode binding = Chart.find(defaults, "RoleBinding", "certkeeper:leaderelection");
    assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("certkeeper:leaderelection");
    assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("certkeeper");
    assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(args(defaults, "certkeeper")).contains("--leader-elect=true");
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseRoleAndTheFlagSaysSo() {
    List<ObjectNode> rendered = Chart.documents(Chart.template(Chart.RELEASE, Chart.NAMESPACE, "--set", "leaderElection.enabled=false"));
    assertThat(Chart.ofKind(rendered, "Role")).isEmpty();
    assertThat(Chart.ofKind(rendered, "RoleBinding")).isEmpty();
    assertThat(args(rendered, "certkeeper")).contains("--leader-elect=false");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void podRunsUnderTheRestrictedPodSecurityStandard(String valueSet) {
    JsonNode pod = Chart.ofKind(rendered(valueSet), "Deployment").get(0).path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isNotZero();
    assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
    JsonNode container = pod.path("containers").get(0);
    JsonNode security = container.path("securityContext");
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
    assertThat(security.path("capabilities").has("add")).isFalse();
    assertThat(security.path("privileged").asBoolean(false)).isFalse();
    assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).as("a writable /tmp").isEqualTo("/tmp");
    assertThat(container.path("resources").path("limits").has("memory")).as("a memory limit for the JVM to size its heap from").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void probesAndServiceUseTheMetricsPort(String valueSet) {
    List<ObjectNode> rendered = rendered(valueSet);
    int port = valueSet.equals("defaults") ? 9402 : 9500;
    JsonNode container = Chart.ofKind(rendered, "Deployment").get(0).path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http-metrics");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http-metrics");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http-metrics");
    assertThat(texts(container.path("args"))).contains("--metrics-listen-address=0.0.0.0:" + port);

    ObjectNode service = Chart.ofKind(rendered, "Service").get(0);
    assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http-metrics");
    JsonNode podLabels = Chart.ofKind(rendered, "Deployment").get(0).path("spec").path("template").path("metadata").path("labels");
    service.path("spec").path("selector").fields().forEachRemaining(label -> assertThat(podLabels.path(label.getKey())).isEqualTo(label.getValue()));
  }

  @Test
  void defaultsRunTheOperatorFromTheAppVersionImage() throws IOException {
    String appVersion = Manifests.parse(Files.readString(Tools.projectDir().resolve(Chart.DIR + "/Chart.yaml"))).path("appVersion").asText();
    ObjectNode deployment = Chart.find(defaults, "Deployment", "certkeeper");
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    String image = "ghcr.io/certkeeper/certkeeper:" + appVersion;
    assertThat(container.path("image").asText()).isEqualTo(image);
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("certkeeper");
    assertThat(texts(container.path("args")))
        .containsExactly(
            "operator",
            "--log-level=info",
            "--leader-elect=true",
            "--metrics-listen-address=0.0.0.0:9402",
            "--cluster-resource-namespace=certkeeper",
            "--acme-http01-solver-image=" + image,
            "--max-concurrent-challenges=60");
    JsonNode env = container.path("env").get(0);
    assertThat(env.path("name").asText()).isEqualTo("POD_NAMESPACE");
    assertThat(env.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.namespace");
    assertThat(Chart.ofKind(defaults, "ServiceMonitor")).isEmpty();
    assertThat(Chart.ofKind(defaults, "PrometheusRule")).isEmpty();
    assertThat(Chart.ofKind(defaults, "PodDisruptionBudget")).isEmpty();
  }

  @Test
  void everyOptionalValueReachesItsObject() {
    ObjectNode deployment = Chart.find(everything, "Deployment", "ck");
    assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("ckns");
    assertThat(deployment.path("metadata").path("annotations").path("example.com/team").asText()).isEqualTo("platform");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode template = deployment.path("spec").path("template");
    assertThat(template.path("metadata").path("labels").path("example.com/tier").asText()).isEqualTo("infra");
    assertThat(template.path("metadata").path("annotations").path("example.com/scrape").asText()).isEqualTo("false");
    JsonNode pod = template.path("spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("ck-operator");
    assertThat(pod.path("priorityClassName").asText()).isEqualTo("platform-critical");
    assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("registry-credentials");
    assertThat(pod.path("nodeSelector").path("node-role.example.com/infra").asText()).isEqualTo("true");
    assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("node-role.example.com/infra");
    assertThat(pod.path("affinity").path("podAntiAffinity").isObject()).isTrue();
    assertThat(pod.path("topologySpreadConstraints").get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(pod.path("volumes").get(0).path("emptyDir").path("sizeLimit").asText()).isEqualTo("32Mi");
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("image").asText()).isEqualTo("registry.example.com/platform/certkeeper:v9.9.9");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("768Mi");
    assertThat(container.path("env").get(1).path("name").asText()).isEqualTo("JDK_JAVA_OPTIONS");
    assertThat(container.path("livenessProbe").path("failureThreshold").asInt()).isEqualTo(4);
    assertThat(container.path("readinessProbe").path("periodSeconds").asInt()).isEqualTo(3);
    assertThat(texts(container.path("args")))
        .containsExactly(
            "operator",
            "--log-level=debug",
            "--leader-elect=true",
            "--metrics-listen-address=0.0.0.0:9500",
            "--cluster-resource-namespace=certkeeper-issuers",
            "--acme-http01-solver-image=registry.example.com/platform/certkeeper-solver:v9.9.9-solver",
            "--enable-certificate-owner-ref=true",
            "--max-concurrent-reconciles=10",
            "--max-concurrent-challenges=25",
            "--default-issuer-name=letsencrypt-prod",
            "--default-issuer-kind=ClusterIssuer",
            "--default-issuer-group=cert-manager.io",
            "--issuance-backoff-base=30m");

    ObjectNode account = Chart.find(everything, "ServiceAccount", "ck-operator");
    assertThat(account.path("metadata").path("annotations").path("example.com/owner").asText()).isEqualTo("platform");
    assertThat(Chart.find(everything, "ClusterRoleBinding", "ck").path("subjects").get(0).path("name").asText()).isEqualTo("ck-operator");

    ObjectNode service = Chart.find(everything, "Service", "ck");
    assertThat(service.path("metadata").path("labels").path("example.com/monitored").asText()).isEqualTo("true");
    assertThat(service.path("metadata").path("annotations").path("example.com/docs").asText()).isEqualTo("metrics");

    ObjectNode budget = Chart.find(everything, "PodDisruptionBudget", "ck");
    assertThat(budget.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    assertThat(budget.path("spec").has("minAvailable")).isFalse();
    assertThat(budget.path("spec").path("selector").path("matchLabels")).isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
  }

  @Test
  void serviceMonitorScrapesTheMetricsService() {
    ObjectNode monitor = Chart.find(everything, "ServiceMonitor", "ck");
    ObjectNode service = Chart.find(everything, "Service", "ck");
    assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
    monitor.path("spec").path("selector").path("matchLabels").fields()
        .forEachRemaining(label -> assertThat(service.path("metadata").path("labels").path(label.getKey())).isEqualTo(label.getValue()));
    assertThat(texts(monitor.path("spec").path("namespaceSelector").path("matchNames"))).containsExactly("ckns");
    JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo(service.path("spec").path("ports").get(0).path("name").asText());
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
    assertThat(endpoint.path("honorLabels").asBoolean()).isTrue();
  }

  @Test
  void prometheusRuleAlertsOnExpiryAndOnNotReady() {
    JsonNode rules = Chart.find(everything, "PrometheusRule", "ck").path("spec").path("groups").get(0).path("rules");
    assertThat(rules).hasSize(2);
    JsonNode expiry = rules.get(0);
    assertThat(expiry.path("alert").asText()).isEqualTo("CertificateExpiresSoon");
    assertThat(expiry.path("expr").asText())
        .isEqualTo("(certmanager_certificate_expiration_timestamp_seconds > 0) - time() < 10 * 24 * 3600");
    assertThat(expiry.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(expiry.path("annotations").path("summary").asText()).contains("{{ $labels.namespace }}/{{ $labels.name }}");
    JsonNode notReady = rules.get(1);
    assertThat(notReady.path("alert").asText()).isEqualTo("CertificateNotReady");
    assertThat(notReady.path("expr").asText()).isEqualTo("certmanager_certificate_ready_status{condition=\"True\"} == 0");
    assertThat(notReady.path("for").asText()).isEqualTo("20m");
    assertThat(notReady.path("labels").path("team").asText()).isEqualTo("platform");
  }

  @Test
  void crdsAreTheCommittedOnesKeptOnUninstall() throws IOException {
    List<ObjectNode> crds = Chart.ofKind(defaults, "CustomResourceDefinition");
    Map<String, JsonNode> committed = new TreeMap<>();
    try (Stream<Path> files = Files.list(Tools.projectDir().resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        ObjectNode crd = Manifests.read(file);
        committed.put(crd.path("metadata").path("name").asText(), crd);
      }
    }
    assertThat(committed).hasSize(6);
    Map<String, JsonNode> shipped = new TreeMap<>();
    for (ObjectNode crd : crds) {
      assertThat(crd.path("metadata").path("annotations").path("helm.sh/resource-policy").asText()).isEqualTo("keep");
      ObjectNode bare = crd.deepCopy();
      ((ObjectNode) bare.path("metadata")).remove(List.of("labels", "annotations"));
      shipped.put(bare.path("metadata").path("name").asText(), bare);
    }
    assertThat(shipped).isEqualTo(committed);
    assertThat(Chart.ofKind(everything, "CustomResourceDefinition"))
        .hasSize(6)
        .allSatisfy(crd -> assertThat(crd.path("metadata").path("annotations").has("helm.sh/resource-policy")).isFalse());
  }

  @Test
  void crdsCanBeLeftOut() {
    List<ObjectNode> rendered = Chart.documents(Chart.template(Chart.RELEASE, Chart.NAMESPACE, "--set", "crds.enabled=false"));
    assertThat(Chart.ofKind(rendered, "CustomResourceDefinition")).isEmpty();
    assertThat(Chart.ofKind(rendered, "Deployment")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void operatorAcceptsEveryFlagTheChartPasses(String valueSet) {
    String deployment = valueSet.equals("defaults") ? "certkeeper" : "ck";
    List<String> command = args(rendered(valueSet), deployment);
    assertThat(command).first().isEqualTo("operator");
    // Parsing alone: picocli rejects an unknown flag or a value of the wrong type.
    assertThat(Main.commandLine().parseArgs(command.toArray(String[]::new)).subcommand().commandSpec().name()).isEqualTo("operator");
  }

  private static List<String> args(List<ObjectNode> rendered, String deployment) {
    return texts(Chart.find(rendered, "Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0).path("args"));
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
