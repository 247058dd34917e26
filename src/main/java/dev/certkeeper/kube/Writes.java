package dev.certkeeper.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Objects;

/** Writes that are safe to repeat, for controllers that may crash and run again at any step. */
public final class Writes {
  private Writes() {}

  /** Creates the object; one that already exists under its fixed name is left as it is. */
  public static void createIfAbsent(KubernetesClient client, HasMetadata object) {
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** Patches the status only when it changed; {@code retry} (if not null) reschedules either way. */
  public static <S, R extends CustomResource<?, S>> UpdateControl<R> statusIfChanged(R resource, S status, Duration retry) {
    UpdateControl<R> control;
    if (Objects.equals(status, resource.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      resource.setStatus(status);
      control = UpdateControl.patchStatus(resource);
    }
    return retry == null ? control : control.rescheduleAfter(retry);
  }
}
