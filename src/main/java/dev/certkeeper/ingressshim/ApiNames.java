package dev.certkeeper.ingressshim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The API spellings of the model's enums (their {@code @JsonProperty} names), matched exactly as cert-manager matches them. */
final class ApiNames {
  private ApiNames() {}

  /** The constant spelled {@code text} in the API, if any; case matters, as in cert-manager. */
  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> name(constant).equals(text)).findFirst();
  }

  /** Every API spelling of the enum, in declaration order, for messages that list what is allowed. */
  static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ApiNames::name).toList();
  }

  private static String name(Enum<?> constant) {
    try {
      return constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
