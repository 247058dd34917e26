package dev.certkeeper.api;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The six kinds certkeeper serves, as cert-manager's v1 API has them. */
public final class ApiKinds {
  /** The six kinds, in the order they are listed. */
  public static final List<Class<? extends HasMetadata>> ALL =
      List.of(Issuer.class, ClusterIssuer.class, Certificate.class, CertificateRequest.class, Order.class, Challenge.class);

  private ApiKinds() {}
}
