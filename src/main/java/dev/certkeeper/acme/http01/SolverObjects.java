package dev.certkeeper.acme.http01;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Http01GatewayHttpRouteSolver;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.ParentReference;
import dev.certkeeper.api.acme.PodTemplateMetadata;
import dev.certkeeper.api.acme.ServiceType;
import dev.certkeeper.kube.OwnerReferences;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pod, Service and Ingress or HTTPRoute that answer one HTTP-01 challenge, built as
 * cert-manager builds them (pkg/issuer/acme/http), except for their names: cert-manager lets the API server generate them,
 * certkeeper derives them from the Challenge, so an operator restarted between a create and the
 * status write finds the objects it made instead of making a second set.
 */
public final class SolverObjects {
  /** The port the solver listens on, and the Service's port. */
  public static final int PORT = 8089;
  private static final String NAME_PREFIX = "cm-acme-http-solver-";
  private static final int NAME_HASH_LENGTH = 10;
  private static final String WHITELIST_SUFFIX = "/whitelist-source-range";

  private SolverObjects() {}

  /**
   * The name of the challenge's Pod, Service and Ingress: the prefix cert-manager uses and a hash
   * of the Challenge's namespace and name. A new Challenge of the same name gets the same names, so
   * objects found under it must be checked for a controller reference to this Challenge's uid.
   */
  public static String name(Challenge challenge) {
    String key = challenge.getMetadata().getNamespace() + "/" + challenge.getMetadata().getName();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return NAME_PREFIX + HexFormat.of().formatHex(digest).substring(0, NAME_HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The solver Pod: {@code certkeeper acmesolver} serving the key, with the Challenge's solver's podTemplate merged in. */
  public static Pod pod(Challenge challenge, SolverSettings settings) {
    return SolverPods.build(challenge, inputs(challenge), challenge.getSpec().solver().http01().solverPodTemplate(), settings);
  }

  /** The Service in front of the Pod: port {@value #PORT}, of the Challenge's solver's serviceType (NodePort by default). */
  public static Service service(Challenge challenge, SolverSettings settings) {
    inputs(challenge); // the labels are derived from the name and the token
    ServiceType type = challenge.getSpec().solver().http01().effectiveServiceType();
    Map<String, String> annotations = new LinkedHashMap<>();
    // Istio's mutual TLS would refuse the ingress controller's plain HTTP requests.
    annotations.put("auth.istio.io/" + PORT, "NONE");
    return new ServiceBuilder()
        .withMetadata(metadata(challenge, SolverLabels.merged(challenge, settings.extraLabels()), annotations))
        .withNewSpec()
        .withType(type == ServiceType.CLUSTER_IP ? "ClusterIP" : "NodePort")
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(PORT)
        .withNewTargetPort(PORT)
        .endPort()
        .withSelector(SolverLabels.identity(challenge))
        .endSpec()
        .build();
  }

  /**
   * The Ingress routing the challenge path to the Service: host = the DNS name (none for an IP
   * address, which an Ingress rule cannot hold), pathType Exact. Not for a solver that names an
   * existing Ingress: that one is edited with {@link EditInPlace}.
   */
  public static Ingress ingress(Challenge challenge, Http01IngressSolver solver, SolverSettings settings) {
    if (solver.editsInPlace()) {
      throw new IllegalArgumentException("the solver edits Ingress " + solver.name() + " in place; it gets no Ingress of its own");
    }
    if (solver.ingressClass() != null && solver.ingressClassName() != null) {
      throw new IllegalArgumentException("the solver sets both class and ingressClassName; it may set one");
    }
    ChallengeInputs inputs = inputs(challenge);
    PodTemplateMetadata template = solver.ingressTemplate() == null ? null : solver.ingressTemplate().metadata();
    Map<String, String> templateAnnotations = template == null || template.annotations() == null ? Map.of() : template.annotations();
    Map<String, String> annotations = new LinkedHashMap<>();
    // Let the CA in even where the controller restricts source ranges, unless the template decides.
    if (templateAnnotations.keySet().stream().noneMatch(key -> key.endsWith(WHITELIST_SUFFIX))) {
      annotations.put("nginx.ingress.kubernetes.io" + WHITELIST_SUFFIX, "0.0.0.0/0,::/0");
    }
    if (solver.ingressClass() != null) {
      annotations.put(Http01Annotations.INGRESS_CLASS, solver.ingressClass());
    }
    annotations.putAll(templateAnnotations);
    Map<String, String> labels = SolverLabels.merged(challenge, settings.extraLabels(), template == null ? null : template.labels());
    return new IngressBuilder()
        .withMetadata(metadata(challenge, labels, annotations))
        .withNewSpec()
        .withIngressClassName(solver.ingressClassName())
        .addNewRule()
        .withHost(inputs.isIpAddress() ? null : inputs.dnsName())
        .withNewHttp()
        .withPaths(challengePathEntry(inputs.token(), name(challenge)))
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  /**
   * The HTTPRoute sending the challenge path to the Service, attached to the solver's parentRefs
   * (the Gateways that serve port 80 for the name), as cert-manager builds it: hostname = the DNS
   * name (the solver selector never picks this solver for an IP address), one Exact path match,
   * the solver's labels beside the identity labels, which win over a solver label of the same key
   * (cert-manager lets the solver's win; the identity labels are what finds the objects again).
   */
  public static HTTPRoute httpRoute(Challenge challenge, Http01GatewayHttpRouteSolver solver, SolverSettings settings) {
    ChallengeInputs inputs = inputs(challenge);
    Map<String, String> labels = SolverLabels.merged(challenge, settings.extraLabels(), solver.labels());
    List<io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference> parents = Objects.requireNonNullElse(solver.parentRefs(), List.<ParentReference>of()).stream()
        .map(p -> new ParentReferenceBuilder()
            .withGroup(p.group()).withKind(p.kind()).withNamespace(p.namespace()).withName(p.name()).withSectionName(p.sectionName()).withPort(p.port())
            .build())
        .toList();
    return new HTTPRouteBuilder()
        .withMetadata(metadata(challenge, labels, Map.of()))
        .withNewSpec()
        .withParentRefs(parents)
        .withHostnames(inputs.dnsName())
        .addNewRule()
        .addNewMatch()
        .withNewPath()
        .withType("Exact")
        .withValue(ChallengeInputs.challengePath(inputs.token()))
        .endPath()
        .endMatch()
        .addNewBackendRef()
        .withGroup("")
        .withKind("Service")
        .withName(name(challenge))
        .withPort(PORT)
        .endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  /** The Ingress path that sends the challenge's request to the solver Service. */
  static HTTPIngressPath challengePathEntry(String token, String serviceName) {
    return new HTTPIngressPathBuilder()
        .withPath(ChallengeInputs.challengePath(token))
        .withPathType("Exact")
        .withNewBackend()
        .withNewService()
        .withName(serviceName)
        .withNewPort()
        .withNumber(PORT)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }

  static ObjectMeta metadata(Challenge challenge, Map<String, String> labels, Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withName(name(challenge))
        .withNamespace(challenge.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(OwnerReferences.controlledBy(challenge))
        .build();
  }

  /** The challenge's values, refused before they reach a name, a path or an argument. */
  private static ChallengeInputs inputs(Challenge challenge) {
    return new ChallengeInputs(challenge.getSpec().dnsName(), challenge.getSpec().token(), challenge.getSpec().key());
  }
}
