package dev.blog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.core.store.TableLayout;
import dev.blog.local.dynamodb.LocalDynamo;
import dev.blog.local.dynamodb.TableProvisioner;
import dev.blog.local.lambda.LambdaEnvironment;
import dev.blog.local.services.LocalSecrets;
import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.LocalNames;
import dev.blog.local.template.Template;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the bench's function JVMs run against, started by the bench's own JVM (so never on the CPU the function
 * is pinned to): moto server in memory with template.yaml's tables and fresh local secrets in its Secrets Manager,
 * and the users that the sample events refer to.
 */
final class BenchFixtures implements AutoCloseable {
  static final String ADMIN_ID = "0190f3a0-0000-7000-8000-000000000001";
  static final String USER_ID = "0190f3a0-0000-7000-8000-000000000002";
  /** The user of events/login.json, and the password every seeded user has. */
  static final String USER_EMAIL = "ada@example.com";
  static final String PASSWORD = "correct horse battery";
  /** The user LogoutFunction logs out, once per invocation: the event's session epoch follows the count. */
  static final String LOGOUT_USER_ID = "0190f3a0-0000-7000-8000-000000000005";
  /** Users that DeleteUserFunction deletes, one per invocation: this prefix and the index as 12 digits. */
  static final String DELETABLE_ID_PREFIX = "0190f3a0-0000-7000-8001-";
  /** The post of events/get-post.json and update-post.json: published, by the user …0002. */
  static final String POST_ID = "0190f3a0-0000-7000-8000-0000000000a1";
  /** Drafts that DeletePostFunction deletes, one per invocation: this prefix and the index as 12 digits. */
  static final String DELETABLE_POST_PREFIX = "0190f3a0-0000-7000-8002-";
  /** Published posts for the listings to show (a full page of GET /posts?limit=10). */
  private static final int LISTED_POSTS = 30;
  private static final String LISTED_POST_PREFIX = "0190f3a0-0000-7000-8003-";
  private static final String SEEDED_AT = "2026-01-01T10:00:00.000Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Template template;
  private final LocalDynamo dynamo;
  private final LocalSecrets localSecrets;
  private final LocalNames names;

  private BenchFixtures(Template template) {
    this.template = template;
    this.dynamo = LocalDynamo.start(0, null);
    Map<String, String> tables;
    try (DynamoDbClient client = LocalDynamo.client(dynamo.endpoint())) {
      tables = new TableProvisioner(template).create(client, "");
    }
    // As the local stack does: fresh local values for every secret, in moto server's Secrets Manager.
    this.localSecrets = LocalSecrets.forTemplate(template, null);
    localSecrets.putInto(dynamo.endpoint());
    this.names = new LocalNames(template, tables, Map.of(LocalSecrets.PUBLIC_JWKS_PARAMETER, localSecrets.publicJwks()));
  }

  static BenchFixtures start(Template template) {
    return new BenchFixtures(template);
  }

  /** The environment the template gives a function, as the local stack gives it (without the queue and SMTP). */
  Map<String, String> environment(FunctionDef def) {
    return LambdaEnvironment.of(def, Map.of("DYNAMODB", dynamo.endpoint(), "SECRETS_MANAGER", dynamo.endpoint()),
        names);
  }

  /**
   * Writes the admin (…0001), the user of the sample events (…0002, {@value #USER_EMAIL}) and
   * {@code deletable} users for DeleteUserFunction straight into the table, with the keys of TableLayout and the
   * attributes of dev.blog.core.user.internal.UserItem: user item, email reservation, counter.
   * The password hash comes from the functions' own PasswordHasher, so that login verifies for real.
   */
  void seedUsers(String tableName, Path functionJar, int deletable) {
    String hash = passwordHash(functionJar, PASSWORD);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    addUser(items, ADMIN_ID, "admin@example.com", "Bench Admin", "admin", hash);
    addUser(items, USER_ID, USER_EMAIL, "Ada Lovelace", "user", hash);
    addUser(items, LOGOUT_USER_ID, "edsger@example.com", "Edsger Dijkstra", "user", hash);
    for (int i = 0; i < deletable; i++) {
      addUser(items, DELETABLE_ID_PREFIX + twelveDigits(i), "bench-delete-" + i + "@example.com", "Deletable " + i, "user", hash);
    }
    Map<String, AttributeValue> counter = new HashMap<>(TableLayout.userCounter().attributes());
    counter.put("count", AttributeValue.fromN(String.valueOf(3 + deletable)));
    items.add(counter);
    write(tableName, items);
  }

