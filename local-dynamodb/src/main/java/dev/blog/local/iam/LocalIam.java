package dev.blog.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blog.local.faults.Gate;
import dev.blog.local.template.LocalAccount;
import dev.blog.local.template.PolicyStatement;
import dev.blog.local.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * IAM on the local stack: each function of template.yaml is a principal (its logical id is its access key id) with
 * the statements its deployed role holds, and every request a function makes of DynamoDB, SQS and Secrets Manager
 * (and every email it sends) is authorised as AWS authorises it. A refused request gets the service's own error,
 * and the stack's log gets one line naming the function, the action, the resource and why.
 */
public final class LocalIam {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SES_IDENTITY = "arn:aws:ses:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT + ":identity/";

  private final Map<String, PolicyEvaluator> principals = new LinkedHashMap<>();
  private final Map<String, List<PolicyStatement>> statements = new LinkedHashMap<>();
  /** What each function's Allow statements were used for: "origin action-pattern resource-pattern". */
  private final Map<String, Set<String>> used = new ConcurrentHashMap<>();
  private final Set<String> sesIdentities = new TreeSet<>();
  private final DynamoDbCalls dynamoDb;
  private final Consumer<String> log;

  /**
   * Every function's policies, resolved with {@code names} (what the functions' environment is resolved with);
   * fails, naming the statement, on a policy the local stack cannot evaluate faithfully.
   */
  public LocalIam(Template template, Function<String, String> names, Map<String, String> tableNames, Consumer<String> log) {
    for (String function : template.functionIds()) {
      var declared = template.policies(function, names);
      principals.put(function, new PolicyEvaluator(declared));
      statements.put(function, declared);
      declared.forEach(s -> s.resources().stream().filter(r -> r.startsWith(SES_IDENTITY) && !r.contains("*"))
          .forEach(r -> sesIdentities.add(r.substring(SES_IDENTITY.length()))));
    }
    this.dynamoDb = new DynamoDbCalls(template.tables(), tableNames);
    this.log = log;
    requireEventSourcePermissions(template, names);
  }

  /**
   * What Lambda checks of a function's role when its event source mappings and destinations are created (so what
   * {@code sam deploy} fails on): an SQS mapping needs ReceiveMessage, DeleteMessage and GetQueueAttributes on the
   * queue, a DynamoDB stream mapping DescribeStream, GetRecords, GetShardIterator and ListStreams on the stream,
   * a failure destination SendMessage on its queue. The local pollers read the servers directly, so this is where
   * those statements are proven.
   */
  private void requireEventSourcePermissions(Template template, Function<String, String> names) {
    for (var source : template.sqsSources()) {
      require(source.functionId(), "its SQS event source", names.apply(source.queueId() + ".Arn"),
          "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
    }
    for (var source : template.streamSources()) {
      require(source.functionId(), "its DynamoDB stream event source", names.apply(source.tableId() + ".StreamArn"),
          "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");
      source.onFailureQueueId().ifPresent(queue -> require(source.functionId(), "its stream's OnFailure destination",
          names.apply(queue + ".Arn"), "sqs:SendMessage"));
    }
    for (String function : template.functionIds()) {
      template.asyncInvoke(function).onFailureQueueId().ifPresent(queue -> require(function,
          "its EventInvokeConfig OnFailure destination", names.apply(queue + ".Arn"), "sqs:SendMessage"));
    }
  }

  private void require(String function, String what, String resource, String... actions) {
    for (String action : actions) {
      Call call = withCaller(new Call(action, resource), function);
      Decision decision = principals.get(function).evaluate(call);
      recordUse(function, call, decision);
      if (!decision.allowed()) {
        throw new IllegalStateException("template.yaml: " + function + " cannot have " + what + ": the provided execution "
            + "role does not have permissions to call " + action + " on " + resource + " (" + decision.reason() + ")");
      }
    }
  }

  /** The principal a function's requests are made as: the assumed role SAM creates for it ({@code <Id>Role}). */
  public static String principalArn(String functionId) {
    return "arn:aws:sts::" + LocalAccount.ACCOUNT + ":assumed-role/" + functionId + "Role/" + functionId;
  }

  /** The check in front of DynamoDB (and its streams). */
  public Gate dynamoDb() {
    return (authorization, operation, body) -> check(Denials.DYNAMODB, authorization, () -> dynamoDb.of(operation, json(body)));
  }

  /** The check in front of SQS. */
  public Gate sqs() {
    return (authorization, operation, body) -> check(Denials.SQS, authorization, () -> SqsCalls.of(operation, json(body)));
  }

  /** The check in front of Secrets Manager: the secret by ARN, or by name as the account's secret of that name. */
  public Gate secretsManager() {
    return (authorization, operation, body) -> check(Denials.SECRETS_MANAGER, authorization, () -> {
      String id = json(body).path("SecretId").asText("*");
      return List.of(new Call("secretsmanager:" + operation, id.startsWith("arn:") || id.equals("*") ? id
          : LocalAccount.secretArn(id)));
    });
  }

  /**
   * Whether {@code function} may send an email from {@code from} to {@code recipients} with SES (API v2 SendEmail):
   * {@code ses:SendEmail} on the identity that sends it (the address if a policy names it as an identity, else its
   * domain), with {@code ses:FromAddress}, {@code ses:Recipients} and {@code ses:ApiVersion}. Answers AWS's message
   * when it may not (and logs the denial).
   */
  public Optional<String> sendEmailDenial(String function, String from, List<String> recipients) {
    PolicyEvaluator evaluator = principals.get(function);
    String identity = sesIdentities.contains(from) ? from : from.substring(from.indexOf('@') + 1);
    Call call = withCaller(new Call("ses:SendEmail", SES_IDENTITY + identity, Map.of("ses:FromAddress", List.of(from),
        "ses:Recipients", recipients, "ses:ApiVersion", List.of("2"))), function);
    Decision decision = evaluator == null ? new Decision(Decision.Outcome.IMPLICITLY_DENIED, "no such function")
        : evaluator.evaluate(call);
    if (decision.allowed()) {
      recordUse(function, call, decision);
      return Optional.empty();
    }
    logDenial(function, call, decision);
    return Optional.of("User: " + principalArn(function) + " is not authorized to perform: ses:SendEmail on resource: "
        + call.resource());
  }

  private Optional<Gate.Refusal> check(Denials service, String authorization, java.util.function.Supplier<List<Call>> calls) {
    Optional<Credential> credential = Credential.parse(authorization);
    if (credential.isEmpty()) {
      log(service, "", "request without SigV4 credentials refused");
      return Optional.of(service.missingToken());
    }
    String function = credential.get().accessKeyId();
    PolicyEvaluator evaluator = principals.get(function);
    if (evaluator == null) {
      log(service, function, "unknown access key refused (each function signs with its logical id)");
      return Optional.of(service.unrecognized());
    }
    if (!credential.get().region().equals(LocalAccount.REGION)) {
      return Optional.of(service.badScope("Credential should be scoped to a valid region. "));
    }
    if (!credential.get().service().equals(service.signingName)) {
      return Optional.of(service.badScope("Credential should be scoped to correct service: '" + service.signingName + "'. "));
    }
    for (Call call : calls.get()) {
      Call full = withCaller(call, function);
      Decision decision = evaluator.evaluate(full);
      recordUse(function, full, decision);
      if (!decision.allowed()) {
        logDenial(function, full, decision);
        return Optional.of(service.accessDenied(principalArn(function), full,
            decision.outcome() == Decision.Outcome.EXPLICITLY_DENIED));
      }
    }
    return Optional.empty();
  }

  private void recordUse(String function, Call call, Decision decision) {
    decision.statement().filter(PolicyStatement::allow).ifPresent(statement -> {
      for (String action : statement.actions()) {
        for (String resource : statement.resources()) {
          if (Wildcards.actionMatches(action, call.action()) && Wildcards.resourceMatches(resource, call.resource())) {
            used.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet())
                .add(statement.origin() + " " + action + " " + resource);
          }
        }
      }
    });
  }

