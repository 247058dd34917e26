package dev.certkeeper.ingressshim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Annotation values read as cert-manager's Go code reads them. */
class GoValuesTest {
  static Stream<Arguments> records() {
    return Stream.of(
        Arguments.of("one value", "Example Ltd", List.of("Example Ltd")),
        Arguments.of("values separated by commas", "GB,IE", List.of("GB", "IE")),
        Arguments.of("a quoted value holding a comma", "\"1 Main St, Suite 2\",Leeds", List.of("1 Main St, Suite 2", "Leeds")),
        Arguments.of("a doubled quote inside quotes", "\"say \"\"hi\"\"\",x", List.of("say \"hi\"", "x")),
        Arguments.of("spaces kept, as Go keeps them", " a , b", List.of(" a ", " b")),
        Arguments.of("a trailing comma makes an empty last value", "a,", List.of("a", "")),
        Arguments.of("an empty quoted value", "\"\",a", List.of("", "a")),
        Arguments.of("a quoted value spanning lines", "\"a\nb\",c", List.of("a\nb", "c")),
        Arguments.of("blank lines around the record", "\n\na,b\n\n", List.of("a", "b")),
        Arguments.of("a CRLF line end", "a,b\r\n", List.of("a", "b")),
        Arguments.of("a carriage return ending the text", "a,\"b\"\r", List.of("a", "b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void oneLineOfCsvSplitsAsGoSplitsIt(String description, String text, List<String> values) {
    assertThat(GoValues.splitCsv(text)).isEqualTo(values);
  }

  static Stream<Arguments> notOneRecord() {
    return Stream.of(
        Arguments.of("empty", "", "no values found"),
        Arguments.of("blank lines only", "\n\n", "no values found"),
        Arguments.of("two lines", "a\nb", "2 lines of CSV"),
        Arguments.of("a quote inside an unquoted value", "1 \"Main\" St", "bare \" in non-quoted field \"1 \\\"Main\\\" St\""),
        Arguments.of("text after a closing quote", "\"Leeds\" city", "a closing quote must be followed by a comma"),
        Arguments.of("an unclosed quote", "\"GB", "the closing quote is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notOneRecord")
  void anythingButOneRecordIsRefusedWithTheReason(String description, String text, String reason) {
    assertThatThrownBy(() -> GoValues.splitCsv(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "true, true", "True, true", "TRUE, true", "t, true", "T, true", "1, true",
    "false, false", "False, false", "FALSE, false", "f, false", "F, false", "0, false",
    "yes, ", "on, ", "tRUE, ", "' true', "
  })
  void boolsAreReadAsStrconvParseBoolReadsThem(String text, Boolean value) {
    assertThat(GoValues.parseBool(text)).isEqualTo(Optional.ofNullable(value));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"plain|\"plain\"", "say \"hi\"|\"say \\\"hi\\\"\"", "back\\slash|\"back\\\\slash\""})
  void quotingIsGoQuoting(String text, String quoted) {
    assertThat(GoValues.quote(text)).isEqualTo(quoted);
  }
}
