package dev.blog.local.template;

import java.util.List;
import java.util.Optional;

/**
 * An AWS::DynamoDB::Table as declared: attribute definitions, key schema, global secondary indexes, stream, and
 * the attribute its time to live reads (when TTL is enabled).
 */
public record TableDef(String logicalId, List<Attribute> attributes, List<Key> keySchema, List<Index> globalSecondaryIndexes,
    Optional<String> streamViewType, Optional<String> timeToLiveAttribute) {

  /** An attribute definition: name and type (S, N or B). */
  public record Attribute(String name, String type) {}

  /** A key schema element: attribute name and HASH or RANGE. */
  public record Key(String attributeName, String keyType) {}

  /** A global secondary index: its keys and projection (ALL, KEYS_ONLY or INCLUDE with the non-key attributes). */
  public record Index(String name, List<Key> keySchema, String projectionType, List<String> nonKeyAttributes) {}
}
