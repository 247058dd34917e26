package dev.certkeeper.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving integration tests the local environment of {@code make up}: a real
 * kube-apiserver on etcd and Pebble. It is started at most once per test run (or an environment
 * already up is reused) and shared by every test class; tests create their own namespaces.
 */
public final class LocalControlPlane implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalControlPlane.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(LocalEnvironment.class, key -> LocalEnvironment.startOrReuse(), LocalEnvironment.class);
  }
}
