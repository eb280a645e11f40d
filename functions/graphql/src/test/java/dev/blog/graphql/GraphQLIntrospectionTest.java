package dev.blog.graphql;

import static dev.blog.graphql.GraphQLFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What GraphQL tools see: the standard introspection query of graphql-js (every option variant, as GraphiQL,
 * Apollo's tooling, graphql-codegen, Postman and Insomnia send it) and graphql-java's own are answered for a
 * signed-in caller, the schema built back from the answer is the schema we serve, and introspection stays bounded.
 */
class GraphQLIntrospectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GraphQLFixture f = new GraphQLFixture();

  private static String resource(String name) {
    try (InputStream in = GraphQLIntrospectionTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String standardQuery(String variant) {
    return variant.equals("graphql-java") ? IntrospectionQuery.INTROSPECTION_QUERY
        : resource("introspection/" + variant + ".graphql");
  }

  /** The schema as SDL, printed the one way, so that two schemas compare as text. */
  private static String printed(TypeDefinitionRegistry types) {
    var schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
    return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)
        .includeSchemaDefinition(false).includeIntrospectionTypes(false).includeScalarTypes(false))
        .print(schema);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "all-options", "no-descriptions", "graphql-java"})
  void theStandardIntrospectionQueryGivesBackTheSchemaWeServe(String variant) throws Exception {
    APIGatewayV2HTTPEvent sample = sample();
    f.graph.requests().reset();
    JsonNode answer = f.run(sample, f.author, standardQuery(variant));

    assertThat(answer.has("errors")).as(answer.path("errors").toString()).isFalse();
    System.out.printf("figure: introspection query %s: %d bytes, %d fields asked for (its cost), answer %d bytes%n",
        variant, standardQuery(variant).getBytes(StandardCharsets.UTF_8).length, fieldsAskedFor(standardQuery(variant)),
        answer.toString().getBytes(StandardCharsets.UTF_8).length);
    assertThat(f.graph.requests().total()).as("introspection reads nothing from the store").isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = JSON.convertValue(answer.get("data"), Map.class);
    Document rebuilt = new IntrospectionResultToSchema().createSchemaDefinition(data);
    TypeDefinitionRegistry served = new SchemaParser().parse(resource("/dev/blog/graphql/schema.graphqls"));
    String expected = printed(served);
    if (variant.equals("no-descriptions")) {
      expected = withoutDescriptions(expected); // what a tool that asked for no descriptions gets
    }
    assertThat(printed(new SchemaParser().buildRegistry(rebuilt))).isEqualTo(expected);
  }

  /** Every field the query selects, fragments expanded: RequestBudget's cost of it (no field of it is paged). */
  private static int fieldsAskedFor(String query) {
    var schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(
        new SchemaParser().parse(resource("/dev/blog/graphql/schema.graphqls")));
    int[] fields = {0};
    graphql.analysis.QueryTraverser.newQueryTraverser().schema(schema).document(graphql.parser.Parser.parse(query))
        .variables(Map.of()).build().visitPreOrder(new graphql.analysis.QueryVisitorStub() {
          @Override
          public void visitField(graphql.analysis.QueryVisitorFieldEnvironment env) {
            fields[0]++;
          }
        });
    return fields[0];
  }

  /** The SDL without its description lines ({@code "..."} and {@code """} blocks). */
  private static String withoutDescriptions(String sdl) {
    return sdl.replaceAll("(?s)[ \\t]*\"\"\".*?\"\"\"[ \\t]*\\n", "").replaceAll("(?m)^[ \\t]*\"[^\\n]*\"[ \\t]*\\n", "");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void introspectionWithoutATokenIsRefused(APIGatewayV2HTTPEvent sample) {
    JsonNode answer = f.run(sample, null, standardQuery("default"));
    assertThat(codes(answer)).containsExactly("UNAUTHENTICATED");
    assertThat(answer.path("data").path("__schema").isMissingNode() || answer.path("data").isNull()
        || answer.at("/data/__schema").isNull()).isTrue();
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void thirtyAliasedSchemaFieldsAreRefused(APIGatewayV2HTTPEvent sample) {
    String thirty = "{ " + IntStream.range(0, 30).mapToObj(i -> "s" + i + ": __schema { types { name } }")
        .collect(Collectors.joining(" ")) + " }";
    JsonNode answer = f.run(sample, f.author, thirty);
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/message").asText()).contains("30 introspection fields");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void anIntrospectionChainDeeperThanTheStandardOneIsRefused(APIGatewayV2HTTPEvent sample) {
    String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(12) + "name" + " }".repeat(12)
        + " } } } } }";
    JsonNode answer = f.run(sample, f.author, deep);
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/message").asText()).contains("introspection depth");
  }

  @ParameterizedTest
  @Event(value = "events/graphql.json", type = APIGatewayV2HTTPEvent.class)
  void introspectionMixedWithDataHoldsTheDataPartToTheDataRules(APIGatewayV2HTTPEvent sample) {
    f.graph.requests().reset();
    String costly = "{ __schema { queryType { name } } " + IntStream.range(0, 11)
        .mapToObj(i -> "p" + i + ": posts(limit: 100) { items { id } }").collect(Collectors.joining(" ")) + " }";
    JsonNode answer = f.run(sample, f.author, costly);
    assertThat(codes(answer)).containsExactly("BAD_USER_INPUT");
    assertThat(answer.at("/errors/0/message").asText()).contains("costs");
    assertThat(f.graph.requests().total()).isZero();

    JsonNode fine = f.run(sample, f.author, "{ __schema { queryType { name } } me { id } }");
    assertThat(fine.has("errors")).as(fine.toString()).isFalse();
    assertThat(fine.at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
    assertThat(fine.at("/data/me/id").asText()).isEqualTo(f.author.userId());
  }

  private static APIGatewayV2HTTPEvent sample() {
    return com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayHttpEvent("events/graphql.json");
  }
}
