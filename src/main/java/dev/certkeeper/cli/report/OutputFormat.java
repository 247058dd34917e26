package dev.certkeeper.cli.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** The structured forms of {@code -o}: a report as one YAML or JSON document, absent values left out. */
public enum OutputFormat {
  YAML(new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build())),
  JSON(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT));

  private final ObjectMapper mapper;

  OutputFormat(ObjectMapper mapper) {
    this.mapper = mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
  }

  /** The report as a document, ending with a newline. */
  public String write(Object report) {
    try {
      String text = mapper.writeValueAsString(report);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report cannot be written as " + name(), e);
    }
  }
}
