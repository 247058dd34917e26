package dev.certkeeper.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The build fails when crds/ no longer matches the Java model. */
class CommittedCrdsTest {
  @Test
  void committedCrdsMatchTheModel() throws IOException {
    Map<String, String> committed = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        committed.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    assertThat(committed)
        .as("crds/ is stale: run `make crds` and commit the result")
        .isEqualTo(CrdWriter.generate());
  }
}
