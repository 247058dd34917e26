package dev.certkeeper.acme.http01;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.PodTemplateMetadata;
import dev.certkeeper.api.acme.SolverPodSecurityContext;
import dev.certkeeper.api.acme.SolverPodSpec;
import dev.certkeeper.api.acme.SolverPodTemplate;
import dev.certkeeper.api.meta.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the solver Pod and merges the solver's podTemplate into it by cert-manager's rules:
 * labels, annotations, nodeSelector and resources are merged (the template wins, except over the
 * identity labels); tolerations and imagePullSecrets are appended; affinity, priorityClassName,
 * serviceAccountName and the pod securityContext are replaced.
 */
final class SolverPods {
  /**
   * A small JVM for a tiny server inside the 64Mi limit (about 51 MiB resident as measured): a heap
   * that starts small, C1 only and the serial collector, because the process serves a handful of
   * requests and then ends; no perf-data file, because the root file system is read-only.
   */
  static final String JAVA_TOOL_OPTIONS = "-Xms4m -Xmx24m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData";

  private SolverPods() {}

  static Pod build(Challenge challenge, ChallengeInputs inputs, SolverPodTemplate template, SolverSettings settings) {
    PodTemplateMetadata metadata = template == null ? null : template.metadata();
    SolverPodSpec spec = template == null ? null : template.spec();

    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("sidecar.istio.io/inject", "false");
    annotations.put("cluster-autoscaler.kubernetes.io/safe-to-evict", "true");
    putAll(annotations, metadata == null ? null : metadata.annotations());
    Map<String, String> labels = SolverLabels.merged(challenge, settings.extraLabels(), metadata == null ? null : metadata.labels());

    Map<String, String> nodeSelector = new LinkedHashMap<>();
    nodeSelector.put("kubernetes.io/os", "linux");
    Map<String, Quantity> requests = new LinkedHashMap<>();
    requests.put("cpu", new Quantity(settings.cpuRequest()));
    requests.put("memory", new Quantity(settings.memoryRequest()));
    Map<String, Quantity> limits = new LinkedHashMap<>();
    limits.put("cpu", new Quantity(settings.cpuLimit()));
    limits.put("memory", new Quantity(settings.memoryLimit()));
    List<Toleration> tolerations = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.LocalObjectReference> pullSecrets = new ArrayList<>();
    PodSecurityContext securityContext = new PodSecurityContextBuilder()
        .withRunAsNonRoot(settings.runAsNonRoot())
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
    if (spec != null) {
      putAll(nodeSelector, spec.nodeSelector());
      if (spec.resources() != null) {
        putAll(requests, spec.resources().requests());
        putAll(limits, spec.resources().limits());
      }
      if (spec.tolerations() != null) {
        tolerations.addAll(spec.tolerations());
      }
      if (spec.imagePullSecrets() != null) {
        for (LocalObjectReference secret : spec.imagePullSecrets()) {
          pullSecrets.add(new io.fabric8.kubernetes.api.model.LocalObjectReference(secret.name()));
        }
      }
      if (spec.securityContext() != null) {
        securityContext = podSecurityContext(spec.securityContext());
      }
    }

    return new PodBuilder()
        .withMetadata(SolverObjects.metadata(challenge, labels, annotations))
        .withNewSpec()
        .withNodeSelector(nodeSelector)
        .withRestartPolicy("OnFailure")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(securityContext)
        .withTolerations(tolerations)
        .withImagePullSecrets(pullSecrets)
        .withAffinity(spec == null ? null : spec.affinity())
        .withPriorityClassName(spec == null ? null : spec.priorityClassName())
        .withServiceAccountName(spec == null ? null : spec.serviceAccountName())
        .withRuntimeClassName(settings.runtimeClassName())
        .addNewContainer()
        .withName("acmesolver")
        .withImage(settings.image())
        .withImagePullPolicy("IfNotPresent")
        .withArgs(
            "acmesolver",
            "--listen-port=" + SolverObjects.PORT,
            "--domain=" + inputs.dnsName(),
            "--token=" + inputs.token(),
            "--key=" + inputs.key())
        .addNewEnv()
        .withName("JAVA_TOOL_OPTIONS")
        .withValue(JAVA_TOOL_OPTIONS)
        .endEnv()
        .addNewPort()
        .withName("http")
        .withContainerPort(SolverObjects.PORT)
        .withProtocol("TCP")
        .endPort()
        .withNewResources()
        .withRequests(requests)
        .withLimits(limits)
        .endResources()
        .withNewSecurityContext()
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }

  private static PodSecurityContext podSecurityContext(SolverPodSecurityContext context) {
    return new PodSecurityContextBuilder()
        .withSeLinuxOptions(context.seLinuxOptions())
        .withRunAsUser(context.runAsUser())
        .withRunAsGroup(context.runAsGroup())
        .withRunAsNonRoot(context.runAsNonRoot())
        .withSupplementalGroups(context.supplementalGroups())
        .withFsGroup(context.fsGroup())
        .withSysctls(context.sysctls())
        .withFsGroupChangePolicy(context.fsGroupChangePolicy())
        .withSeccompProfile(context.seccompProfile())
        .build();
  }

  private static <V> void putAll(Map<String, V> target, Map<String, V> source) {
    if (source != null) {
      target.putAll(source);
    }
  }
}
