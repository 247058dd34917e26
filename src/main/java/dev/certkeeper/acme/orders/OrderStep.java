package dev.certkeeper.acme.orders;

import dev.certkeeper.api.acme.OrderStatus;
import java.time.Duration;

/**
 * What one look at an Order came to: its new status, and when to look again (null: only when
 * something changes).
 */
public record OrderStep(OrderStatus status, Duration retry) {
  /** Look again after {@code retry}. */
  public static OrderStep retry(OrderStatus status, Duration retry) {
    return new OrderStep(status, retry);
  }

  /** Done, or waiting for an event. */
  public static OrderStep settled(OrderStatus status) {
    return new OrderStep(status, null);
  }
}
