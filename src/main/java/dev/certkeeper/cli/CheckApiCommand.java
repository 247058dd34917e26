package dev.certkeeper.cli;

import dev.certkeeper.api.ApiKinds;
import dev.certkeeper.kube.ApiErrors;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code certkeeper check api}: whether the API server answers and serves certkeeper's six kinds. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check that the API server answers and serves certkeeper's kinds.",
      "%nThe CustomResourceDefinitions of Issuer, ClusterIssuer, Certificate, CertificateRequest, Order and "
          + "Challenge must be installed and established. With --wait, retry until they are or the time is up: "
          + "use it in scripts before applying issuers and certificates."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:The API is ready.",
      "1:It is not (each reason is printed), or not before --wait ran out.",
      ExitCodes.USAGE
    })
final class CheckApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description = "How long to retry until the API is ready, such as 2m or 90s (default: ${DEFAULT-VALUE}: check once).",
      defaultValue = "0s",
      converter = GoDurationConverter.class)
  Duration wait;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "Time between checks while waiting (default: ${DEFAULT-VALUE}).",
      defaultValue = "5s",
      converter = GoDurationConverter.class)
  Duration interval;

  @Option(
      names = {"-v", "--verbose"},
      description = "While waiting, print every reason the API is not ready yet, not only the first (cmctl's -v, so its scripts run unchanged).")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant deadline = Instant.now().plus(wait);
    try (KubernetesClient client = cluster.client()) {
      while (true) {
        List<String> problems = problems(client);
        if (problems.isEmpty()) {
          out.println("The certkeeper API is ready");
          out.flush();
          return 0;
        }
        if (Instant.now().plus(interval).isAfter(deadline)) {
          problems.forEach(problem -> err.println("error: " + problem));
          return 1;
        }
        err.println("Not ready yet (" + (verbose ? String.join("; ", problems) : problems.get(0)) + "); checking again in " + interval.toSeconds() + "s");
        Thread.sleep(interval.toMillis());
      }
    }
  }

  /** Why the API is not ready: the API server does not answer, or a kind is not served. */
  private static List<String> problems(KubernetesClient client) {
    try {
      Set<String> served = new HashSet<>();
      for (String groupVersion : ApiKinds.ALL.stream().map(HasMetadata::getApiVersion).distinct().toList()) {
        APIResourceList resources = client.getApiResources(groupVersion);
        if (resources != null) {
          String group = groupVersion.substring(0, groupVersion.indexOf('/'));
          resources.getResources().stream().map(APIResource::getName).forEach(plural -> served.add(plural + "." + group));
        }
      }
      List<ApiReadiness.KindState> kinds = new ArrayList<>();
      for (Class<? extends HasMetadata> kind : ApiKinds.ALL) {
        String crdName = HasMetadata.getFullResourceName(kind);
        kinds.add(kindState(client, HasMetadata.getKind(kind), crdName, served.contains(crdName)));
      }
      return ApiReadiness.problems(kinds);
    } catch (KubernetesClientException e) {
      return List.of(ApiErrors.describe(e, client.getMasterUrl()));
    }
  }

  private static ApiReadiness.KindState kindState(KubernetesClient client, String kind, String crdName, boolean served) {
    try {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
      return new ApiReadiness.KindState(kind, crdName, served, crd, true);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return new ApiReadiness.KindState(kind, crdName, served, null, false);
      }
      throw e;
    }
  }
}
