package dev.blog.core.user.internal;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.blog.core.security.Role;
import dev.blog.core.store.Times;
import dev.blog.core.user.User;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The stored user: pk {@code USER#<id>}, sk {@code USER}; gsi1 {@code USERS}/{@code <id>} lists users newest
 * first (ids are UUIDv7, so time-ordered). The schema is static: built once, no bean reflection at cold start.
 */
public final class UserItem {
  static final String USERS_PARTITION = "USERS";

  public static final TableSchema<UserItem> SCHEMA = StaticTableSchema.builder(UserItem.class)
      .newItemSupplier(UserItem::new)
      .addAttribute(String.class, a -> a.name("pk").getter(UserItem::getPk).setter(UserItem::setPk).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name("sk").getter(UserItem::getSk).setter(UserItem::setSk).tags(primarySortKey()))
      .addAttribute(String.class, a -> a.name("gsi1pk").getter(UserItem::getGsi1pk).setter(UserItem::setGsi1pk).tags(secondaryPartitionKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi1sk").getter(UserItem::getGsi1sk).setter(UserItem::setGsi1sk).tags(secondarySortKey("gsi1")))
      .addAttribute(String.class, a -> a.name("gsi2pk").getter(UserItem::getGsi2pk).setter(UserItem::setGsi2pk).tags(secondaryPartitionKey("gsi2")))
      .addAttribute(String.class, a -> a.name("gsi2sk").getter(UserItem::getGsi2sk).setter(UserItem::setGsi2sk).tags(secondarySortKey("gsi2")))
      .addAttribute(String.class, a -> a.name("id").getter(UserItem::getId).setter(UserItem::setId))
      .addAttribute(String.class, a -> a.name("email").getter(UserItem::getEmail).setter(UserItem::setEmail))
      .addAttribute(String.class, a -> a.name("name").getter(UserItem::getName).setter(UserItem::setName))
      .addAttribute(Integer.class, a -> a.name("age").getter(UserItem::getAge).setter(UserItem::setAge))
      .addAttribute(String.class, a -> a.name("role").getter(UserItem::getRole).setter(UserItem::setRole))
      .addAttribute(String.class, a -> a.name("passwordHash").getter(UserItem::getPasswordHash).setter(UserItem::setPasswordHash))
      .addAttribute(String.class, a -> a.name("createdAt").getter(UserItem::getCreatedAt).setter(UserItem::setCreatedAt))
      .addAttribute(String.class, a -> a.name("updatedAt").getter(UserItem::getUpdatedAt).setter(UserItem::setUpdatedAt))
      .addAttribute(Long.class, a -> a.name("version").getter(UserItem::getVersion).setter(UserItem::setVersion))
      .build();

  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String id;
  private String email;
  private String name;
  private Integer age;
  private String role;
  private String passwordHash;
  private String createdAt;
  private String updatedAt;
  private Long version;

  static String pk(String id) {
    return "USER#" + id;
  }

  static final String SK = "USER";

  /** gsi2 keys users by role: the daily summary finds the admins without reading every user. */
  static String roleKey(Role role) {
    return "ROLE#" + role.wire();
  }

  static UserItem of(User user, String passwordHash) {
    UserItem item = new UserItem();
    item.pk = pk(user.id());
    item.sk = SK;
    item.gsi1pk = USERS_PARTITION;
    item.gsi1sk = user.id();
    item.gsi2pk = roleKey(user.role());
    item.gsi2sk = user.id();
    item.id = user.id();
    item.email = user.email();
    item.name = user.name();
    item.age = user.age();
    item.role = user.role().wire();
    item.passwordHash = passwordHash;
    item.createdAt = Times.format(user.createdAt());
    item.updatedAt = Times.format(user.updatedAt());
    item.version = user.version();
    return item;
  }

  User toUser() {
    Role parsed = Role.fromWire(role).orElseThrow(() -> new IllegalStateException("Stored user " + id + " has an unknown role"));
    return new User(id, email, name, age, parsed, Times.parse(createdAt), Times.parse(updatedAt), version);
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
  public String getEmail() { return email; }
  public void setEmail(String v) { email = v; }
  public String getName() { return name; }
  public void setName(String v) { name = v; }
  public Integer getAge() { return age; }
  public void setAge(Integer v) { age = v; }
  public String getRole() { return role; }
  public void setRole(String v) { role = v; }
  public String getPasswordHash() { return passwordHash; }
  public void setPasswordHash(String v) { passwordHash = v; }
  public String getCreatedAt() { return createdAt; }
  public void setCreatedAt(String v) { createdAt = v; }
  public String getUpdatedAt() { return updatedAt; }
  public void setUpdatedAt(String v) { updatedAt = v; }
  public Long getVersion() { return version; }
  public void setVersion(Long v) { version = v; }
}