  /**
   * Writes the posts the sample events name, {@value #LISTED_POSTS} published ones to list and {@code deletable}
   * drafts for DeletePostFunction, all by the user …0002, in the layout of dev.blog.core.post.internal.PostItem.
   */
  void seedPosts(String tableName, int deletable) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < LISTED_POSTS; i++) {
      items.add(post(LISTED_POST_PREFIX + twelveDigits(i), true));
    }
    items.add(post(POST_ID, true));
    for (int i = 0; i < deletable; i++) {
      items.add(post(DELETABLE_POST_PREFIX + twelveDigits(i), false));
    }
    write(tableName, items);
  }

  private static Map<String, AttributeValue> post(String id, boolean published) {
    Map<String, AttributeValue> post = new HashMap<>(TableLayout.post(id).attributes());
    if (published) {
      listedIn(post, TableLayout.publishedPosts(), id);
    }
    listedIn(post, TableLayout.postsBy(USER_ID, published), id);
    post.put("id", s(id));
    post.put("authorId", s(USER_ID));
    post.put("title", s("Seeded post " + id.substring(id.length() - 4)));
    post.put("content", s("Text of a post the bench seeded. ".repeat(20)));
    post.put("published", AttributeValue.fromBool(published));
    post.put("createdAt", s(SEEDED_AT));
    post.put("updatedAt", s(SEEDED_AT));
    post.put("version", AttributeValue.fromN("1"));
    return post;
  }

  private static String twelveDigits(int i) {
    return Long.toString(1_000_000_000_000L + i).substring(1);
  }

  private void write(String tableName, List<Map<String, AttributeValue>> items) {
    try (DynamoDbClient client = LocalDynamo.client(dynamo.endpoint())) {
      for (int from = 0; from < items.size(); from += 25) {
        List<WriteRequest> batch = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.subList(from, Math.min(from + 25, items.size()))) {
          batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        while (!pending.isEmpty()) { // DynamoDB may leave some items of a batch for a retry
          Map<String, List<WriteRequest>> request = pending;
          pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
      }
    }
  }

  private static void addUser(List<Map<String, AttributeValue>> items, String id, String email, String name, String role,
      String hash) {
    Map<String, AttributeValue> user = new HashMap<>(TableLayout.user(id).attributes());
    listedIn(user, TableLayout.users(), id);
    listedIn(user, TableLayout.usersWithRole(role), id);
    user.put("id", s(id));
    user.put("email", s(email));
    user.put("name", s(name));
    user.put("role", s(role));
    user.put("passwordHash", s(hash));
    user.put("createdAt", s(SEEDED_AT));
    user.put("updatedAt", s(SEEDED_AT));
    user.put("version", AttributeValue.fromN("1"));
    items.add(user);
    Map<String, AttributeValue> reservation = new HashMap<>(TableLayout.emailReservation(email).attributes());
    reservation.put("userId", s(id));
    reservation.put("email", s(email));
    items.add(reservation);
  }

  /** The index attributes that put an item with this id into {@code listing}. */
  private static void listedIn(Map<String, AttributeValue> item, TableLayout.Listing listing, String id) {
    item.put(listing.index().partitionKey(), s(listing.partition()));
    item.put(listing.index().sortKey(), s(id));
  }

  /** dev.blog.core.security.PasswordHasher#hash from the function's jar, in a class loader of its own. */
  private static String passwordHash(Path functionJar, String password) {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {functionJar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> hasher = loader.loadClass("dev.blog.core.security.PasswordHasher");
      return (String) hasher.getMethod("hash", String.class).invoke(hasher.getDeclaredConstructor().newInstance(), password);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot hash a password with " + functionJar + "'s PasswordHasher", e);
    }
  }

  /**
   * An ES256 access token for {@code subject}, signed with the local signing key as TokenIssuer would sign
   * it. The JDK's P1363 ECDSA format is already JOSE's 64-byte R||S (no DER to convert).
   */
  String signedToken(String subject, String role, String issuer, String audience) {
    try {
      JsonNode jwk = JSON.readTree(localSecrets.secret(LocalSecrets.SIGNING_KEY_SECRET));
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      var key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
          new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("d").asText())),
          parameters.getParameterSpec(ECParameterSpec.class)));
      long now = Instant.now().getEpochSecond();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "ES256");
      header.put("kid", jwk.path("kid").asText());
      header.put("typ", "JWT");
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("sub", subject);
      claims.put("role", role);
      claims.put("iss", issuer);
      claims.put("aud", audience);
      claims.put("iat", now);
      claims.put("nbf", now);
      claims.put("exp", now + 6 * 3600); // outlives any bench run
      claims.put("jti", UUID.randomUUID().toString());
      String signingInput = base64(JSON.writeValueAsBytes(header)) + "." + base64(JSON.writeValueAsBytes(claims));
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64(signer.sign());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot sign a token with the local signing key", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  @Override
  public void close() {
    dynamo.close();
  }
}
