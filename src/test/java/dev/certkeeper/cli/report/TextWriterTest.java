package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWriterTest {
  @Test
  void alignsFieldsAndTableColumnsAndKeepsEachValueOnOneLine() {
    String text = new TextWriter()
        .heading("Thing t")
        .field("Name", "t")
        .field("Empty", "")
        .fieldIfPresent("Skipped", null)
        .listIfPresent("Names", List.of("a", "b"))
        .table("Rows", List.of("A", "LONGER", "LAST"), List.of(List.of("xxxxxx", "y", "multi\n  line"), List.of("x", "yy", "")))
        .heading("Next")
        .table("Nothing", List.of("A"), List.of())
        .toString();

    assertThat(text).isEqualTo(
        """
        Thing t
          Name:                 t
          Empty:                <none>
          Names:                a, b
          Rows:
            A       LONGER  LAST
            xxxxxx  y       multi line
            x       yy

        Next
          Nothing:              <none>
        """);
  }
}
