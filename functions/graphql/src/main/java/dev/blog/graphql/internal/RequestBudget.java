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
 *   <li>at most {@link #MAX_ROOT_FIELDS} root fields and {@link #MAX_MUTATION_FIELDS} mutation fields: aliases
 *       cannot turn one request into hundreds of writes (or of guesses) past the per-request throttles;
 *   <li>a cost of at most {@link #MAX_COST}: every field selected costs 1; a paged field ({@code limit}) costs
 *       the items it may read, {@code limit} times the items of the pages it is nested in; a mutation costs
 *       {@link #MUTATION_COST}. So the cost bounds the items the store may be asked for, and a handful of
 *       writes uses up a request.
 * </ul>
 */
public final class RequestBudget extends SimplePerformantInstrumentation {
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
  record Demand(int rootFields, int mutationFields, long cost) {}

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
      InstrumentationState state) {
    Demand demand = demandOf(parameters.getExecutionContext());
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
    long[] counts = new long[3]; // root fields, mutation fields, cost
    traverser.visitPreOrder(new QueryVisitorStub() {
      @Override
      public void visitField(QueryVisitorFieldEnvironment field) {
        boolean root = field.getParentEnvironment() == null;
        counts[2] = saturatedAdd(counts[2], 1);
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
    return new Demand((int) counts[0], (int) counts[1], counts[2]);
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
