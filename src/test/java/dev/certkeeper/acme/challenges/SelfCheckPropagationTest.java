package dev.certkeeper.acme.challenges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.acme.http01.SolverServer;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelfCheckPropagationTest {
  private static final String URL = "http://app.example.com/.well-known/acme-challenge/tok";
  private static final String KEY = "tok.thumbprint";

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of("the key", 200, KEY, null),
        Arguments.of("the solver's own 404", 404, SolverServer.NOT_FOUND_BODY,
            URL + " answered with status 404 from the solver itself, which serves no challenge for that host and path"),
        Arguments.of("another site's page", 200, "<html>\n  <h1>Welcome</h1>\n</html>",
            URL + " answered with status 200 but not with the key; another backend answered, not the solver (body: \"<html> <h1>Welcome</h1> </html>\")"),
        Arguments.of("another backend's 404", 404, "default backend - 404",
            URL + " answered with status 404 instead of 200; another backend answered, not the solver (body: \"default backend - 404\")"),
        Arguments.of("an empty 503", 503, "", URL + " answered with status 503 instead of 200; another backend answered, not the solver (empty body)"),
        Arguments.of("a long body, shortened", 200, "x".repeat(200),
            URL + " answered with status 200 but not with the key; another backend answered, not the solver (body: \"" + "x".repeat(80) + "…\")"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void tellsTheKeyTheSolversRefusalAndAnotherBackendApart(String name, int status, String body, String expected) {
    assertThat(SelfCheckPropagation.answer(URL, status, body, KEY)).isEqualTo(Optional.ofNullable(expected));
  }
}
