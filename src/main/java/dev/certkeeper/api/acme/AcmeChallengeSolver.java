package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One way to solve ACME challenges, and which names it is for. */
@ApiType
@ValidationRule(value = "has(self.http01) != has(self.dns01)", message = "a solver needs exactly one of http01 and dns01")
@ValidationRule(
    value =
        "!has(self.waitInsteadOfSelfCheck) || self.waitInsteadOfSelfCheck == '0' || self.waitInsteadOfSelfCheck.matches('^([0-9]+([.][0-9]+)?(ns|us|µs|ms|s|m|h))+$')",
    message = "waitInsteadOfSelfCheck must be a Go duration such as 30s or 2m")
public record AcmeChallengeSolver(
    CertificateDnsNameSelector selector, Http01Solver http01, Dns01Solver dns01, @Size(max = 64) String waitInsteadOfSelfCheck) {}
