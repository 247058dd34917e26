package dev.certkeeper.api.certmanager;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An issuer of certificates for every namespace (cert-manager.io/v1). */
@Group("cert-manager.io")
@Version("v1")
@ShortNames("ciss")
@Categories("cert-manager")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ClusterIssuer extends CustomResource<IssuerSpec, IssuerStatus> {}
