package dev.certkeeper.api.acme;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** An ACME order for one CertificateRequest (acme.cert-manager.io/v1). */
@Group("acme.cert-manager.io")
@Version("v1")
@Categories({"cert-manager", "cert-manager-acme"})
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state")
@AdditionalPrinterColumn(name = "Issuer", jsonPath = ".spec.issuerRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.group")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.kind")
@AdditionalSelectableField(jsonPath = ".spec.issuerRef.name")
public class Order extends CustomResource<OrderSpec, OrderStatus> implements Namespaced {}
