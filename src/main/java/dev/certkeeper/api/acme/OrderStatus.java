package dev.certkeeper.api.acme;

import dev.certkeeper.api.ApiType;
import java.util.List;

/**
 * The progress of an ACME Order at the CA. {@code retryAfter} is certkeeper's own field (not in
 * cert-manager's Order): after the CA or the way to it failed (a rate limit's Retry-After, a
 * back-off after a 5xx or a network error), the time before which the CA is not asked again,
 * whatever wakes the controller, so no path loops tighter than its back-off.
 */
@ApiType
public record OrderStatus(
    String url,
    String finalizeURL,
    List<AcmeAuthorization> authorizations,
    String certificate,
    AcmeState state,
    String reason,
    String failureTime,
    String retryAfter) {

  /** This status with another reason. */
  public OrderStatus withReason(String newReason) {
    return new OrderStatus(url, finalizeURL, authorizations, certificate, state, newReason, failureTime, retryAfter);
  }

  /** This status in another state, with the reason for it. */
  public OrderStatus withState(AcmeState newState, String newReason) {
    return new OrderStatus(url, finalizeURL, authorizations, certificate, newState, newReason, failureTime, retryAfter);
  }

  /** This status with the order's authorizations as the CA described them. */
  public OrderStatus withAuthorizations(List<AcmeAuthorization> newAuthorizations) {
    return new OrderStatus(url, finalizeURL, newAuthorizations, certificate, state, reason, failureTime, retryAfter);
  }

  /** This status with another time before which the CA is not asked again (null: at any time). */
  public OrderStatus withRetryAfter(String newRetryAfter) {
    return new OrderStatus(url, finalizeURL, authorizations, certificate, state, reason, failureTime, newRetryAfter);
  }
}
