package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Labels and annotations copied onto the Certificate's Secret. */
@ApiType
@ValidationRule(
    value =
        "!has(self.annotations) || self.annotations.all(k, !k.startsWith('cert-manager.io/') || k == 'cert-manager.io/allow-direct-injection')",
    message =
        "secretTemplate.annotations must not use the cert-manager.io/ prefix: those annotations are written by the operator")
public record CertificateSecretTemplate(Map<String, String> annotations, Map<String, String> labels) {}
