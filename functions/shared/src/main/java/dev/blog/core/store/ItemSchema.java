package dev.blog.core.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.blog.core.store.TableLayout.Index;
import dev.blog.core.store.TableLayout.Key;
import dev.blog.core.store.TableLayout.Listing;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Builds the static immutable table schema of one item kind (built once, in a {@code static final} field:
 * no bean introspection, no reflection at cold start). The key attributes come from {@link TableLayout}: the
 * primary key from the item ({@link #of}), and its entry in each index it is listed in ({@link #listedIn}), so
 * no item class spells a prefix or an index attribute. They are written from the item and not read back: an
 * item that needs its id after a read stores it as an attribute of its own too.
 *
 * @param <T> the immutable item
 * @param <B> its builder, which the Enhanced Client fills when it reads an item
 */
public final class ItemSchema<T, B> {
  private final StaticImmutableTableSchema.Builder<T, B> schema;

  private ItemSchema(StaticImmutableTableSchema.Builder<T, B> schema) {
    this.schema = schema;
  }

  /** An item kind stored under the primary key {@code key} gives each item. */
  public static <T, B> ItemSchema<T, B> of(Class<T> item, Class<B> builder, Supplier<B> newBuilder,
      Function<B, T> build, Function<T, Key> key) {
    ItemSchema<T, B> schema = new ItemSchema<>(StaticImmutableTableSchema.builder(item, builder)
        .newItemBuilder(newBuilder, build));
    schema.keyAttribute(TableLayout.PK, i -> key.apply(i).pk(), primaryPartitionKey());
    schema.keyAttribute(TableLayout.SK, i -> key.apply(i).sk(), primarySortKey());
    return schema;
  }

  /**
   * The item's entry in {@code index}: in the listing {@code listing} gives it (null: in none of that index,
   * a sparse entry), sorted by {@code id}.
   */
  public ItemSchema<T, B> listedIn(Index index, Function<T, Listing> listing, Function<T, String> id) {
    Function<T, Listing> checked = item -> {
      Listing in = listing.apply(item);
      if (in != null && in.index() != index) {
        throw new IllegalStateException("The listing " + in + " is not on " + index.indexName());
      }
      return in;
    };
    keyAttribute(index.partitionKey(), item -> {
      Listing in = checked.apply(item);
      return in == null ? null : in.partition();
    }, secondaryPartitionKey(index.indexName()));
    keyAttribute(index.sortKey(), item -> checked.apply(item) == null ? null : id.apply(item),
        secondarySortKey(index.indexName()));
    return this;
  }

  /** An attribute of {@code type} (String, Long, Integer, Boolean): null is not written. */
  public <R> ItemSchema<T, B> attribute(Class<R> type, String name, Function<T, R> get, BiConsumer<B, R> set) {
    schema.addAttribute(type, a -> a.name(name).getter(get).setter(set));
    return this;
  }

  /** A list of strings (type L), kept in order. */
  public ItemSchema<T, B> strings(String name, Function<T, List<String>> get, BiConsumer<B, List<String>> set) {
    schema.addAttribute(EnhancedType.listOf(String.class), a -> a.name(name).getter(get).setter(set));
    return this;
  }

  public StaticImmutableTableSchema<T, B> build() {
    return schema.build();
  }

  /** A key attribute: derived from the item when written, not read back (nothing to set on the builder). */
  private void keyAttribute(String name, Function<T, String> get, StaticAttributeTag tag) {
    schema.addAttribute(String.class, a -> a.name(name).getter(get).setter((builder, ignored) -> { }).tags(tag));
  }
}
