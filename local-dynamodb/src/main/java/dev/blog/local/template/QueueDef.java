package dev.blog.local.template;

import java.util.Optional;

/** An AWS::SQS::Queue as declared: the attributes the local queue server honours. */
public record QueueDef(String logicalId, Optional<Integer> visibilityTimeoutSeconds,
    Optional<Integer> messageRetentionSeconds, Optional<Redrive> redrive) {

  /** The redrive policy: after {@code maxReceiveCount} receives a message moves to the dead-letter queue. */
  public record Redrive(String deadLetterQueueId, int maxReceiveCount) {}
}
