package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Child object names: stable for one key, and valid object names however the parent's name is cut. */
class ChildNamesTest {
  private static final String SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

  static Stream<Arguments> parents() {
    return Stream.of(
        Arguments.of("a short name, kept whole", "web-tls-1", "web-tls-1-"),
        Arguments.of("a cut ending in a dash", "payments-service-public-api-europe-west-productions-example-com-1", "payments-service-public-api-europe-west-productions--"),
        Arguments.of("a cut right after a dot", "payments-service-public-api.europe-west-productions.example.com-1", "payments-service-public-api.europe-west-productions-"),
        Arguments.of("a cut after a dot and a dash", "payments-service-public-api.europe-west-production.-example.com-1", "payments-service-public-api.europe-west-production-"),
        Arguments.of("a cut ending in two dashes, kept as names made before were", "payments-service-public-api-europe-west-production--example-com-1",
            "payments-service-public-api-europe-west-production---"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parents")
  void namesAChildValidlyAndTheSameEachTime(String description, String parent, String expectedStart) {
    String name = ChildNames.of(parent, 52, "csr");

    assertThat(name).startsWith(expectedStart).matches(SUBDOMAIN).isEqualTo(ChildNames.of(parent, 52, "csr"));
    assertThat(name.substring(expectedStart.length())).matches("[0-9]+");
    assertThat(ChildNames.of(parent, 52, "another csr")).isNotEqualTo(name);
  }
}
