package dev.blog.bench.harness;

/** The floor: the cheapest Java program, started with the same JVM flags as the functions. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
