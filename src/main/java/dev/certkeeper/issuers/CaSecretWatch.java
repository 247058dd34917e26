package dev.certkeeper.issuers;

import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.certificates.Annotations;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Wakes CA issuers when their key pair Secret changes, for Secrets certkeeper caches (those with
 * its label: the ones it issued, as in the SelfSigned-to-CA bootstrap). Other CA Secrets are
 * noticed by the issuers' periodic re-check.
 */
final class CaSecretWatch {
  private CaSecretWatch() {}

  /**
   * @param servesNamespace whether issuers of this kind read Secrets from a namespace
   * @param sameScope whether an issuer reads its Secret from the Secret's namespace
   */
  static <I extends CustomResource<IssuerSpec, IssuerStatus>> EventSource<Secret, I> eventSource(
      Class<I> kind, EventSourceContext<I> context, Predicate<String> servesNamespace, BiPredicate<I, Secret> sameScope) {
    var configuration =
        InformerEventSourceConfiguration.from(Secret.class, kind)
            .withName("ca-secrets")
            .withLabelSelector(Annotations.FAO_LABEL + "=true")
            .withSecondaryToPrimaryMapper(
                secret -> !servesNamespace.test(secret.getMetadata().getNamespace())
                    ? Set.<ResourceID>of()
                    : context.getPrimaryCache().list()
                        .filter(issuer -> sameScope.test(issuer, secret))
                        .filter(issuer -> Optional.ofNullable(issuer.getSpec().ca()).map(ca -> Objects.equals(ca.secretName(), secret.getMetadata().getName())).orElse(false))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }
}
