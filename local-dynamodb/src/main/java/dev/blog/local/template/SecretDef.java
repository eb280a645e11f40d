package dev.blog.local.template;

/** An AWS::SecretsManager::Secret: its logical id, and the length of the string it generates. */
public record SecretDef(String logicalId, int generatedLength) {}
