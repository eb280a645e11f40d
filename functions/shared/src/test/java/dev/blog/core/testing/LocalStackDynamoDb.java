package dev.blog.core.testing;

import static org.testcontainers.containers.localstack.LocalStackContainer.Service.DYNAMODB;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's DynamoDB through Testcontainers, for the repository contracts where a Docker engine runs. Pick
 * the image with {@code -Dlocalstack.image=localstack/localstack:<tag>}.
 */
public final class LocalStackDynamoDb {
  private LocalStackDynamoDb() {}

  public static LocalStackContainer container() {
    return new LocalStackContainer(DockerImageName.parse(System.getProperty("localstack.image", "localstack/localstack:4.4")))
        .withServices(DYNAMODB);
  }

  /** A fresh copy of template.yaml's table on the running container. */
  public static TestStore.Table freshTable(LocalStackContainer localStack) {
    return TestStore.freshTableOn(localStack.getEndpointOverride(DYNAMODB));
  }
}
