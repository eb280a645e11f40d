package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentRegistrationTest {
  private final Api api = LocalStackFixture.api();

  @Test
  void twentyConcurrentSignUpsWithOneEmailCreateExactlyOneUser() throws Exception {
    int clients = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int n = i;
      statuses.add(pool.submit(() -> {
        start.await();
        // Mixed case on purpose: uniqueness is case-insensitive.
        String email = (n % 2 == 0 ? "Race@Example.com" : "race@example.COM");
        return api.register(email, "password-" + n, "Racer " + n).status();
      }));
    }
    start.countDown();
    List<Integer> answers = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      answers.add(status.get(5, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertThat(answers).filteredOn(s -> s == 201).hasSize(1);
    assertThat(answers).filteredOn(s -> s == 409).hasSize(clients - 1);
  }
}
