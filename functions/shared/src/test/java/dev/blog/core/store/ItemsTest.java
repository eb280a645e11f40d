package dev.blog.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.error.DomainException.Unavailable;
import dev.blog.core.inject.StoreModule;
import dev.blog.core.testing.LocalModule;
import dev.blog.core.testing.RequestCounter;
import dev.blog.core.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

/** Batched reads through the Enhanced Client against moto server, with throttled answers injected into the client. */
class ItemsTest {
  /** A minimal item kind for these tests, keyed like an audit entry. */
  record Note(String id, String text) {
    static final StaticImmutableTableSchema<Note, Builder> SCHEMA = ItemSchema.of(Note.class, Builder.class,
            Builder::new, Builder::build, n -> TableLayout.auditEntry(n.id()))
        .attribute(String.class, "id", Note::id, (b, v) -> b.id = v)
        .attribute(String.class, "text", Note::text, (b, v) -> b.text = v)
        .build();

    static final class Builder {
      private String id;
      private String text;

      Note build() {
        return new Note(id, text);
      }
    }
  }

  /** Answers the first {@code times} BatchGetItems as a throttled DynamoDB may: nothing read, every key unprocessed. */
  private static final class LeavesKeysUnprocessed implements ExecutionInterceptor {
    private final AtomicInteger left;

    LeavesKeysUnprocessed(int times) {
      left = new AtomicInteger(times);
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
      if (context.response() instanceof BatchGetItemResponse && left.getAndDecrement() > 0) {
        return BatchGetItemResponse.builder().responses(Map.of())
            .unprocessedKeys(((BatchGetItemRequest) context.request()).requestItems()).build();
      }
      return context.response();
    }
  }

  private final TestStore.Table table = TestStore.freshTable();
  private final RequestCounter requests = new RequestCounter();

  private Items<Note> notes(ExecutionInterceptor... faults) {
    List<ExecutionInterceptor> interceptors = new ArrayList<>(List.of(faults));
    interceptors.add(requests);
    DynamoDbClient dynamo = LocalModule.client(table.endpoint(), interceptors.toArray(ExecutionInterceptor[]::new));
    return new Store(dynamo, StoreModule.enhanced(dynamo), table.name()).items(Note.SCHEMA);
  }

  private List<TableLayout.Key> stored(int count) {
    DynamoDbClient dynamo = LocalModule.client(table.endpoint());
    Store store = new Store(dynamo, StoreModule.enhanced(dynamo), table.name());
    List<TableLayout.Key> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Note note = new Note("note-" + i, "text " + i);
      store.apply(Write.putNew(Note.SCHEMA, note));
      keys.add(TableLayout.auditEntry(note.id()));
    }
    return keys;
  }

  @Test
  void aBatchReadOfMoreKeysThanOneRequestTakesFindsEveryItemThatExistsOnce() {
    List<TableLayout.Key> keys = new ArrayList<>(stored(150));
    keys.addAll(keys.subList(0, 10)); // asked twice
    IntStream.range(0, 10).forEach(i -> keys.add(TableLayout.auditEntry("missing-" + i)));

    List<Note> found = notes().getAll(keys);

    assertThat(found).hasSize(150).doesNotHaveDuplicates();
    assertThat(found).contains(new Note("note-149", "text 149"));
    assertThat(requests.byOperation()).containsEntry("BatchGetItem", 2); // 160 distinct keys, 100 a request
  }

  @Test
  void keysLeftUnprocessedAreAskedAgainUntilRead() {
    List<TableLayout.Key> keys = stored(3);

    List<Note> found = notes(new LeavesKeysUnprocessed(2)).getAll(keys);

    assertThat(found).extracting(Note::id).containsExactlyInAnyOrder("note-0", "note-1", "note-2");
    assertThat(requests.byOperation()).containsEntry("BatchGetItem", 3);
  }

  @Test
  void aStoreThatKeepsLeavingKeysUnprocessedIsBusyAfterFiveRequests() {
    List<TableLayout.Key> keys = stored(3);

    assertThatThrownBy(() -> notes(new LeavesKeysUnprocessed(Integer.MAX_VALUE)).getAll(keys))
        .isInstanceOf(Unavailable.class);
    assertThat(requests.byOperation()).containsEntry("BatchGetItem", 5);
  }
}
