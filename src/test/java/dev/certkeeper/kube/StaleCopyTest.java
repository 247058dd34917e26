package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StaleCopyTest {
  static Stream<Arguments> copies() {
    return Stream.of(
        Arguments.of("the cache is newer", "10", "uid", "11", "cached"),
        Arguments.of("the cache is newer by more digits", "9", "uid", "10", "cached"),
        Arguments.of("the given copy is the cache's", "10", "uid", "10", "given"),
        Arguments.of("the cache is older", "11", "uid", "10", "given"),
        Arguments.of("the cache does not have it", "10", "uid", null, "given"),
        Arguments.of("the cache has another object of that name (deleted and created again)", "10", "other-uid", "11", "given"),
        Arguments.of("a version that is not a number cannot be ordered: the cache's", "10", "uid", "abc", "cached"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("copies")
  void picksTheNewerCopyOfTheSameObject(String situation, String givenVersion, String cachedUid, String cachedVersion, String expected) {
    ConfigMap given = copy("given", "uid", givenVersion);
    Optional<ConfigMap> cached = Optional.ofNullable(cachedVersion).map(v -> copy("cached", cachedUid, v));

    assertThat(StaleCopy.newest(given, cached).getData()).containsEntry("copy", expected);
  }

  private static ConfigMap copy(String which, String uid, String resourceVersion) {
    return new ConfigMapBuilder().withNewMetadata().withName("x").withUid(uid).withResourceVersion(resourceVersion).endMetadata().addToData("copy", which).build();
  }
}
