package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which profiles the CA's directory lets an Order ask for, and what the refusal says. */
class OrderProfilesTest {
  static Stream<Arguments> profiles() {
    return Stream.of(
        Arguments.of("no profile asked for", null, Set.of("default", "shortlived"), null),
        Arguments.of("empty profile is none", "", Set.of(), null),
        Arguments.of("an offered profile", "shortlived", Set.of("default", "shortlived"), null),
        Arguments.of("an unknown profile names it and the offered ones, sorted", "tlsserver", Set.of("shortlived", "default"),
            "profile \"tlsserver\" is not offered: the ACME server's directory lists only default, shortlived"),
        Arguments.of("a CA without profiles", "shortlived", Set.of(),
            "profile \"shortlived\" is not offered: the ACME server's directory lists no profiles"),
        Arguments.of("names are matched exactly", "Shortlived", Set.of("shortlived"),
            "profile \"Shortlived\" is not offered: the ACME server's directory lists only shortlived"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void refusesOnlyProfilesTheDirectoryDoesNotList(String name, String profile, Set<String> offered, String refusal) {
    assertThat(OrderProfiles.refusal(profile, offered)).isEqualTo(java.util.Optional.ofNullable(refusal));
  }
}
