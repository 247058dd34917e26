package dev.certkeeper.acme.http01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SolverArgumentsTest {
  @Test
  void listensOnPort8089OfEveryAddressByDefault() {
    SolverArguments arguments = SolverArguments.parse(List.of("--domain=app.example.com", "--token=t", "--key=t.k"));
    assertThat(arguments).isEqualTo(new SolverArguments(false, "0.0.0.0", 8089, "app.example.com", "t", "t.k"));
  }

  @Test
  void readsValuesAfterAnEqualsSignOrAsTheNextArgument() {
    SolverArguments arguments =
        SolverArguments.parse(List.of("--listen-port", "18089", "--listen-address=::", "--domain", "app.example.com", "--token=t", "--key", "t.k"));
    assertThat(arguments).isEqualTo(new SolverArguments(false, "::", 18089, "app.example.com", "t", "t.k"));
  }

  @Test
  void keepsEqualsSignsInsideAValue() {
    assertThat(SolverArguments.parse(List.of("--domain=a", "--token=t", "--key=t.k==")).key()).isEqualTo("t.k==");
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertThat(SolverArguments.parse(List.of("--domain=a", "-h")).help()).isTrue();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(List.of("--domain=a", "--token=t"), "Missing required options: '--key'"),
        Arguments.of(List.of(), "Missing required options: '--domain', '--token', '--key'"),
        Arguments.of(List.of("--domain=a", "--token=t", "--key=k", "--port=1"), "Unknown option: '--port=1'"),
        Arguments.of(List.of("--domain=a", "--token=t", "--key"), "Missing value for option '--key'"),
        Arguments.of(List.of("--domain=a", "--domain=b", "--token=t", "--key=k"), "Option '--domain' was given more than once"),
        Arguments.of(List.of("--domain=a", "--token=t", "--key=k", "--listen-port=http"), "--listen-port must be a port number from 0 to 65535, not 'http'"),
        Arguments.of(List.of("--domain=a", "--token=t", "--key=k", "--listen-port=70000"), "--listen-port must be a port number from 0 to 65535, not '70000'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void namesWhatIsWrongWithTheArguments(List<String> args, String message) {
    assertThatThrownBy(() -> SolverArguments.parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
