package dev.certkeeper.api.certmanager;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One signing request for one revision of a Certificate (cert-manager.io/v1). */
@Group("cert-manager.io")
@Version("v1")
@ShortNames({"cr", "crs"})
@Categories("cert-manager")
@AdditionalPrinterColumn(name = "Approved", jsonPath = ".status.conditions[?(@.type==\"Approved\")].status")
@AdditionalPrinterColumn(name = "Denied", jsonPath = ".status.conditions[?(@.type==\"Denied\")].status")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Issuer", jsonPath = ".spec.issuerRef.name")
@AdditionalPrinterColumn(name = "Requester", jsonPath = ".spec.username")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.group")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.kind")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.name")
public class CertificateRequest extends CustomResource<CertificateRequestSpec, CertificateRequestStatus>
    implements Namespaced {}
