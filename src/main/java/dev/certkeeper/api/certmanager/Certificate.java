package dev.certkeeper.api.certmanager;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A desired X.509 certificate, kept valid and renewed in a Secret (cert-manager.io/v1). */
@Group("cert-manager.io")
@Version("v1")
@ShortNames({"cert", "certs"})
@Categories("cert-manager")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Secret", jsonPath = ".spec.secretName")
@AdditionalPrinterColumn(name = "Issuer", jsonPath = ".spec.issuerRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", priority = 1)
@AdditionalPrinterColumn(
    name = "Expiration",
    jsonPath = ".status.notAfter",
    type = AdditionalPrinterColumn.Type.DATE,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.group")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.kind")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.name")
public class Certificate extends CustomResource<CertificateSpec, CertificateStatus> implements Namespaced {}
