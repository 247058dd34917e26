package dev.certkeeper.api.acme;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The type of the Service in front of an HTTP-01 solver pod. */
public enum ServiceType {
  @JsonProperty("ClusterIP") CLUSTER_IP,
  @JsonProperty("NodePort") NODE_PORT,
  /** Written as "", which cert-manager accepts as the default, NodePort. */
  @JsonProperty("") DEFAULT;

  /** The type a solver's serviceType means: unset and "" are NodePort, as in cert-manager. */
  public static ServiceType effective(ServiceType type) {
    return type == null || type == DEFAULT ? NODE_PORT : type;
  }
}
