package dev.certkeeper.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.certificates.Annotations;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which `replaces` a request's Order sends: the ARI CertID the certificates controller named, and nothing else. */
class AcmeOrderRequestsTest {
  static Stream<Arguments> annotations() {
    return Stream.of(
        Arguments.of("a CertID", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"),
        Arguments.of("none", null, null),
        Arguments.of("empty", "", null),
        Arguments.of("no serial part", "aYhba4dGQEHhs3uEe6CuLN4ByNQ", null),
        Arguments.of("padding is not base64url without padding", "aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE", null),
        Arguments.of("a path", "../../x.y", null),
        Arguments.of("three parts", "a.b.c", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("annotations")
  void sendsOnlyAWellFormedCertId(String behaviour, String value, String sent) {
    Map<String, String> annotations = value == null ? Map.of() : Map.of(Annotations.ACME_REPLACES, value);
    assertThat(AcmeOrderRequests.replaces(annotations)).isEqualTo(sent);
  }
}
