package dev.certkeeper.certificates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.reflect.RecordComponent;

/**
 * Writes a Certificate's status whole: a JSON merge patch of the status subresource that replaces
 * every field (lists included; cleared fields sent as null) and carries the resourceVersion the
 * reconciliation read. A concurrent writer, such as `certkeeper renew` setting Issuing, makes it
 * fail with a conflict and the reconciliation runs again on fresh state: nobody's update is lost,
 * and no entry is addressed by a list index that may have moved.
 */
final class StatusWriter {
  private StatusWriter() {}

  static Certificate write(KubernetesClient client, Certificate certificate, CertificateStatus status) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").put("resourceVersion", certificate.getMetadata().getResourceVersion());
    ObjectNode body = client.getKubernetesSerialization().convertValue(status, ObjectNode.class);
    for (RecordComponent field : CertificateStatus.class.getRecordComponents()) {
      if (!body.has(field.getName())) {
        body.putNull(field.getName());
      }
    }
    patch.set("status", body);
    // Addressed through the object in hand: a patch addressed by name alone is preceded by a GET.
    return client.resource(certificate)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
  }
}
