package dev.certkeeper.cli;

import dev.certkeeper.cli.report.OutputFormat;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** kubectl's {@code -o/--output}: text by default, or the report as a YAML or JSON document. */
final class OutputOption {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Print a document instead of text: yaml or json.")
  OutputFormat format;

  /** Prints the report as the option asks: the text, or the report itself as a document. */
  void print(PrintWriter out, Object report, Supplier<String> text) {
    out.print(format == null ? text.get() : format.write(report));
    out.flush();
  }
}
