package dev.blog.core.post.internal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.blog.core.post.Post;
import dev.blog.core.store.Times;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The stored post (README, "Data design"): pk {@code POST#<id>}, sk {@code POST}. gsi1 {@code POSTS}/{@code <id>}
 * only while published (a sparse index: everybody's published posts, newest first, and nothing else); gsi2
 * {@code AUTHOR#<authorId>#PUBLISHED} or {@code AUTHOR#<authorId>#DRAFT} / {@code <id>}: one author's
 * published posts and drafts are separate partitions, so a listing of someone else's posts reads no draft
 * at all and every page is full without a filter.
 */
public final class PostItem {
  static final String SK = "POST";
  static final String PUBLISHED_PARTITION = "POSTS";

  public static final TableSchema<PostItem> SCHEMA = StaticTableSchema.builder(PostItem.class)
      .newItemSupplier(PostItem::new)
      .addAttribute(String.class, a -> a.name("pk").getter(PostItem::getPk).setter(PostItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name("sk").getter(PostItem::getSk).setter(PostItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name("gsi1pk").getter(PostItem::getGsi1pk).setter(PostItem::setGsi1pk).tags(secondaryPartitionKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi1sk").getter(PostItem::getGsi1sk).setter(PostItem::setGsi1sk).tags(secondarySortKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi2pk").getter(PostItem::getGsi2pk).setter(PostItem::setGsi2pk).tags(secondaryPartitionKey("gsi2")))
      .addAttribute(String.class, a -> a.name("gsi2sk").getter(PostItem::getGsi2sk).setter(PostItem::setGsi2sk).tags(secondarySortKey("gsi2")))
      .addAttribute(String.class, a -> a.name("id").getter(PostItem::getId).setter(PostItem::setId))
      .addAttribute(String.class, a -> a.name("authorId").getter(PostItem::getAuthorId).setter(PostItem::setAuthorId))
      .addAttribute(String.class, a -> a.name("title").getter(PostItem::getTitle).setter(PostItem::setTitle))
      .addAttribute(String.class, a -> a.name("content").getter(PostItem::getContent).setter(PostItem::setContent))
      .addAttribute(Boolean.class, a -> a.name("published").getter(PostItem::getPublished).setter(PostItem::setPublished))
      .addAttribute(String.class, a -> a.name("createdAt").getter(PostItem::getCreatedAt).setter(PostItem::setCreatedAt))
      .addAttribute(String.class, a -> a.name("updatedAt").getter(PostItem::getUpdatedAt).setter(PostItem::setUpdatedAt))
      .addAttribute(Long.class, a -> a.name("version").getter(PostItem::getVersion).setter(PostItem::setVersion))
      .build();

  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String id;
  private String authorId;
  private String title;
  private String content;
  private Boolean published;
  private String createdAt;
  private String updatedAt;
  private Long version;

  static String pk(String id) {
    return "POST#" + id;
  }

  /** The gsi2 partition of an author's published posts, or of their drafts. */
  static String authorKey(String authorId, boolean published) {
    return "AUTHOR#" + authorId + (published ? "#PUBLISHED" : "#DRAFT");
  }

  static PostItem of(Post post) {
    PostItem item = new PostItem();
    item.pk = pk(post.id());
    item.sk = SK;
    if (post.published()) {
      item.gsi1pk = PUBLISHED_PARTITION;
      item.gsi1sk = post.id();
    }
    item.gsi2pk = authorKey(post.authorId(), post.published());
    item.gsi2sk = post.id();
    item.id = post.id();
    item.authorId = post.authorId();
    item.title = post.title();
    item.content = post.content();
    item.published = post.published();
    item.createdAt = Times.format(post.createdAt());
    item.updatedAt = Times.format(post.updatedAt());
    item.version = post.version();
    return item;
  }

  Post toPost() {
    return new Post(id, authorId, title, content, Boolean.TRUE.equals(published), Times.parse(createdAt),
        Times.parse(updatedAt), version);
  }

  public String getPk() { return pk; }
  public void setPk(String v) { pk = v; }
  public String getSk() { return sk; }
  public void setSk(String v) { sk = v; }
  public String getGsi1pk() { return gsi1pk; }
  public void setGsi1pk(String v) { gsi1pk = v; }
  public String getGsi1sk() { return gsi1sk; }
  public void setGsi1sk(String v) { gsi1sk = v; }
  public String getGsi2pk() { return gsi2pk; }
  public void setGsi2pk(String v) { gsi2pk = v; }
  public String getGsi2sk() { return gsi2sk; }
  public void setGsi2sk(String v) { gsi2sk = v; }
  public String getId() { return id; }
  public void setId(String v) { id = v; }
  public String getAuthorId() { return authorId; }
  public void setAuthorId(String v) { authorId = v; }
  public String getTitle() { return title; }
  public void setTitle(String v) { title = v; }
  public String getContent() { return content; }
  public void setContent(String v) { content = v; }
  public Boolean getPublished() { return published; }
  public void setPublished(Boolean v) { published = v; }
  public String getCreatedAt() { return createdAt; }
  public void setCreatedAt(String v) { createdAt = v; }
  public String getUpdatedAt() { return updatedAt; }
  public void setUpdatedAt(String v) { updatedAt = v; }
  public Long getVersion() { return version; }
  public void setVersion(Long v) { version = v; }
}
