package dev.blog.core.store.internal;

import dev.blog.core.snapstart.Priming;
import dev.blog.core.store.SecretSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets from AWS Secrets Manager, fetched on first use and kept for the life of the container. The
 * client itself is built on first use too: functions that never read a secret never pay for one. A SnapStart
 * snapshot holds neither the client's connections nor a value: in a priming run the request is answered at
 * the socket with a made-up value (PrimingHttpClient), which serves that priming request and is not kept, so
 * the first real use still fetches the real one.
 */
public final class SecretsManagerSource implements SecretSource {
  private final Supplier<SecretsManagerClient> clientFactory;
  private final Map<String, String> cache = new ConcurrentHashMap<>();
  private volatile SecretsManagerClient client;

  public SecretsManagerSource(Supplier<SecretsManagerClient> clientFactory) {
    this.clientFactory = clientFactory;
  }

  @Override
  public String get(String secretId) {
    return Priming.running() ? fetch(secretId) : cache.computeIfAbsent(secretId, this::fetch);
  }

  private String fetch(String secretId) {
    try {
      String value = client().getSecretValue(r -> r.secretId(secretId)).secretString();
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("Secret " + secretId + " has no value: see README, 'Deploy to AWS'");
      }
      return value;
    } catch (SdkException e) {
      throw new IllegalStateException("Could not read secret " + secretId, e);
    }
  }

  private SecretsManagerClient client() {
    SecretsManagerClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = clientFactory.get();
        }
        current = client;
      }
    }
    return current;
  }
}
