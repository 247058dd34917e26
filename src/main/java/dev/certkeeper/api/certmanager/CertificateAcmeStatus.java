package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;

/** ACME-specific state of a Certificate: its ACME Renewal Information (RFC 9773). */
@ApiType
public record CertificateAcmeStatus(RenewalInformation ari) {

  /** The renewal window the CA suggested and when to ask again. */
  @ApiType
  public record RenewalInformation(
      SuggestedWindow suggestedWindow, String explanationURL, String lastChecked, String nextCheck, String lastError) {}

  /** The start and end of the CA's suggested renewal window. */
  @ApiType
  public record SuggestedWindow(String start, String end) {}
}
