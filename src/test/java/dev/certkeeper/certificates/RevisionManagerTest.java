package dev.certkeeper.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.CertificateRequest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionManagerTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("keeps the only request", revisions("1"), 1, 1, List.of()),
        Arguments.of("deletes all but the newest", revisions("1", "2", "3"), 3, 1, List.of("web-1", "web-2")),
        Arguments.of("keeps as many as the limit", revisions("1", "2", "3"), 3, 2, List.of("web-1")),
        Arguments.of("never deletes an issuance in flight", revisions("2", "3", "4"), 3, 1, List.of("web-2")),
        Arguments.of("ignores requests without a revision", revisions("1", "x", "2"), 2, 1, List.of("web-1")),
        Arguments.of("deletes nothing before the first issuance", revisions("1"), null, 1, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deletesOldRequestsBeyondTheHistoryLimit(String description, List<CertificateRequest> owned, Integer current, int limit, List<String> deleted) {
    assertThat(RevisionManager.toDelete(owned, current, limit)).extracting(r -> r.getMetadata().getName()).containsExactlyElementsOf(deleted);
  }

  private static List<CertificateRequest> revisions(String... revisions) {
    return Arrays.stream(revisions)
        .map(
            rev -> {
              CertificateRequest request = new CertificateRequest();
              request.setMetadata(new ObjectMetaBuilder().withName("web-" + rev).addToAnnotations(Annotations.CERTIFICATE_REVISION, rev).build());
              return request;
            })
        .toList();
  }
}
