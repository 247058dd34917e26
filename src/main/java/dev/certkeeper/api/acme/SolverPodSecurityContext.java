package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.List;

/** The pod security context fields cert-manager lets an HTTP-01 solver pod override. */
@ApiType
public record SolverPodSecurityContext(
    SELinuxOptions seLinuxOptions,
    Long runAsUser,
    Long runAsGroup,
    Boolean runAsNonRoot,
    List<Long> supplementalGroups,
    Long fsGroup,
    List<Sysctl> sysctls,
    String fsGroupChangePolicy,
    SeccompProfile seccompProfile) {}
