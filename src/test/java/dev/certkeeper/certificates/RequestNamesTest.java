package dev.certkeeper.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestNamesTest {
  @Test
  void namesARequestAfterItsCertificateAndRevision() {
    assertThat(RequestNames.of("web", 3)).isEqualTo("web-3");
  }

  @Test
  void shortensOverLongNamesWithAStableHash() {
    String longName = "a".repeat(240);
    String name = RequestNames.of(longName, 1);
    assertThat(name).hasSizeLessThanOrEqualTo(253).startsWith("a".repeat(168) + "-").isEqualTo(RequestNames.of(longName, 1));
    assertThat(name).isNotEqualTo(RequestNames.of(longName, 2));
  }
}
