package dev.blog.core.user;

import static org.testcontainers.containers.localstack.LocalStackContainer.Service.DYNAMODB;

import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same repository contract on LocalStack's DynamoDB, through Testcontainers. It needs a Docker engine:
 * where there is none (these build machines), JUnit reports every test as skipped with the reason
 * "disabledWithoutDocker", and DynamoDB Local ({@link UserRepositoryOnDynamoDbLocalTest}) still runs.
 * Pick the image with {@code -Dlocalstack.image=localstack/localstack:<tag>}.
 */
@Testcontainers(disabledWithoutDocker = true)
class UserRepositoryOnLocalStackTest extends UserRepositoryContract {
  @Container
  private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
      DockerImageName.parse(System.getProperty("localstack.image", "localstack/localstack:4.4")))
      .withServices(DYNAMODB);

  private TestCoreComponent graph;
  private TestStore.Table table;

  @BeforeEach
  void freshTable() {
    table = TestStore.freshTableOn(LOCALSTACK.getEndpointOverride(DYNAMODB));
    graph = TestCoreComponent.on(table);
  }

  @Override
  protected UserRepository repository() {
    return graph.repository();
  }

  @Override
  protected DynamoDbClient dynamo() {
    return graph.dynamo();
  }

  @Override
  protected String table() {
    return table.name();
  }
}