  /**
   * Every action on every resource that a function's own Allow statements grant (not what SAM adds) and that no
   * call allowed so far needed, by function: the candidates for removal from template.yaml once a run has done
   * everything the functions do (the system tests write it to system-tests/target/iam-unused-grants.txt).
   */
  public Map<String, List<String>> unusedGrants() {
    Map<String, List<String>> unused = new LinkedHashMap<>();
    statements.forEach((function, declared) -> {
      Set<String> usedHere = used.getOrDefault(function, Set.of());
      List<String> grants = new ArrayList<>();
      for (PolicyStatement statement : declared) {
        if (!statement.allow() || statement.notAction() || statement.notResource() || statement.origin().startsWith("SAM")) {
          continue;
        }
        for (String action : statement.actions()) {
          for (String resource : statement.resources()) {
            if (!usedHere.contains(statement.origin() + " " + action + " " + resource)) {
              grants.add(statement.origin() + " " + action + " on " + resource);
            }
          }
        }
      }
      if (!grants.isEmpty()) {
        unused.put(function, List.copyOf(grants));
      }
    });
    return unused;
  }

  /** The global condition keys every request has. */
  private static Call withCaller(Call call, String function) {
    Map<String, List<String>> context = new HashMap<>(call.context());
    context.put("aws:PrincipalArn", List.of("arn:aws:iam::" + LocalAccount.ACCOUNT + ":role/" + function + "Role"));
    context.put("aws:RequestedRegion", List.of(LocalAccount.REGION));
    return new Call(call.action(), call.resource(), context);
  }

  private void logDenial(String function, Call call, Decision decision) {
    log.accept(JSON.createObjectNode().put("source", "iam").put("message", "access denied")
        .put("function", function).put("action", call.action()).put("resource", call.resource())
        .put("reason", decision.reason())
        .put("fix", "allow " + call.action() + " on " + call.resource() + " in " + function
            + "'s Policies in template.yaml, if the function should do this").toString());
  }

  private void log(Denials service, String accessKeyId, String message) {
    log.accept(JSON.createObjectNode().put("source", "iam").put("message", message)
        .put("service", service.signingName).put("accessKeyId", accessKeyId).toString());
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The functions that are principals here. */
  public List<String> functions() {
    return new ArrayList<>(principals.keySet());
  }
}
