package dev.blog.core.audit;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.blog.core.store.Times;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of an audit entry. Keys (README, "Data design"): pk {@code AUDIT#<id>}; gsi1
 * {@code AUDIT}/{@code <id>} lists all entries newest first; gsi2 {@code TARGET#<targetId>}/{@code <id>}
 * lists one target's entries.
 */
public final class AuditItem {
  public static final TableSchema<AuditItem> SCHEMA = StaticTableSchema.builder(AuditItem.class)
      .newItemSupplier(AuditItem::new)
      .addAttribute(String.class, a -> a.name("pk").getter(AuditItem::getPk).setter(AuditItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name("sk").getter(AuditItem::getSk).setter(AuditItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name("gsi1pk").getter(AuditItem::getGsi1pk).setter(AuditItem::setGsi1pk).tags(secondaryPartitionKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi1sk").getter(AuditItem::getGsi1sk).setter(AuditItem::setGsi1sk).tags(secondarySortKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi2pk").getter(AuditItem::getGsi2pk).setter(AuditItem::setGsi2pk).tags(secondaryPartitionKey("gsi2")))
      .addAttribute(String.class, a -> a.name("gsi2sk").getter(AuditItem::getGsi2sk).setter(AuditItem::setGsi2sk).tags(secondarySortKey("gsi2")))
      .addAttribute(String.class, a -> a.name("id").getter(AuditItem::getId).setter(AuditItem::setId))
      .addAttribute(String.class, a -> a.name("actorId").getter(AuditItem::getActorId).setter(AuditItem::setActorId))
      .addAttribute(String.class, a -> a.name("action").getter(AuditItem::getAction).setter(AuditItem::setAction))
      .addAttribute(String.class, a -> a.name("targetType").getter(AuditItem::getTargetType).setter(AuditItem::setTargetType))
      .addAttribute(String.class, a -> a.name("targetId").getter(AuditItem::getTargetId).setter(AuditItem::setTargetId))
      .addAttribute(String.class, a -> a.name("at").getter(AuditItem::getAt).setter(AuditItem::setAt))
      .build();

  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String id;
  private String actorId;
  private String action;
  private String targetType;
  private String targetId;
  private String at;

  /** The attribute map of an entry, ready to be one step of the change's transaction. */
  public static Map<String, AttributeValue> toItem(AuditEntry entry) {
    AuditItem item = new AuditItem();
    item.pk = "AUDIT#" + entry.id();
    item.sk = "AUDIT";
    item.gsi1pk = "AUDIT";
    item.gsi1sk = entry.id();
    item.gsi2pk = "TARGET#" + entry.targetId();
    item.gsi2sk = entry.id();
    item.id = entry.id();
    item.actorId = entry.actorId();
    item.action = entry.action();
    item.targetType = entry.targetType();
    item.targetId = entry.targetId();
    item.at = Times.format(entry.at());
    return SCHEMA.itemToMap(item, true);
  }

  public AuditEntry toEntry() {
    return new AuditEntry(id, actorId, action, targetType, targetId, Times.parse(at));
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
  public String getActorId() { return actorId; }
  public void setActorId(String v) { actorId = v; }
  public String getAction() { return action; }
  public void setAction(String v) { action = v; }
  public String getTargetType() { return targetType; }
  public void setTargetType(String v) { targetType = v; }
  public String getTargetId() { return targetId; }
  public void setTargetId(String v) { targetId = v; }
  public String getAt() { return at; }
  public void setAt(String v) { at = v; }
}
