package dev.blog.graphql.internal;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.ExecutionResult;

/**
 * What one request may ask for, checked on the operation about to run (its variables applied, its fragments
 * expanded, every alias counted as the field it is) before any resolver runs, so a refused request reads and
 * writes nothing (OWASP GraphQL Cheat Sheet, "Query Limiting" and "Batching Attacks":
 * https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html):
 *
 * <ul>
 *   <li>a depth of at most {@link #MAX_DEPTH} for the data it asks for (introspection apart, below);
 *   <li>at most {@link #MAX_ROOT_FIELDS} root fields and {@link #MAX_MUTATION_FIELDS} mutation fields: aliases
 *       cannot turn one request into hundreds of writes (or of guesses) past the per-request throttles;
 *   <li>a cost of at most {@link #MAX_COST}: every field selected costs 1; a paged field ({@code limit}) costs
 *       the items it may read, {@code limit} times the items of the pages it is nested in; a mutation costs
 *       {@link #MUTATION_COST}. So the cost bounds the items the store may be asked for, and a handful of
 *       writes uses up a request;
 *   <li>introspection by its own rule: at most {@link #MAX_INTROSPECTION_FIELDS} introspection root fields
 *       ({@code __schema}, {@code __type}, aliases counted) and a depth of at most {@link #MAX_INTROSPECTION_DEPTH}.
 *       The standard introspection query of graphql-js 16 (what GraphiQL, Apollo's tooling, graphql-codegen,
 *       Postman and Insomnia send) nests its {@code ofType} chain to depth 15 and asks for one {@code __schema}:
 *       it passes, while thirty aliased {@code __schema} fields, or a chain nested past the standard one, do not.
 *       Its fields are counted in the cost too, like any other. (graphql-java's own good-faith check, which also
 *       refuses a repeated {@code __Type.fields} chain, stays on behind this rule.)
 * </ul>
 */
public final class RequestBudget extends SimplePerformantInstrumentation {
  /**
   * The deepest data query of this schema is {@code users { items { posts { items { title } } } }} (depth 5); a
   * little room above it, and none for the cyclic abuse that deep queries are.
   */
  public static final int MAX_DEPTH = 8;
  public static final int MAX_INTROSPECTION_FIELDS = 2;
  /** graphql-js 16's query reaches 15: {@code __schema.types.fields.args.type}, nine {@code ofType}, then {@code kind}. */
  public static final int MAX_INTROSPECTION_DEPTH = 15;
  public static final int MAX_ROOT_FIELDS = 20;
  public static final int MAX_MUTATION_FIELDS = 5;
  public static final int MUTATION_COST = 100;
  /**
   * {@code users(limit: 20) { items { posts(limit: 20) { items { ... } } } } }} reads 420 items and costs about
   * 450; ten aliased {@code posts(limit: 100)} would read 1,000 and are refused.
   */
  public static final int MAX_COST = 1_000;
  private static final int DEFAULT_LIMIT = 20;

  /** What the operation asks for. */
  record Demand(int rootFields, int mutationFields, long cost, int depth, int introspectionFields,
      int introspectionDepth) {}

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
      InstrumentationState state) {
    Demand demand = demandOf(parameters.getExecutionContext());
    if (demand.depth() > MAX_DEPTH) {
      throw refused("has a depth of " + demand.depth() + "; at most " + MAX_DEPTH + " is allowed");
    }
    if (demand.introspectionFields() > MAX_INTROSPECTION_FIELDS) {
      throw refused("asks for " + demand.introspectionFields() + " introspection fields (__schema, __type); at most "
          + MAX_INTROSPECTION_FIELDS + " are allowed (aliases count)");
    }
    if (demand.introspectionDepth() > MAX_INTROSPECTION_DEPTH) {
      throw refused("has an introspection depth of " + demand.introspectionDepth() + "; at most "
          + MAX_INTROSPECTION_DEPTH + " is allowed");
    }
    if (demand.rootFields() > MAX_ROOT_FIELDS) {
      throw refused("asks for " + demand.rootFields() + " root fields; at most " + MAX_ROOT_FIELDS
          + " are allowed (aliases count)");
    }
    if (demand.mutationFields() > MAX_MUTATION_FIELDS) {
      throw refused("holds " + demand.mutationFields() + " mutations; at most " + MAX_MUTATION_FIELDS
          + " are allowed (aliases count)");
    }
    if (demand.cost() > MAX_COST) {
      throw refused("costs " + demand.cost() + "; at most " + MAX_COST + " is allowed (a field costs 1, a page"
          + " the items it may read, a mutation " + MUTATION_COST + ")");
    }
    return SimpleInstrumentationContext.noOp();
  }

  static Demand demandOf(ExecutionContext execution) {
    boolean mutation = execution.isMutationOperation();
    QueryTraverser traverser = QueryTraverser.newQueryTraverser()
        .schema(execution.getGraphQLSchema())
        .document(execution.getDocument())
        .operationName(execution.getOperationDefinition().getName())
        .coercedVariables(execution.getCoercedVariables())
        .build();
    long[] counts = new long[6]; // root fields, mutation fields, cost, depth, introspection fields, introspection depth
    traverser.visitPreOrder(new QueryVisitorStub() {
      @Override
      public void visitField(QueryVisitorFieldEnvironment field) {
        boolean root = field.getParentEnvironment() == null;
        counts[2] = saturatedAdd(counts[2], 1);
        int depth = 1;
        QueryVisitorFieldEnvironment top = field;
        while (top.getParentEnvironment() != null) {
          top = top.getParentEnvironment();
          depth++;
        }
        if (isIntrospectionRoot(top)) {
          counts[5] = Math.max(counts[5], depth);
          if (root) {
            counts[4]++;
          }
        } else {
          counts[3] = Math.max(counts[3], depth);
        }
        if (root) {
          counts[0]++;
          if (mutation && !field.isTypeNameIntrospectionField()) {
            counts[1]++;
            counts[2] = saturatedAdd(counts[2], MUTATION_COST);
          }
        }
        if (isPaged(field)) {
          counts[2] = saturatedAdd(counts[2], itemsRead(field));
        }
      }
    });
    return new Demand((int) counts[0], (int) counts[1], counts[2], (int) counts[3], (int) counts[4], (int) counts[5]);
  }

  /** {@code __schema} or {@code __type} (not {@code __typename}, a plain leaf of any type). */
  private static boolean isIntrospectionRoot(QueryVisitorFieldEnvironment field) {
    String name = field.getFieldDefinition().getName();
    return name.equals("__schema") || name.equals("__type");
  }

  /** The items a paged field may read: its limit times the limits of every page it is nested in. */
  private static long itemsRead(QueryVisitorFieldEnvironment field) {
    long items = 1;
    for (QueryVisitorFieldEnvironment f = field; f != null; f = f.getParentEnvironment()) {
      if (isPaged(f)) {
        items = Math.min(Long.MAX_VALUE / 1_000, items * limit(f));
      }
    }
    return items;
  }

  private static boolean isPaged(QueryVisitorFieldEnvironment field) {
    return !field.isTypeNameIntrospectionField() && field.getFieldDefinition().getArgument("limit") != null;
  }

  /** The limit asked for (the schema's default when none); a limit out of range is refused by the resolver later. */
  private static long limit(QueryVisitorFieldEnvironment field) {
    Object limit = field.getArguments().get("limit");
    return limit instanceof Integer n ? Math.max(1, n) : DEFAULT_LIMIT;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  private static AbortExecutionException refused(String why) {
    return new AbortExecutionException("The request " + why);
  }
}
