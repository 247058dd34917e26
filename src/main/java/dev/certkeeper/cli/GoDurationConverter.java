package dev.certkeeper.cli;

import dev.certkeeper.api.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads duration flags the way cert-manager's do: Go durations such as 1h, 90s or 1h30m. */
final class GoDurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return GoDuration.parse(value);
  }
}
