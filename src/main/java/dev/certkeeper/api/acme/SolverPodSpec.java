package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.meta.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** The pod spec fields cert-manager lets an HTTP-01 solver pod override. */
@ApiType
public record SolverPodSpec(
    Map<String, String> nodeSelector,
    Affinity affinity,
    List<Toleration> tolerations,
    String priorityClassName,
    String serviceAccountName,
    List<LocalObjectReference> imagePullSecrets,
    SolverPodSecurityContext securityContext,
    SolverResources resources) {}
