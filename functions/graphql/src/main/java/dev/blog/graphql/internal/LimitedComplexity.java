package dev.blog.graphql.internal;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;

/**
 * A field costs 1 plus its selection; a paged field ({@code limit} argument) costs its selection
 * {@code limit} times, since it may return that many items. So the cost bounds the number of values a
 * response holds, which is what a user can make the store read.
 */
public final class LimitedComplexity implements FieldComplexityCalculator {
  @Override
  public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
    Object limit = environment.getArguments().get("limit");
    int times = limit instanceof Integer n && n > 1 ? n : 1;
    return 1 + (int) Math.min(Integer.MAX_VALUE / 2, (long) childComplexity * times);
  }
}
