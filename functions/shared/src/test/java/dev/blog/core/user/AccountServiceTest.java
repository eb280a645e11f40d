package dev.blog.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the account operations cost the store, where the cost itself is part of the rule. */
class AccountServiceTest {
  private final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());

  @Test
  void aResetRequestCostsOneReadAndOneWriteWhetherOrNotAnAccountHasTheAddress() {
    graph.users().register("ada@example.com", "password-123", "Ada Lovelace", null);
    graph.requests().reset();
    graph.accounts().requestPasswordReset("ada@example.com");
    Map<String, Integer> known = graph.requests().byOperation();
    graph.requests().reset();
    graph.accounts().requestPasswordReset("nobody@example.com");
    Map<String, Integer> unknown = graph.requests().byOperation();

    // The same round trips, so the answer's timing tells as little as its status (202 for both).
    assertThat(known).isEqualTo(Map.of("GetItem", 1, "TransactWriteItems", 1));
    assertThat(unknown).isEqualTo(Map.of("GetItem", 1, "UpdateItem", 1));
  }

  @Test
  void aLogoutIsOneTransactionAndTheAuthorizersCheckOneProjectedRead() {
    User ada = graph.users().register("ada@example.com", "password-123", "Ada Lovelace", null);
    graph.requests().reset();
    assertThat(graph.accounts().liveSession(ada.id(), 0)).isPresent();
    graph.accounts().logout(new dev.blog.core.security.Caller(ada.id(), ada.role()));
    assertThat(graph.accounts().liveSession(ada.id(), 0)).isEmpty();
    assertThat(graph.accounts().liveSession(ada.id(), 1)).isPresent();
    assertThat(graph.requests().byOperation()).isEqualTo(Map.of("GetItem", 3, "TransactWriteItems", 1));
  }
}
