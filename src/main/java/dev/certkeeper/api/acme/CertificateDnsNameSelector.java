package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.List;
import java.util.Map;

/** Which names (and which Certificates, by label) a solver is for. */
@ApiType
public record CertificateDnsNameSelector(Map<String, String> matchLabels, List<String> dnsNames, List<String> dnsZones) {}
