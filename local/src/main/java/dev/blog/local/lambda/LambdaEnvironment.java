package dev.blog.local.lambda;

import dev.blog.local.template.FunctionDef;
import dev.blog.local.template.Intrinsics;
import dev.blog.local.template.LocalAccount;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The environment Lambda gives a function (the reserved variables of
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * with the SDK's standard endpoint variables pointing at the local servers, plus the template's own
 * variables resolved. One definition for the local stack and the bench, so both run functions alike.
 */
public final class LambdaEnvironment {
  private LambdaEnvironment() {}

  /**
   * @param endpoints the SDK service ids (as in {@code AWS_ENDPOINT_URL_<ID>}) and their local endpoints
   * @param names resolves the template's Ref/GetAtt names
   */
  public static Map<String, String> of(FunctionDef def, Map<String, URI> endpoints, Function<String, String> names) {
    Map<String, String> env = new TreeMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", "UTC");
    env.put("AWS_REGION", LocalAccount.REGION);
    env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
    // Each function its own credentials, as each has its own role in AWS: the local servers' IAM check reads the
    // access key id of each request's SigV4 signature to know which function's policies apply (LocalIam).
    env.put("AWS_ACCESS_KEY_ID", def.logicalId());
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
    env.put("AWS_LAMBDA_FUNCTION_NAME", def.logicalId());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(def.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + def.logicalId());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
    env.put("_HANDLER", def.handler());
    logging(def, names).forEach(env::put);
    // The SDK's standard endpoint variables: the functions' code is the code that runs in AWS.
    endpoints.forEach((service, endpoint) -> env.put("AWS_ENDPOINT_URL_" + service, endpoint.toString()));
    def.environment().forEach((name, value) -> env.put(name, Intrinsics.resolve(value, names)));
    return env;
  }

  /**
   * What Lambda tells the runtime of the function's {@code LoggingConfig}: {@code AWS_LAMBDA_LOG_FORMAT} (JSON or
   * Text) and, with JSON, {@code AWS_LAMBDA_LOG_LEVEL} (the ApplicationLogLevel). The runtime interface client's
   * own logger reads both: with JSON it wraps each {@code LambdaLogger.log(String)} line in
   * {@code {"timestamp","level","message","AWSRequestId"}} and drops lines below the level, as in AWS.
   * See https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
   */
  static Map<String, String> logging(FunctionDef def, Function<String, String> names) {
    Map<String, String> env = new TreeMap<>();
    Object format = def.loggingConfig().get("LogFormat");
    if (format != null) {
      String resolved = Intrinsics.resolve(format, names);
      env.put("AWS_LAMBDA_LOG_FORMAT", resolved);
      Object level = def.loggingConfig().get("ApplicationLogLevel");
      if ("JSON".equalsIgnoreCase(resolved) && level != null) {
        env.put("AWS_LAMBDA_LOG_LEVEL", Intrinsics.resolve(level, names));
      }
    }
    return env;
  }
}
