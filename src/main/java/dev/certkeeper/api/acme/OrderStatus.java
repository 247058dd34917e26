package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.List;

/** The progress of an ACME Order at the CA. */
@ApiType
public record OrderStatus(
    String url,
    String finalizeURL,
    List<AcmeAuthorization> authorizations,
    String certificate,
    AcmeState state,
    String reason,
    String failureTime) {

  /** This status with another reason. */
  public OrderStatus withReason(String newReason) {
    return new OrderStatus(url, finalizeURL, authorizations, certificate, state, newReason, failureTime);
  }

  /** This status in another state, with the reason for it. */
  public OrderStatus withState(AcmeState newState, String newReason) {
    return new OrderStatus(url, finalizeURL, authorizations, certificate, newState, newReason, failureTime);
  }
}
